import { allHandlersFinished, condition, continueAsNew, patched, setHandler, sleep } from '@temporalio/workflow';
import { dayOf, endOfDay, startOfDay } from '../machines/calendar';
import { records } from './activity-proxies';
import {
  commentStateQuery,
  type CommentView,
  exemptCommentUpdate,
  submitCommentUpdate,
} from './commune-comment.messages';
import { type CommuneCommentInput, CommentRun, requestDayOf } from './commune-comment/run-state';
import { CommuneLinkEndedArgsSchema, communeLinkEndedSignal } from './commune-monitoring.messages';
import { watchDeadline } from './deadline-watch';

export type { CommuneCommentInput } from './commune-comment/run-state';

const SYSTEM = { id: 'system' };

/**
 * The patch that made a run waiting for its request day hear of its link's end (the `communeLinkEnded` signal, or the
 * link read again on the day) and stop. Its name is in recorded histories: never change it.
 */
export const LINK_END_BEFORE_REQUEST = 'commune-comment-link-end-before-request';

/**
 * The commune Party committee's year-end comment form on the agency leader who monitors it, one run per link and
 * year. On the version's request day (`yearly.comment.requestOn`, or at once for a link made later) it asks the
 * commune's committee for the form, due `dueWorkingDaysAfterRequest` working days later, reminded
 * `reminderWorkingDaysBefore` before, missed on the day after and escalated to the Standing Committee's office
 * `escalateAfterWorkingDays` after. The committee sends the form (late ones too, recorded late) or says it cannot
 * comment, with a reason. A form never received closes when the next year's request day comes. The version is the
 * one in force on the request day, read through a recorded local activity; each step's audit row names it. One
 * workflow per link: once the year's form is settled or closed, it goes on as new with the next year, and ends when
 * the link has ended before a year's request day (no form for a year the leader no longer monitors the commune): a run
 * waiting for its request day stops when told the link ended before it (`communeLinkEnded`), or finds it so when it
 * reads the link again on the day. A link that ends after the request day keeps that year's form.
 */
export async function communeCommentWorkflow(input: CommuneCommentInput): Promise<{ state: string }> {
  const run = new CommentRun(input);
  const { linkId, year } = input;
  /** The link's end, when signalled. */
  let linkEndedOn: string | undefined;

  setHandler(commentStateQuery, (): CommentView => run.view());
  setHandler(
    submitCommentUpdate,
    run.opening.after(async (raw) => {
      const { actor, form } = run.validateSubmit(raw);
      await run.step('COMMUNE_COMMENT_SUBMITTED', actor, 'SUBMITTED', {
        kind: 'SUBMITTED',
        submittedById: actor.id,
        form,
      });
      return run.view();
    }),
    { validator: (raw) => void run.validateSubmit(raw) },
  );
  setHandler(
    exemptCommentUpdate,
    run.opening.after(async (raw) => {
      const { actor, exemption } = run.validateExempt(raw);
      await run.step('COMMUNE_COMMENT_EXEMPTED', actor, 'EXEMPTED', {
        kind: 'EXEMPTED',
        submittedById: actor.id,
        reason: exemption.reason,
      });
      return run.view();
    }),
    { validator: (raw) => void run.validateExempt(raw) },
  );
  setHandler(communeLinkEndedSignal, (raw) => {
    const parsed = CommuneLinkEndedArgsSchema.safeParse(raw);
    if (parsed.success) linkEndedOn = parsed.data.until;
  });

  let link = await records.readCommentLink({ linkId });
  if (!link) return { state: run.state };
  const { programmeId, areaId, memberId } = link;
  // The version in force today names the request day; the one in force on that day sets the form.
  const today = await records.readPolicyInForce({ programmeId, day: dayOf(Date.now()) });
  const requestOn = today.policy.yearly?.comment.requestOn;
  if (!requestOn) return { state: run.state };
  const requestDay = requestDayOf(year, requestOn, link.from);
  if (link.until !== null && link.until < requestDay) return { state: run.state };
  run.requestOn = requestDay;
  if (startOfDay(requestDay) > Date.now()) {
    if (patched(LINK_END_BEFORE_REQUEST)) {
      const endsBefore = (until: string | null | undefined) => !!until && until < requestDay;
      await condition(() => endsBefore(linkEndedOn), startOfDay(requestDay) - Date.now());
      // The link as it stands on the day: an end signalled, or written while no run heard it, asks no form.
      link = await records.readCommentLink({ linkId });
      if (!link || endsBefore(linkEndedOn) || endsBefore(link.until)) return { state: run.state };
    } else await sleep(startOfDay(requestDay) - Date.now());
  }
  run.link = link;
  const version = await records.readPolicyInForce({ programmeId, day: requestDay });
  const nonWorkingDays = await records.loadNonWorkingDays({ fromYear: year, toYear: year + 1 });
  const plan = run.setPlan(version, requestDay, nonWorkingDays);
  const { comment, calendar, dueDay } = plan;
  const dueAt = new Date(endOfDay(dueDay)).toISOString();
  const committee = { recipientRole: 'AREA_COMMITTEE' as const };
  const facts = { commentId: run.id, linkId, areaId, year, dueAt };

  await run.opening.record(() =>
    run.step(
      'COMMUNE_COMMENT_REQUESTED',
      SYSTEM,
      'REQUESTED',
      { kind: 'REQUESTED', programmeId, areaId, memberId, dueAt },
      [{ ...committee, template: 'communeComment.requested', payload: facts }],
    ),
  );
  await watchDeadline({
    settled: () => run.settled,
    reminderAt: endOfDay(calendar.subtractWorkingDays(dueDay, comment.reminderWorkingDaysBefore)),
    onReminder: () =>
      run.step('COMMUNE_COMMENT_REMINDED', SYSTEM, run.state, { kind: 'REMINDED' }, [
        { ...committee, template: 'communeComment.reminder', payload: facts },
      ]),
    dueAt: endOfDay(dueDay),
    onMissed: () =>
      run.step('COMMUNE_COMMENT_MISSED', SYSTEM, 'MISSED', { kind: 'MISSED' }, [
        { ...committee, template: 'communeComment.missed', payload: facts },
      ]),
    escalations: [
      {
        at: endOfDay(calendar.addWorkingDays(dueDay, comment.escalateAfterWorkingDays)),
        run: () =>
          run.step('COMMUNE_COMMENT_ESCALATED', SYSTEM, 'ESCALATED', { kind: 'ESCALATED' }, [
            { recipientRole: 'STANDING_COMMITTEE_MEMBER', template: 'communeComment.escalated', payload: facts },
          ]),
      },
    ],
    closeAt: startOfDay(`${year + 1}-${comment.requestOn}`),
    onClose: () => run.step('COMMUNE_COMMENT_CLOSED', SYSTEM, 'NOT_RECEIVED', { kind: 'CLOSED' }),
  });
  await condition(allHandlersFinished);
  return continueAsNew<typeof communeCommentWorkflow>({ linkId, year: year + 1 });
}
