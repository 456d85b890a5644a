/**
 * The worker's workflow bundle: every workflow type the service runs, each one's code required when a workflow of that
 * type runs rather than when the bundle loads.
 *
 * The SDK's reusable V8 context gives every workflow a module cache of its own: each module a workflow reaches is
 * evaluated again for that workflow (on its first activation, and again on each replay after an eviction), and what the
 * module builds (machines, schemas, tables) stays in memory while the workflow is cached. Imported at the top of this
 * file, all nine types' modules would be evaluated for every workflow; required on call, a month evaluates what a month
 * imports. The require is synchronous, so a workflow still starts in its first activation with the same commands.
 * Libraries the workflows share (zod, xstate) are evaluated once per worker instead: histories/replay.ts preloads them.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a literal require is bundled, and runs only when called */
import type * as annualEvaluation from './annual-evaluation.workflow';
import type * as assignment from './assignment.workflow';
import type * as auditAnchor from './audit-anchor.workflow';
import type * as complaint from './complaint.workflow';
import type * as communeMonitoring from './commune-monitoring.workflow';
import type * as groupSessions from './group-sessions.workflow';
import type * as meeting from './meeting.workflow';
import type * as monthlyCycle from './monthly-cycle.workflow';
import type * as communeComment from './commune-comment.workflow';

export const annualEvaluationWorkflow: typeof annualEvaluation.annualEvaluationWorkflow = (...args) =>
  (require('./annual-evaluation.workflow') as typeof annualEvaluation).annualEvaluationWorkflow(...args);
export const assignmentWorkflow: typeof assignment.assignmentWorkflow = (...args) =>
  (require('./assignment.workflow') as typeof assignment).assignmentWorkflow(...args);
export const auditAnchorWorkflow: typeof auditAnchor.auditAnchorWorkflow = (...args) =>
  (require('./audit-anchor.workflow') as typeof auditAnchor).auditAnchorWorkflow(...args);
export const complaintWorkflow: typeof complaint.complaintWorkflow = (...args) =>
  (require('./complaint.workflow') as typeof complaint).complaintWorkflow(...args);
export const communeMonitoringWorkflow: typeof communeMonitoring.communeMonitoringWorkflow = (...args) =>
  (require('./commune-monitoring.workflow') as typeof communeMonitoring).communeMonitoringWorkflow(...args);
export const groupSessionsWorkflow: typeof groupSessions.groupSessionsWorkflow = (...args) =>
  (require('./group-sessions.workflow') as typeof groupSessions).groupSessionsWorkflow(...args);
export const meetingWorkflow: typeof meeting.meetingWorkflow = (...args) =>
  (require('./meeting.workflow') as typeof meeting).meetingWorkflow(...args);
export const monthlyCycleWorkflow: typeof monthlyCycle.monthlyCycleWorkflow = (...args) =>
  (require('./monthly-cycle.workflow') as typeof monthlyCycle).monthlyCycleWorkflow(...args);
export const communeCommentWorkflow: typeof communeComment.communeCommentWorkflow = (...args) =>
  (require('./commune-comment.workflow') as typeof communeComment).communeCommentWorkflow(...args);
