import { condition } from '@temporalio/workflow';

/** Waits until `settled()` or the instant `at`; true when settled first. Time is Temporal's. */
export async function settledBefore(settled: () => boolean, at: number): Promise<boolean> {
  const remaining = at - Date.now();
  if (settled()) return true;
  if (remaining <= 0) return false;
  return condition(settled, remaining);
}

export interface DeadlinePlan {
  settled: () => boolean;
  reminderAt?: number | undefined;
  onReminder?: () => Promise<void>;
  dueAt: number;
  onMissed: () => Promise<void>;
  /** Further escalations after the miss, in order. */
  escalations: { at: number; run: () => Promise<void> }[];
  closeAt?: number | undefined;
  onClose?: () => Promise<void>;
}

/**
 * The common shape of every deadline in the regulation: a reminder before it, a miss recorded
 * against the responsible person, escalation up the chain, and (optionally) closing it as unmet.
 */
export async function watchDeadline(plan: DeadlinePlan): Promise<'met' | 'late' | 'closed' | 'open'> {
  if (plan.reminderAt !== undefined && plan.onReminder && !(await settledBefore(plan.settled, plan.reminderAt))) {
    await plan.onReminder();
  }
  if (await settledBefore(plan.settled, plan.dueAt)) return 'met';
  await plan.onMissed();
  for (const escalation of plan.escalations) {
    if (await settledBefore(plan.settled, escalation.at)) return 'late';
    await escalation.run();
  }
  if (plan.closeAt === undefined) {
    await condition(plan.settled);
    return 'late';
  }
  if (await settledBefore(plan.settled, plan.closeAt)) return 'late';
  await plan.onClose?.();
  return 'closed';
}
