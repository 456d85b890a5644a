/**
 * Dashboard queries for Board leadership and the auditor (Đ13.3), and for a department head over their own
 * department's officials: overdue monthly plans and reports, annual evaluations not yet rated, rotations coming due,
 * open complaints, and a summary of the counts for a home page.
 *
 * "Now" is the server's wall clock, or the `asOf` query parameter (an ISO instant, or a day meaning its first instant
 * in Vietnam's time zone): leaders look ahead with it, and tests look at a time-skipped world with it.
 *
 * Confidentiality: the lists of evaluations and complaints reveal which official is being evaluated or complained
 * about, so each read is audited (api/audited-read.ts) with the ids returned; neither carries the texts (the area's
 * evaluation, the complaint itself), which have their own audited routes. Open complaints are for leadership and the
 * auditor only, who have a part in them (verification, decision); department heads have none; nobody sees the
 * complaints about themself (api/confidentiality.ts). The summary's counts name nobody and are not audited.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { type Actor, isBoardLeadership } from '../../machines/actor';
import { DEFAULT_POLICY } from '../../machines/policy';
import { dayOf, startOfDay } from '../../workflows/calendar';
import { EscalationTarget, type Prisma, type Role } from '../../worker/database';
import { auditConfidentialRead } from '../audited-read';
import { principal } from '../auth/plugin';
import { isAuditor, visibleComplaintsWhere } from '../confidentiality';
import {
  AreaRefSchema,
  areaRefSelect,
  GroupRefSchema,
  groupRefSelect,
  iso,
  isoOrNull,
  OfficialSummarySchema,
  officialSummarySelect,
} from '../directory-views';
import { HttpError } from '../errors';
import { pageArgs, pageQuery, pageSchema, type Page, toPage } from '../pagination';
import type { RouteDeps } from '../server';
import type { ZodTypeProvider } from '../zod-provider';

const LEADERSHIP_AND_AUDIT: readonly Role[] = ['BOARD_LEADER', 'HEAD_OF_BOARD', 'AUDITOR'];
/** Department heads see their own department's officials only (see `scopeOf`). */
const DASHBOARD_ROLES: readonly Role[] = [...LEADERSHIP_AND_AUDIT, 'DEPARTMENT_HEAD'];

const DAY_MS = 24 * 60 * 60 * 1000;
/** Default look-ahead of the rotation list: a quarter, time to prepare a successor and the decision. */
const DEFAULT_ROTATION_WINDOW_DAYS = 90;

// ───────────────────────── query parameters ─────────────────────────

/** An ISO instant (with its offset), or a day (YYYY-MM-DD) meaning its first instant in Vietnam. */
const AsOfSchema = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((value) => new Date(value.length === 10 ? startOfDay(value) : Date.parse(value)));

const scopeQuery = {
  /** "Now" for the query; the server's clock when absent. */
  asOf: AsOfSchema.optional(),
  areaId: z.string().min(1).max(200).optional(),
  officialId: z.string().min(1).max(200).optional(),
  /** The officials' department; a department head's own department is implied (another one is refused). */
  departmentId: z.string().min(1).max(200).optional(),
};

const withinDays = z.coerce.number().int().min(0).max(3650).default(DEFAULT_ROTATION_WINDOW_DAYS);

const OverdueQuerySchema = z.strictObject({ ...pageQuery, ...scopeQuery, kind: z.enum(['PLAN', 'REPORT']).optional() });
const EvaluationsQuerySchema = z.strictObject({ ...pageQuery, ...scopeQuery, year: z.coerce.number().int().min(2000).max(2100).optional() });
const RotationsQuerySchema = z.strictObject({ ...pageQuery, ...scopeQuery, withinDays });
const ComplaintsQuerySchema = z.strictObject({ ...pageQuery, ...scopeQuery });
const SummaryQuerySchema = z.strictObject({ ...scopeQuery, withinDays });

// ───────────────────────── responses ─────────────────────────

const Subject = { area: AreaRefSchema, official: OfficialSummarySchema, group: GroupRefSchema.nullable() };
const subjectSelect = { area: { select: areaRefSelect }, official: { select: officialSummarySelect }, group: { select: groupRefSelect } } satisfies Prisma.AssignmentSelect;

const withAsOf = <Item extends z.ZodType>(item: Item) => pageSchema(item).extend({ asOf: z.iso.datetime() });

const OverdueItemSchema = z.object({
  /** The deadline's id. */
  id: z.string(),
  kind: z.enum(['PLAN', 'REPORT']),
  period: z.string(),
  dueAt: z.iso.datetime(),
  /** Calendar days (Vietnam) from the due day to `asOf`. */
  daysOverdue: z.number().int(),
  /** MISSED once the workflow has recorded the miss; OPEN when it is past due but not yet recorded (or `asOf` looks ahead). */
  status: z.enum(['OPEN', 'MISSED']),
  escalationLevel: z.number().int(),
  lastEscalation: z.object({ level: z.number().int(), target: z.enum(EscalationTarget), recipientId: z.string().nullable(), at: z.iso.datetime() }).nullable(),
  assignmentId: z.string(),
  ...Subject,
});

const EvaluationItemSchema = z.object({
  id: z.string(),
  assignmentId: z.string(),
  year: z.number().int(),
  state: z.string(),
  /** Who acts next: the area committee (its written evaluation), the group leader (the proposed rating), leadership (the rating). */
  waitingFor: z.enum(['AREA_COMMITTEE', 'GROUP_LEADER', 'BOARD_LEADERSHIP']),
  requestedAt: z.iso.datetime(),
  /** The area committee's deadline. */
  dueAt: z.iso.datetime(),
  receivedAt: z.iso.datetime().nullable(),
  /** The area's evaluation is late at `asOf`. */
  overdue: z.boolean(),
  ...Subject,
});

const RotationItemSchema = z.object({
  assignmentId: z.string(),
  state: z.string(),
  /** ELIGIBLE: rotation may be proposed from `date`; MANDATORY: the assignment must rotate by `date` (Đ4.2). */
  threshold: z.enum(['ELIGIBLE', 'MANDATORY']),
  date: z.iso.datetime(),
  /** Years of service at `date`. */
  years: z.number().int(),
  /** Negative once `date` has passed (a mandatory rotation still undecided). */
  daysUntil: z.number().int(),
  effectiveFrom: z.iso.datetime(),
  /** A rotation, reassignment or closure already proposed and waiting for leadership. */
  pendingProposal: z.object({ id: z.string(), kind: z.string() }).nullable(),
  ...Subject,
});
const RotationPageSchema = withAsOf(RotationItemSchema).extend({
  horizon: z.iso.datetime(),
  /** The default policy's thresholds; each assignment carries its own dates, from the policy it started with. */
  policy: z.object({ eligibleAfterYears: z.number().int(), mandatoryAfterYears: z.number().int() }),
});

const ComplaintItemSchema = z.object({
  id: z.string(),
  assignmentId: z.string(),
  state: z.string(),
  filedAt: z.iso.datetime(),
  verificationDueAt: z.iso.datetime(),
  /** Verification is late at `asOf` (only before an outcome is recorded). */
  verificationOverdue: z.boolean(),
  ...Subject,
});

const SummarySchema = z.object({
  asOf: z.iso.datetime(),
  overdue: z.object({ plans: z.number().int(), reports: z.number().int() }),
  evaluationsOutstanding: z.number().int(),
  rotationsDue: z.object({ withinDays: z.number().int(), eligible: z.number().int(), mandatory: z.number().int() }),
  /** Null for a caller with no part in complaints. */
  complaintsOpen: z.number().int().nullable(),
});

// ───────────────────────── helpers ─────────────────────────

/** Calendar days in Vietnam from the day of `from` to the day of `to`. */
const daysBetween = (from: Date, to: Date) => Math.round((startOfDay(dayOf(to.getTime())) - startOfDay(dayOf(from.getTime()))) / DAY_MS);

const SUBJECTS = { PLAN: 'MONTHLY_PLAN', REPORT: 'MONTHLY_REPORT' } as const;
const KIND_OF = { MONTHLY_PLAN: 'PLAN', MONTHLY_REPORT: 'REPORT' } as const;

/** Complaint states with nothing left to do (complaint machine's final states). */
const COMPLAINT_CLOSED_STATES = ['verifiedUnfounded', 'actedOn'];
/** Rows read per step while looking for unfiled deadlines. */
const OVERDUE_SCAN_BATCH = 200;

type Scope = Prisma.AssignmentWhereInput;

interface ScopeQuery {
  asOf?: Date | undefined;
  areaId?: string | undefined;
  officialId?: string | undefined;
  departmentId?: string | undefined;
}

// ───────────────────────── routes ─────────────────────────

export const dashboardRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, deps) => {
  const { prisma } = deps;
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  /** The assignments a caller may see through the dashboard, narrowed by the query's filters. */
  async function scopeOf(actor: Actor, query: ScopeQuery): Promise<Scope> {
    let departmentId = query.departmentId;
    if (!isBoardLeadership(actor) && !isAuditor(actor)) {
      // A department head: their own department's officials, and only those.
      const own = await prisma.official.findUnique({ where: { id: actor.id }, select: { departmentId: true } });
      if (!own?.departmentId) throw new HttpError(403, 'FORBIDDEN', 'A department head sees the officials of their own department; you have none');
      if (departmentId && departmentId !== own.departmentId) {
        throw new HttpError(403, 'FORBIDDEN', "A department head sees their own department's officials only", { departmentId: own.departmentId });
      }
      departmentId = own.departmentId;
    }
    return {
      ...(query.areaId && { areaId: query.areaId }),
      ...(query.officialId && { officialId: query.officialId }),
      ...(departmentId && { official: { departmentId } }),
    };
  }

  const nowOf = (query: ScopeQuery) => query.asOf ?? new Date();

  // ── overdue plans and reports ──

  const overdueWhere = (scope: Scope, asOf: Date, kinds: readonly ('PLAN' | 'REPORT')[]): Prisma.DeadlineWhereInput => ({
    subject: { in: kinds.map((k) => SUBJECTS[k]) },
    status: { in: ['OPEN', 'MISSED'] },
    dueAt: { lt: asOf },
    assignment: scope,
  });

  /**
   * Deadlines past due whose filing had not come by `asOf`, in order of due date, after `after`, at most `stopAt`.
   * A late filing leaves its deadline MISSED (activities/filing-records.ts: the miss stays on the official's record),
   * so "not filed" is the absence of the plan or report: checked per batch, with bounded `in` lists, on both databases.
   */
  async function scanOverdue(where: Prisma.DeadlineWhereInput, asOf: Date, after: string | undefined, stopAt: number): Promise<string[]> {
    const found: string[] = [];
    for (let cursor = after; ; ) {
      const batch = await prisma.deadline.findMany({
        where,
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        take: OVERDUE_SCAN_BATCH,
        ...(cursor && { cursor: { id: cursor }, skip: 1 }),
        select: { id: true, assignmentId: true, subject: true, reference: true },
      });
      const filed = await filedOf(batch, asOf);
      for (const d of batch) {
        if (filed.has(`${d.subject}|${d.assignmentId}|${d.reference}`)) continue;
        found.push(d.id);
        if (found.length >= stopAt) return found;
      }
      if (batch.length < OVERDUE_SCAN_BATCH) return found;
      cursor = batch.at(-1)!.id;
    }
  }

  async function filedOf(deadlines: { assignmentId: string; subject: string; reference: string }[], asOf: Date): Promise<Set<string>> {
    const filter = (subject: string) => {
      const rows = deadlines.filter((d) => d.subject === subject);
      return rows.length === 0
        ? undefined
        : { assignmentId: { in: [...new Set(rows.map((d) => d.assignmentId))] }, period: { in: [...new Set(rows.map((d) => d.reference))] }, filedAt: { lte: asOf } };
    };
    const plans = filter('MONTHLY_PLAN');
    const reports = filter('MONTHLY_REPORT');
    const select = { assignmentId: true, period: true } as const;
    const [p, r] = await Promise.all([
      plans ? prisma.monthlyPlan.findMany({ where: plans, select }) : [],
      reports ? prisma.monthlyReport.findMany({ where: reports, select }) : [],
    ]);
    return new Set([...p.map((f) => `MONTHLY_PLAN|${f.assignmentId}|${f.period}`), ...r.map((f) => `MONTHLY_REPORT|${f.assignmentId}|${f.period}`)]);
  }

  app.get(
    '/dashboard/overdue',
    {
      config: { roles: DASHBOARD_ROLES },
      schema: {
        tags: ['dashboard'],
        summary: 'Monthly plans and reports past their deadline and not filed, oldest first, with the escalation reached',
        querystring: OverdueQuerySchema,
        response: { 200: withAsOf(OverdueItemSchema) },
      },
    },
    async (request) => {
      const query = request.query;
      const asOf = nowOf(query);
      const scope = await scopeOf(principal(request).actor, query);
      const ids = await scanOverdue(overdueWhere(scope, asOf, query.kind ? [query.kind] : ['PLAN', 'REPORT']), asOf, query.cursor, query.limit + 1);
      const rows = await prisma.deadline.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          subject: true,
          reference: true,
          dueAt: true,
          status: true,
          escalationLevel: true,
          assignmentId: true,
          escalations: { orderBy: { level: 'desc' }, take: 1, select: { level: true, target: true, recipientId: true, at: true } },
          assignment: { select: subjectSelect },
        },
      });
      const byId = new Map(rows.map((row) => [row.id, row]));
      const ordered = ids.map((id) => byId.get(id)!);
      const page = toPage(ordered, query.limit, (d) => ({
        id: d.id,
        kind: KIND_OF[d.subject as keyof typeof KIND_OF],
        period: d.reference,
        dueAt: iso(d.dueAt),
        daysOverdue: daysBetween(d.dueAt, asOf),
        status: d.status as 'OPEN' | 'MISSED',
        escalationLevel: d.escalationLevel,
        lastEscalation: d.escalations[0] ? { ...d.escalations[0], at: iso(d.escalations[0].at) } : null,
        assignmentId: d.assignmentId,
        ...d.assignment,
      }));
      return { ...page, asOf: iso(asOf) };
    },
  );

  // ── annual evaluations not yet rated ──

  const outstandingWhere = (scope: Scope, asOf: Date, year?: number): Prisma.AnnualEvaluationWhereInput => ({
    rating: null,
    requestedAt: { lte: asOf },
    ...(year && { year }),
    assignment: scope,
  });

  app.get(
    '/dashboard/evaluations-outstanding',
    {
      config: { roles: DASHBOARD_ROLES },
      schema: {
        tags: ['dashboard'],
        summary: 'Annual evaluations not yet rated, by due date, with who acts next (reads are audited)',
        querystring: EvaluationsQuerySchema,
        response: { 200: withAsOf(EvaluationItemSchema) },
      },
    },
    async (request) => {
      const query = request.query;
      const asOf = nowOf(query);
      const scope = await scopeOf(principal(request).actor, query);
      const rows = await prisma.annualEvaluation.findMany({
        where: outstandingWhere(scope, asOf, query.year),
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        ...pageArgs(query),
        select: { id: true, assignmentId: true, year: true, state: true, requestedAt: true, dueAt: true, receivedAt: true, assignment: { select: subjectSelect } },
      });
      const page = toPage(rows, query.limit, ({ assignment, ...e }) => {
        const waitingFor = e.state.startsWith('requested') ? 'AREA_COMMITTEE' : e.state === 'areaEvaluationReceived' ? 'GROUP_LEADER' : 'BOARD_LEADERSHIP';
        return {
          ...e,
          waitingFor,
          requestedAt: iso(e.requestedAt),
          dueAt: iso(e.dueAt),
          receivedAt: isoOrNull(e.receivedAt),
          overdue: waitingFor === 'AREA_COMMITTEE' && e.dueAt < asOf,
          ...assignment,
        } as const;
      });
      await auditConfidentialRead(deps, request, { entityType: 'AnnualEvaluation', entityId: 'dashboard:evaluations-outstanding', ids: page.items.map((i) => i.id) });
      return { ...page, asOf: iso(asOf) };
    },
  );

  // ── rotations coming due ──

  /**
   * Serving assignments whose mandatory rotation falls by the horizon (also when already past: still undecided), or
   * that become eligible for rotation within the window. The dates are the assignment's own (`rotationEligibleAt`,
   * `rotationDueAt`), set by its workflow from the policy it started with (DEFAULT_POLICY: 3 and 5 years, Đ4.2), so
   * a policy change never misdates the assignments already running under the old one.
   */
  const rotationWhere = (scope: Scope, asOf: Date, horizon: Date, threshold?: 'ELIGIBLE' | 'MANDATORY'): Prisma.AssignmentWhereInput => {
    const mandatory: Prisma.AssignmentWhereInput = { rotationDueAt: { lte: horizon } };
    const eligible: Prisma.AssignmentWhereInput = { rotationEligibleAt: { gte: asOf, lte: horizon }, rotationDueAt: { gt: horizon } };
    return {
      AND: [scope, { state: { startsWith: 'active.' } }, threshold === 'MANDATORY' ? mandatory : threshold === 'ELIGIBLE' ? eligible : { OR: [mandatory, eligible] }],
    };
  };
  const horizonOf = (asOf: Date, days: number) => new Date(asOf.getTime() + days * DAY_MS);

  app.get(
    '/dashboard/rotations-due',
    {
      config: { roles: DASHBOARD_ROLES },
      schema: {
        tags: ['dashboard'],
        summary: 'Assignments reaching the mandatory (first, overdue included) or the eligible rotation threshold within the window',
        querystring: RotationsQuerySchema,
        response: { 200: RotationPageSchema },
      },
    },
    async (request) => {
      const query = request.query;
      const asOf = nowOf(query);
      const horizon = horizonOf(asOf, query.withinDays);
      const scope = await scopeOf(principal(request).actor, query);
      // Ordered by the mandatory date: the mandatory ones (≤ horizon) come first, then the eligible ones, each by date.
      const rows = await prisma.assignment.findMany({
        where: rotationWhere(scope, asOf, horizon),
        orderBy: [{ rotationDueAt: 'asc' }, { id: 'asc' }],
        ...pageArgs(query),
        select: {
          id: true,
          state: true,
          effectiveFrom: true,
          rotationEligibleAt: true,
          rotationDueAt: true,
          approvals: { where: { status: 'PENDING' }, orderBy: { createdAt: 'desc' }, take: 1, select: { id: true, kind: true } },
          ...subjectSelect,
        },
      });
      const page = toPage(rows, query.limit, ({ id, state, effectiveFrom, rotationEligibleAt, rotationDueAt, approvals, ...subject }) => {
        const mandatory = rotationDueAt <= horizon;
        const date = mandatory ? rotationDueAt : rotationEligibleAt;
        return {
          assignmentId: id,
          state,
          threshold: mandatory ? 'MANDATORY' : 'ELIGIBLE',
          date: iso(date),
          years: Number(dayOf(date.getTime()).slice(0, 4)) - Number(dayOf(effectiveFrom.getTime()).slice(0, 4)),
          daysUntil: daysBetween(asOf, date),
          effectiveFrom: iso(effectiveFrom),
          pendingProposal: approvals[0] ?? null,
          ...subject,
        } as const;
      });
      const { eligibleAfterYears, mandatoryAfterYears } = DEFAULT_POLICY.rotation;
      return { ...page, asOf: iso(asOf), horizon: iso(horizon), policy: { eligibleAfterYears, mandatoryAfterYears } };
    },
  );

  // ── open complaints ──

  /** As the complaint routes: never the complaints about the caller themself, whatever their role. */
  const openComplaintsWhere = (actor: Actor, scope: Scope, asOf: Date): Prisma.ComplaintWhereInput => ({
    ...visibleComplaintsWhere(actor),
    state: { notIn: COMPLAINT_CLOSED_STATES },
    filedAt: { lte: asOf },
    assignment: scope,
  });

  app.get(
    '/dashboard/complaints-open',
    {
      config: { roles: LEADERSHIP_AND_AUDIT },
      schema: {
        tags: ['dashboard'],
        summary: 'Complaints not yet closed, oldest first, with their verification deadline (leadership and the auditor; reads are audited)',
        querystring: ComplaintsQuerySchema,
        response: { 200: withAsOf(ComplaintItemSchema) },
      },
    },
    async (request) => {
      const query = request.query;
      const asOf = nowOf(query);
      const actor = principal(request).actor;
      const scope = await scopeOf(actor, query);
      const rows = await prisma.complaint.findMany({
        where: openComplaintsWhere(actor, scope, asOf),
        orderBy: [{ filedAt: 'asc' }, { id: 'asc' }],
        ...pageArgs(query),
        select: { id: true, assignmentId: true, state: true, filedAt: true, verificationDueAt: true, verification: { select: { id: true } }, assignment: { select: subjectSelect } },
      });
      const page: Page<z.input<typeof ComplaintItemSchema>> = toPage(rows, query.limit, ({ assignment, verification, ...c }) => ({
        ...c,
        filedAt: iso(c.filedAt),
        verificationDueAt: iso(c.verificationDueAt),
        verificationOverdue: !verification && c.verificationDueAt < asOf,
        ...assignment,
      }));
      await auditConfidentialRead(deps, request, { entityType: 'Complaint', entityId: 'dashboard:complaints-open', ids: page.items.map((i) => i.id) });
      return { ...page, asOf: iso(asOf) };
    },
  );

  // ── summary ──

  app.get(
    '/dashboard/summary',
    {
      config: { roles: DASHBOARD_ROLES },
      schema: { tags: ['dashboard'], summary: 'The counts of the dashboard lists, for a home page', querystring: SummaryQuerySchema, response: { 200: SummarySchema } },
    },
    async (request) => {
      const query = request.query;
      const actor = principal(request).actor;
      const asOf = nowOf(query);
      const horizon = horizonOf(asOf, query.withinDays);
      const scope = await scopeOf(actor, query);
      const seesComplaints = actor.roles.some((role) => LEADERSHIP_AND_AUDIT.includes(role));
      const [plans, reports, evaluations, eligible, mandatory, complaints] = await Promise.all([
        scanOverdue(overdueWhere(scope, asOf, ['PLAN']), asOf, undefined, Infinity),
        scanOverdue(overdueWhere(scope, asOf, ['REPORT']), asOf, undefined, Infinity),
        prisma.annualEvaluation.count({ where: outstandingWhere(scope, asOf) }),
        prisma.assignment.count({ where: rotationWhere(scope, asOf, horizon, 'ELIGIBLE') }),
        prisma.assignment.count({ where: rotationWhere(scope, asOf, horizon, 'MANDATORY') }),
        seesComplaints ? prisma.complaint.count({ where: openComplaintsWhere(actor, scope, asOf) }) : null,
      ]);
      return {
        asOf: iso(asOf),
        overdue: { plans: plans.length, reports: reports.length },
        evaluationsOutstanding: evaluations,
        rotationsDue: { withinDays: query.withinDays, eligible, mandatory },
        complaintsOpen: complaints,
      };
    },
  );
};
