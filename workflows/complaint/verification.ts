import type { ComplaintEvent } from '../../machines/complaint.machine';
import type { ComplaintView, RecordVerificationArgs, StartVerificationArgs } from '../complaint.messages';
import type { ComplaintRun } from './run-state';

/**
 * The auditors' steps (updates) and leadership's answer (a signal from the assignment), registered as they are. Each
 * update validates again (another may have landed since its validator ran), applies the event and records it.
 */

export async function startVerification(run: ComplaintRun, { actor }: StartVerificationArgs): Promise<ComplaintView> {
  run.machine.validate({ type: 'START_VERIFICATION', actor });
  await run.step({ type: 'START_VERIFICATION', actor }, actor.id, 'COMPLAINT_VERIFICATION_STARTED', {
    kind: 'VERIFICATION_STARTED',
  });
  return run.view();
}

export async function recordVerification(
  run: ComplaintRun,
  { actor, outcome, findings }: RecordVerificationArgs,
): Promise<ComplaintView> {
  run.machine.validate({ type: 'RECORD_VERIFICATION', actor, outcome, findings });
  await run.step({ type: 'RECORD_VERIFICATION', actor, outcome, findings }, actor.id, `COMPLAINT_VERIFIED_${outcome}`, {
    kind: 'VERIFIED',
    outcome,
    findings,
    verifiedById: actor.id,
  });
  return run.view();
}

/** Leadership decided the reassignment the complaint grounded; nobody waits for an answer. */
export function actedOn(run: ComplaintRun, { action }: { action: 'REASSIGNMENT_APPROVED' | 'REASSIGNMENT_REJECTED' }) {
  const event: ComplaintEvent = { type: 'ACTED_ON', action };
  if (run.machine.snapshot.can(event)) run.machine.apply(event);
}
