/**
 * The recorded Temporal histories behind an assignment: every run of its workflow (one per year of service, chained
 * by continue-as-new), its monthly cycles, annual evaluations and complaints. For export and for replay.
 */
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { annualEvaluationWorkflowId, assignmentWorkflowId, monthlyCycleWorkflowId } from '../workflows/ids';
import type { PrismaClient } from '../prisma/database';

export type History = temporal.api.history.v1.IHistory;

export interface RecordedRun {
  workflowId: string;
  runId: string;
  history: History;
}

/** Every run of a workflow id, oldest first, following continue-as-new links back from the latest run. */
export async function workflowRuns(client: Client, workflowId: string): Promise<RecordedRun[]> {
  let runId: string | undefined;
  try {
    runId = (await client.workflow.getHandle(workflowId).describe()).runId;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return [];
    throw error;
  }
  const runs: RecordedRun[] = [];
  while (runId) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.unshift({ workflowId, runId, history });
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return runs;
}

/** The workflow ids an assignment has started, from the records its workflows wrote. */
export async function assignmentWorkflowIds(prisma: PrismaClient, assignmentId: string): Promise<string[]> {
  const [months, evaluations, complaints] = await Promise.all([
    prisma.deadline.findMany({
      where: { assignmentId, subject: { in: ['MONTHLY_PLAN', 'MONTHLY_REPORT'] } },
      select: { reference: true },
      distinct: ['reference'],
      orderBy: { reference: 'asc' },
    }),
    prisma.annualEvaluation.findMany({ where: { assignmentId }, select: { year: true }, orderBy: { year: 'asc' } }),
    prisma.complaint.findMany({ where: { assignmentId }, select: { workflowId: true }, orderBy: { filedAt: 'asc' } }),
  ]);
  return [
    assignmentWorkflowId(assignmentId),
    ...months.map((m) => monthlyCycleWorkflowId(assignmentId, m.reference)),
    ...evaluations.map((e) => annualEvaluationWorkflowId(assignmentId, e.year)),
    ...complaints.map((c) => c.workflowId),
  ];
}

export async function assignmentHistories(
  client: Client,
  prisma: PrismaClient,
  assignmentId: string,
): Promise<RecordedRun[]> {
  const runs: RecordedRun[] = [];
  for (const workflowId of await assignmentWorkflowIds(prisma, assignmentId))
    runs.push(...(await workflowRuns(client, workflowId)));
  return runs;
}
