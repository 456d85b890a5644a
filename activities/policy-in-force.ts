import { assignmentPolicyInForce, policyInForce, type PolicyInForce } from '../domain/programmes/reads';
import type { ActivityDeps } from './deps';

/**
 * The version of its programme's rules in force on a day, for an assignment, or for a programme named outright (a
 * commune link of a programme whose monitors are agency leaders has no assignment). A read, run as a local activity:
 * its answer is recorded in the workflow's history, so a replay takes the same version whatever was published since.
 */
export function readPolicyInForce(deps: ActivityDeps) {
  return (
    args: { assignmentId: string; day: string } | { programmeId: string; day: string },
  ): Promise<PolicyInForce> =>
    'programmeId' in args
      ? policyInForce(deps.db.prisma, args.programmeId, args.day)
      : assignmentPolicyInForce(deps.db.prisma, args.assignmentId, args.day);
}
