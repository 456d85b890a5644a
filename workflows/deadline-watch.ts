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
  onReminder?: () => Promise<unknown>;
  dueAt: number;
  onMissed: () => Promise<unknown>;
  /** Further escalations after the miss, in order. */
  escalations: { at: number; run: () => Promise<unknown> }[];
  closeAt?: number | undefined;
  onClose?: () => Promise<unknown>;
  /**
   * Set when the steps' writes are batched (step-batch.ts): a step already due is taken at once, its write queued, not
   * awaited; `flush` sends the queue before the watch waits on anything and before it ends. Unset, each step's write
   * is awaited before the next step, as in histories recorded before.
   */
  flush?: (() => Promise<void>) | undefined;
}

type Outcome = 'met' | 'late' | 'closed' | 'open';

/** How a watch moves from step to step: one at a time, or the steps already due together. */
interface Pace {
  settledBefore: (at: number) => Promise<boolean>;
  take: (step: () => Promise<unknown>) => Promise<unknown>;
  settledAtAll: () => Promise<void>;
  end: (outcome: Outcome) => Outcome | Promise<Outcome>;
}

/** Each step's write awaited before the next: the calls, and their order, of histories recorded before batching. */
const stepByStep = (plan: DeadlinePlan): Pace => ({
  settledBefore: (at) => settledBefore(plan.settled, at),
  take: (step) => step(),
  settledAtAll: () => condition(plan.settled),
  end: (outcome) => outcome,
});

/** The steps already due taken at once, their writes queued and sent together before any wait and at the end. */
function together(plan: DeadlinePlan, flush: () => Promise<void>): Pace {
  const queued: Promise<unknown>[] = [];
  const landed = async () => {
    const steps = Promise.all(queued.splice(0));
    steps.catch(() => undefined); // a failed batch throws from flush; its steps' rejections are the same failure
    await flush();
    await steps;
  };
  return {
    settledBefore: async (at) => {
      if (at <= Date.now()) return plan.settled();
      await landed();
      return settledBefore(plan.settled, at);
    },
    take: (step) => {
      queued.push(step());
      return Promise.resolve();
    },
    settledAtAll: async () => {
      await landed();
      await condition(plan.settled);
    },
    end: async (outcome) => {
      await landed();
      return outcome;
    },
  };
}

/**
 * The common shape of every deadline in the regulation: a reminder before it, a miss recorded
 * against the responsible person, escalation up the chain, and (optionally) closing it as unmet.
 */
export async function watchDeadline(plan: DeadlinePlan): Promise<Outcome> {
  const pace = plan.flush ? together(plan, plan.flush) : stepByStep(plan);
  if (plan.reminderAt !== undefined && plan.onReminder && !(await pace.settledBefore(plan.reminderAt))) {
    await pace.take(plan.onReminder);
  }
  if (await pace.settledBefore(plan.dueAt)) return pace.end('met');
  await pace.take(plan.onMissed);
  for (const escalation of plan.escalations) {
    if (await pace.settledBefore(escalation.at)) return pace.end('late');
    await pace.take(escalation.run);
  }
  if (plan.closeAt === undefined) {
    await pace.settledAtAll();
    return pace.end('late');
  }
  if (await pace.settledBefore(plan.closeAt)) return pace.end('late');
  await (plan.onClose && pace.take(plan.onClose));
  return pace.end('closed');
}
