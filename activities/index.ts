import { recordAssignmentTransition } from './assignment-records';
import { readAuditHead } from './audit-anchor';
import { checkpointAfterDecision, signAuditCheckpoint } from './audit-checkpoint';
import { loadNonWorkingDays } from './calendar';
import { loadCommuneLink, recordCommuneFiled, recordCommuneFilingSteps } from './commune-filing-records';
import { issueDocumentAfterDecision } from './decision-documents';
import { recordComplaintStep } from './complaint-records';
import { readCommentLink, recordCommentStep } from './comment-records';
import { recordDeadlineStep, recordDeadlineSteps } from './deadline-records';
import type { ActivityDeps } from './deps';
import { recordEvaluationStep } from './evaluation-records';
import { recordFiling } from './filing-records';
import { closeGroupQuarter } from './group-session-records';
import { recordMeetingStep } from './meeting-records';
import { loadAssignmentParties, suggestSuccessor } from './people';
import { readPolicyInForce, readProgrammeVersions } from './policy-in-force';
import { allFailingPermanently } from './permanent-failures';
import { startWorkflowOnce } from './workflow-starter';

export type { ActivityDeps } from './deps';

/** All activities, bound to their dependencies. Every write is idempotent and audited. */
export function createActivities(deps: ActivityDeps) {
  return allFailingPermanently({
    recordAssignmentTransition: issueDocumentAfterDecision(
      deps,
      checkpointAfterDecision(deps, recordAssignmentTransition(deps)),
    ),
    recordDeadlineStep: recordDeadlineStep(deps),
    recordDeadlineSteps: recordDeadlineSteps(deps),
    recordFiling: recordFiling(deps),
    recordEvaluationStep: recordEvaluationStep(deps),
    recordComplaintStep: recordComplaintStep(deps),
    recordCommentStep: recordCommentStep(deps),
    readCommentLink: readCommentLink(deps),
    recordMeetingStep: recordMeetingStep(deps),
    closeGroupQuarter: closeGroupQuarter(deps),
    loadNonWorkingDays: loadNonWorkingDays(deps),
    loadAssignmentParties: loadAssignmentParties(deps),
    suggestSuccessor: suggestSuccessor(deps),
    readPolicyInForce: readPolicyInForce(deps),
    readProgrammeVersions: readProgrammeVersions(deps),
    loadCommuneLink: loadCommuneLink(deps),
    recordCommuneFilingSteps: recordCommuneFilingSteps(deps),
    recordCommuneFiled: recordCommuneFiled(deps),
    startWorkflowOnce: startWorkflowOnce(deps),
    readAuditHead: readAuditHead(deps),
    signAuditCheckpoint: signAuditCheckpoint(deps),
  });
}

export type Activities = ReturnType<typeof createActivities>;
