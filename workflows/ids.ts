/** Workflow ids derive from domain ids, so the API can address a workflow from the record alone. */
export const assignmentWorkflowId = (assignmentId: string) => `assignment-${assignmentId}`;
export const monthlyCycleWorkflowId = (assignmentId: string, period: string) =>
  `assignment-${assignmentId}-month-${period}`;
export const annualEvaluationWorkflowId = (assignmentId: string, year: number) =>
  `assignment-${assignmentId}-evaluation-${year}`;
export const complaintWorkflowId = (complaintId: string) => `complaint-${complaintId}`;
