import type { EscalationTarget } from '../activities/deadline-records';
import type { DeadlineParties } from '../domain/parties';

export interface EscalationRung {
  level: number;
  target: EscalationTarget;
  recipientId: string | undefined;
}

/** Up the chain: the group leader (unless the official leads), then the leader in charge, then the Head of Board. */
export function escalationChain(parties: DeadlineParties, responsibleId: string): EscalationRung[] {
  const rungs: Omit<EscalationRung, 'level'>[] = [];
  if (parties.groupLeaderId !== responsibleId)
    rungs.push({ target: 'GROUP_LEADER', recipientId: parties.groupLeaderId });
  rungs.push({ target: 'LEADER_IN_CHARGE', recipientId: parties.leaderInChargeId });
  if (rungs.length < 2) rungs.push({ target: 'HEAD_OF_BOARD', recipientId: parties.headOfBoardId });
  return rungs.map((rung, index) => ({ ...rung, level: index + 1 }));
}
