/**
 * The writes of plans and reports that no deadline governs, so no workflow: an ad hoc report (Đ8.2), leadership's
 * acknowledgement ("đã xem") and answer. Each is one transaction holding the row, its audit row and its notification
 * (domain/audit/log.ts recordOnce, domain/outbox.ts), keyed so that a retry writes nothing more: the ad hoc report and
 * the answer by the id the route derives from the caller's Idempotency-Key, the acknowledgement by report and leader.
 * Notifications carry ids and the urgency only, never a report's text: the dispatcher delivers them by e-mail too.
 */
import type { NoticeTemplate } from '../../labels/notifications';
import { mayAnswerReport } from '../../machines/access';
import { dayOf } from '../../machines/calendar';
import type { AdHocReportBody, ReportAnswerBody } from '../../machines/reports';
import { RULE_VIOLATED } from '../../machines/rules';
import type { Database } from '../../prisma/database';
import { recordOnce, type Tx } from '../audit/log';
import type { Caller } from '../caller';
import { enqueueNotifications } from '../outbox';
import { assignmentParties, filingReader, headOfBoardId } from '../parties';
import { confidential, notFound, Refusal } from '../refusal';
import { findReport } from './reads';

export const AD_HOC_REPORT_FILED = 'AD_HOC_REPORT_FILED';
export const REPORT_ACKNOWLEDGED = 'REPORT_ACKNOWLEDGED';
export const REPORT_ANSWERED = 'REPORT_ANSWERED';

/** The outbox templates (the notifications engineer's dispatcher renders them). */
export const AD_HOC_TEMPLATE = 'report.adhoc' satisfies NoticeTemplate;
export const ANSWERED_TEMPLATE = 'report.answered' satisfies NoticeTemplate;

type Db = Pick<Database, 'prisma' | 'provider'>;

const IN_FORCE = (state: string) => state.startsWith('active') || state === 'handingOver';

/**
 * Files an ad hoc report on an assignment in force, by one of its monitoring officials, and delivers it at once: to
 * the leader in charge of the area, or, for a sensitive matter, to the Head of Board alone (the Head of Board too when
 * the area has no leader in charge). Answers the report's id.
 */
export async function fileAdHocReport(
  db: Db,
  { actor, userId }: Caller,
  id: string,
  assignmentId: string,
  body: AdHocReportBody,
): Promise<{ reportId: string; period: string }> {
  const parties = await assignmentParties(db.prisma, assignmentId);
  if (!parties) throw notFound('assignment', assignmentId);
  if (!parties.monitoringOfficialIds.includes(actor.id)) {
    throw new Refusal(
      422,
      RULE_VIOLATED,
      'Only the assigned official or a member of their group may report on this area',
      {
        rule: 'FILER_NOT_ASSIGNED',
      },
    );
  }
  const assignment = await db.prisma.assignment.findUniqueOrThrow({
    where: { id: assignmentId },
    select: { state: true, area: { select: { leaderInChargeId: true } } },
  });
  if (!IN_FORCE(assignment.state)) {
    throw new Refusal(422, RULE_VIOLATED, `The assignment is not in force (${assignment.state})`, {
      rule: 'ASSIGNMENT_NOT_IN_FORCE',
    });
  }
  const recipientId = body.sensitive
    ? await headOfBoardId(db.prisma)
    : (assignment.area.leaderInChargeId ?? (await headOfBoardId(db.prisma)));
  const at = new Date().toISOString();
  const period = dayOf(Date.parse(at)).slice(0, 7);
  const key = `ad-hoc-report:${id}`;
  await recordOnce(
    db,
    {
      idempotencyKey: key,
      at,
      actorId: actor.id,
      action: AD_HOC_REPORT_FILED,
      entityType: 'AdHocReport',
      entityId: id,
      assignmentId,
      // Never the text: the audit trail is read by more people than the report.
      payload: { userId, urgency: body.urgency, sensitive: body.sensitive, recipientId },
    },
    async (tx) => {
      await tx.adHocReport.create({
        data: {
          id,
          assignmentId,
          period,
          urgency: body.urgency,
          sensitive: body.sensitive,
          situation: body.situation,
          results: body.results,
          difficulties: body.difficulties ?? null,
          proposals: body.proposals ?? null,
          filedById: actor.id,
          filedAt: new Date(at),
          recipientId,
        },
      });
      if (recipientId) {
        await enqueueNotifications(tx, key, at, [
          { recipientId, template: AD_HOC_TEMPLATE, payload: { reportId: id, assignmentId, urgency: body.urgency } },
        ]);
      }
    },
  );
  // A retry (same key) wrote nothing: the first one's month.
  const stored = await db.prisma.adHocReport.findUniqueOrThrow({ where: { id }, select: { period: true } });
  return { reportId: id, period: stored.period };
}

/** The report, if the caller (leadership) may acknowledge and answer it: 404 unknown, 403 otherwise. */
async function answerable(db: Db, { actor }: Caller, reportId: string) {
  const reader = await filingReader(db.prisma, actor);
  const { found, item } = await findReport(db.prisma, reader, reportId);
  if (!found) throw notFound('report', reportId);
  if (!item || !mayAnswerReport(reader, item.visibility)) throw confidential(`Report ${reportId}`);
  return item;
}

/** "Đã xem": once per report and leader, whatever the retries. */
export async function acknowledgeReport(db: Db, caller: Caller, reportId: string): Promise<void> {
  const report = await answerable(db, caller, reportId);
  const { actor, userId } = caller;
  const at = new Date().toISOString();
  await recordOnce(
    db,
    {
      idempotencyKey: `report-acknowledged:${reportId}:${actor.id}`,
      at,
      actorId: actor.id,
      action: REPORT_ACKNOWLEDGED,
      entityType: report.kind === 'AD_HOC' ? 'AdHocReport' : 'MonthlyReport',
      entityId: reportId,
      assignmentId: report.assignmentId,
      payload: { userId },
    },
    (tx) => acknowledgeOnce(tx, report, actor.id, at),
  );
}

/** The acknowledgement row, unless the leader has one (an answer acknowledges too). */
async function acknowledgeOnce(
  tx: Tx,
  report: { reportId: string | null; kind: 'MONTHLY' | 'AD_HOC'; assignmentId: string },
  leaderId: string,
  at: string,
): Promise<void> {
  const reportId = report.reportId!;
  const key = { reportId_acknowledgedById: { reportId, acknowledgedById: leaderId } };
  if (await tx.reportAcknowledgement.findUnique({ where: key })) return;
  await tx.reportAcknowledgement.create({
    data: {
      reportId,
      reportKind: report.kind,
      assignmentId: report.assignmentId,
      acknowledgedById: leaderId,
      acknowledgedAt: new Date(at),
    },
  });
}

/**
 * Leadership's answer (a comment or a task) under the id `id`, which acknowledges the report too; the official who
 * filed it is told.
 */
export async function answerReport(
  db: Db,
  caller: Caller,
  id: string,
  reportId: string,
  body: ReportAnswerBody,
): Promise<void> {
  const report = await answerable(db, caller, reportId);
  const { actor, userId } = caller;
  const at = new Date().toISOString();
  const key = `report-answered:${id}`;
  const entity = {
    entityType: report.kind === 'AD_HOC' ? 'AdHocReport' : 'MonthlyReport',
    entityId: reportId,
    assignmentId: report.assignmentId,
  };
  await recordOnce(
    db,
    {
      idempotencyKey: key,
      at,
      actorId: actor.id,
      action: REPORT_ANSWERED,
      ...entity,
      payload: { userId, answerId: id, kind: body.kind },
    },
    async (tx) => {
      await tx.reportAnswer.create({
        data: {
          id,
          reportId,
          reportKind: report.kind,
          assignmentId: report.assignmentId,
          kind: body.kind,
          text: body.text,
          dueOn: body.dueOn ? new Date(body.dueOn) : null,
          answeredById: actor.id,
          answeredAt: new Date(at),
        },
      });
      await acknowledgeOnce(tx, report, actor.id, at);
      if (report.filedById) {
        await enqueueNotifications(tx, key, at, [
          {
            recipientId: report.filedById,
            template: ANSWERED_TEMPLATE,
            payload: { reportId, answerId: id, assignmentId: report.assignmentId },
          },
        ]);
      }
    },
  );
}
