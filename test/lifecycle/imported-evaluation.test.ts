/**
 * An assignment imported in force since an earlier year is evaluated for the import year (Đ9.5: the area saw the whole
 * year even if the system did not) when it comes in before the policy's request for that year has passed by more than
 * its window; after the window, that year is not evaluated and the next one is. On the time-skipping server, moved to
 * a working morning in December whatever day the suite runs on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statutoryDaysOff } from '../../activities/vietnam-holidays';
import { addDays, dayOf, isWeekend, startOfDay } from '../../machines/calendar';
import { DEFAULT_POLICY, type Policy } from '../../machines/policy';
import { assignmentStateQuery } from '../../workflows/assignment.messages';
import { assignmentWorkflow } from '../../workflows/assignment.workflow';
import { annualEvaluationWorkflowId, assignmentWorkflowId } from '../../workflows/ids';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';

/** 09:00 in Vietnam on the first working day from 10 December on, this year or, past it, the next. */
function decemberMorning(nowMs: number): number {
  const today = dayOf(nowMs);
  let year = Number(today.slice(0, 4));
  if (today > `${year}-12-10`) year += 1;
  const daysOff = new Set(statutoryDaysOff(year, year + 1));
  let day = `${year}-12-10`;
  while (isWeekend(day) || daysOff.has(day)) day = addDays(day, 1);
  return startOfDay(day) + 9 * 60 * 60 * 1000;
}

describe('an assignment imported in December, in force since 2021', () => {
  let h: LifecycleHarness;
  let importedOn: string;
  let year: number;

  beforeAll(async () => {
    h = await startLifecycleHarness();
    await h.sleepUntil(decemberMorning(h.startedAt));
    importedOn = dayOf(await h.env.currentTimeMs());
    year = Number(importedOn.slice(0, 4));
  });
  afterAll(async () => {
    await h?.close();
  });

  const startImported = async (assignmentId: string, areaIndex: number, policy: Policy) => {
    const [leader] = h.people.leaders;
    const handle = await h.client.workflow.start(assignmentWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: assignmentWorkflowId(assignmentId),
      args: [
        {
          assignmentId,
          areaId: h.people.areas[areaIndex]!.id,
          officialId: h.people.specialists[areaIndex]!.id,
          // As the roster import starts it: the original proposer is not on record.
          proposedBy: 'system',
          reason: 'Phân công từ năm 2021',
          effectiveFrom: '2021-03-01',
          policy,
          appointedBy: {
            approver: leader!,
            decision: { number: `${areaIndex + 1}-QĐ/BTCTU/2021`, issuedOn: '2021-02-20', signerId: leader!.id },
          },
          imported: { on: importedOn, by: leader!.id, file: 'roster.csv', line: areaIndex + 2 },
        },
      ],
    });
    await expect
      .poll(async () => (await handle.query(assignmentStateQuery).catch(() => undefined))?.state, { timeout: 60_000 })
      .toMatch(/^active/);
    return handle;
  };

  const evaluationStarted = async (assignmentId: string, of: number) =>
    (await h.client.workflow
      .getHandle(annualEvaluationWorkflowId(assignmentId, of))
      .describe()
      .catch(() => undefined)) !== undefined;

  it("gets the evaluation request of the import year while the request's window is open", async () => {
    // The default policy: requested on 1 December, 25 working days to answer: open until January.
    const handle = await startImported('imported-december-in-window', 0, DEFAULT_POLICY);
    await expect.poll(() => evaluationStarted('imported-december-in-window', year), { timeout: 60_000 }).toBe(true);
    // Taken at once, as a request already due; the next is the next year's.
    const next = (await handle.query(assignmentStateQuery)).deadlines.nextEvaluationRequest;
    expect(dayOf(Date.parse(next!))).toBe(`${year + 1}-12-01`);
  });

  it('is not evaluated for the import year once the window has passed, only from the next', async () => {
    // Requested on 1 November with 10 working days to answer: closed by mid-November.
    const policy: Policy = {
      ...DEFAULT_POLICY,
      evaluation: { ...DEFAULT_POLICY.evaluation, requestOn: '11-01', dueWorkingDaysAfterRequest: 10 },
    };
    const handle = await startImported('imported-december-after-window', 1, policy);
    const next = (await handle.query(assignmentStateQuery)).deadlines.nextEvaluationRequest;
    expect(dayOf(Date.parse(next!))).toBe(`${year + 1}-11-01`);
    // Time enough for a request the workflow would have made at once.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await evaluationStarted('imported-december-after-window', year)).toBe(false);
  });
});
