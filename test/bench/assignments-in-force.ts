import type { Client } from '@temporalio/client';
import { DEFAULT_POLICY } from '../../machines/policy';
import { assignmentWorkflow } from '../../workflows/assignment.workflow';
import { assignmentWorkflowId } from '../../workflows/ids';
import type { Directory } from '../support/directory';

/**
 * Starts `n` assignments in force since `effectiveFrom` through the client, `concurrency` starts at a time, each on the
 * directory's areas and specialists in turn, appointed by its first leader under decisions `<i>-QĐ/BTCTU/<register>`;
 * ids are `<prefix><i>`. Resolves when every start has been answered (the months then open on their own).
 */
export async function startAssignmentsInForce(
  client: Client,
  {
    taskQueue,
    people,
    prefix,
    n,
    concurrency,
    effectiveFrom,
    register,
  }: {
    taskQueue: string;
    people: Directory;
    prefix: string;
    n: number;
    concurrency: number;
    effectiveFrom: string;
    register: string;
  },
): Promise<void> {
  const leader = people.leaders[0]!;
  let next = 0;
  const startSome = async () => {
    for (let i = next++; i < n; i = next++) {
      const assignmentId = `${prefix}${i}`;
      await client.workflow.start(assignmentWorkflow, {
        taskQueue,
        workflowId: assignmentWorkflowId(assignmentId),
        args: [
          {
            assignmentId,
            areaId: people.areas[i % people.areas.length]!.id,
            officialId: people.specialists[i % people.specialists.length]!.id,
            proposedBy: people.departmentHead.id,
            reason: 'benchmark',
            effectiveFrom,
            policy: DEFAULT_POLICY,
            appointedBy: {
              approver: leader,
              decision: { number: `${i + 1}-QĐ/BTCTU/${register}`, issuedOn: effectiveFrom, signerId: leader.id },
            },
          },
        ],
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, startSome));
}
