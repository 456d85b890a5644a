import { assignmentPolicyInForce, type PolicyInForce } from '../domain/programmes/reads';
import type { ActivityDeps } from './deps';

/**
 * The version of its programme's rules in force for an assignment on a day. A read, run as a local activity: its
 * answer is recorded in the workflow's history, so a replay takes the same version whatever was published since.
 */
export function readPolicyInForce(deps: ActivityDeps) {
  return ({ assignmentId, day }: { assignmentId: string; day: string }): Promise<PolicyInForce> =>
    assignmentPolicyInForce(deps.db.prisma, assignmentId, day);
}
