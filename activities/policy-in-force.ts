import {
  assignmentPolicyInForce,
  assignmentProgrammeVersions,
  policyInForce,
  type PolicyInForce,
  type ProgrammeVersions,
} from '../domain/programmes/reads';
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

/**
 * All the versions of an assignment's programme, read once by an assignment catching up months at once; each month's
 * version is then picked in the workflow by the same rule (machines/policy-in-force.ts). A local activity, recorded.
 */
export function readProgrammeVersions(deps: ActivityDeps) {
  return (args: { assignmentId: string }): Promise<ProgrammeVersions> =>
    assignmentProgrammeVersions(deps.db.prisma, args.assignmentId);
}
