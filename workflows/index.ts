// The worker's workflow bundle: every workflow type the service runs.
export { annualEvaluationWorkflow } from './annual-evaluation.workflow';
export { assignmentWorkflow } from './assignment.workflow';
export { auditAnchorWorkflow } from './audit-anchor.workflow';
export { complaintWorkflow } from './complaint.workflow';
export { communeMonitoringWorkflow } from './commune-monitoring.workflow';
export { groupSessionsWorkflow } from './group-sessions.workflow';
export { meetingWorkflow } from './meeting.workflow';
export { monthlyCycleWorkflow } from './monthly-cycle.workflow';
export { communeCommentWorkflow } from './commune-comment.workflow';
