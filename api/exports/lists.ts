/**
 * The lists a user sees, as exports: each one's filters (the list route's query without its paging), who may export it
 * (the list route's roles), how all of its items are read (the list's own domain read, page after page, with the
 * list route's confidentiality rule and audit) and its columns. A list whose items are confidential records is an
 * audited read, as the list itself is.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AreaListItem } from '../../contracts/directory';
import type { ComplaintItem, EvaluationItem, OverdueItem, RotationItem } from '../../contracts/dashboard';
import type { PlanItem, ReportItem } from '../../contracts/reports';
import { horizonOf, nowOf } from '../../domain/dashboard/clock';
import { openComplaintsPage } from '../../domain/dashboard/complaints-open';
import { outstandingEvaluationsPage } from '../../domain/dashboard/evaluations-outstanding';
import { overduePage } from '../../domain/dashboard/overdue';
import { rotationsDuePage } from '../../domain/dashboard/rotations-due';
import { dashboardScope, type ScopeQuery } from '../../domain/dashboard/scope';
import { type DecisionEntry, registerPage } from '../../domain/decisions/reads';
import { areasPage } from '../../domain/directory/areas';
import { type YearEvaluation, yearEvaluationsPage } from '../../domain/exports/evaluations-of-year';
import { allItems } from '../../domain/exports/pages';
import type { Cell } from '../../domain/exports/table';
import { filingReader } from '../../domain/parties';
import { plansPage, reportsPage } from '../../domain/reports/reads';
import type { ExportColumn, ExportList } from '../../labels/exports';
import type { Actor } from '../../machines/actor';
import { DASHBOARD_READERS, FILING_READERS, LEADERSHIP_AND_AUDITOR, type Role, STAFF } from '../../machines/roles';
import type { ConfidentialRecord } from '../audited-read';
import { principal } from '../auth/plugin';
import {
  ComplaintsQuerySchema,
  EvaluationsQuerySchema,
  OverdueQuerySchema,
  RotationsQuerySchema,
} from '../dashboard/schemas';
import { withoutHiddenProposals } from '../dashboard/hidden-proposals';
import { RegisterQuerySchema } from '../decisions/schemas';
import { AreasQuerySchema } from '../directory/schemas';
import type { RouteDeps } from '../deps';
import { PlanListQuerySchema, ReportListQuerySchema } from '../reports/schemas';

type Deps = Pick<RouteDeps, 'prisma' | 'provider'>;

export type Column<Item> = readonly [ExportColumn, (item: Item) => Cell];

export interface ListExport<Query extends z.ZodType, Item> {
  /** The file's name in the route (`/exports/<path>.xlsx`) and its labels' key. */
  path: string;
  list: ExportList;
  /** The list route it exports. */
  of: string;
  roles: readonly Role[];
  query: Query;
  collect: (deps: Deps, request: FastifyRequest, query: z.output<Query>) => Promise<Item[]>;
  columns: readonly Column<Item>[];
  /** The audited read of a confidential list, as the list route writes it. */
  audit?: (items: Item[], query: z.output<Query>) => ConfidentialRecord;
}

const NO_PAGING = { limit: true, cursor: true } as const;

const subject: Column<{
  area: { code: string; name: string };
  official: { code: string; fullName: string; department: { name: string } | null };
  group: { name: string } | null;
}>[] = [
  ['areaCode', (i) => i.area.code],
  ['area', (i) => i.area.name],
  ['officialCode', (i) => i.official.code],
  ['official', (i) => i.official.fullName],
  ['department', (i) => i.official.department?.name ?? null],
  ['group', (i) => i.group?.name ?? null],
];

const scoped = async (deps: Deps, actor: Actor, query: ScopeQuery & { asOf?: Date | undefined }) => ({
  asOf: nowOf(query),
  scope: await dashboardScope(deps.prisma, actor, query),
});

const overdue: ListExport<ReturnType<typeof OverdueQuerySchema.omit<typeof NO_PAGING>>, OverdueItem> = {
  path: 'overdue',
  list: 'overdue',
  of: 'GET /dashboard/overdue',
  roles: DASHBOARD_READERS,
  query: OverdueQuerySchema.omit(NO_PAGING),
  async collect(deps, request, query) {
    const { asOf, scope } = await scoped(deps, principal(request).actor, query);
    return allItems((page) => overduePage(deps.prisma, scope, asOf, { ...query, ...page }));
  },
  columns: [
    ['kind', (i) => i.kind],
    ['period', (i) => i.period],
    ['dueAt', (i) => i.dueAt],
    ['daysOverdue', (i) => i.daysOverdue],
    ['status', (i) => i.status],
    ['escalationLevel', (i) => i.escalationLevel],
    ...subject,
  ],
};

const evaluationsOutstanding: ListExport<
  ReturnType<typeof EvaluationsQuerySchema.omit<typeof NO_PAGING>>,
  EvaluationItem
> = {
  path: 'evaluations-outstanding',
  list: 'evaluationsOutstanding',
  of: 'GET /dashboard/evaluations-outstanding',
  roles: DASHBOARD_READERS,
  query: EvaluationsQuerySchema.omit(NO_PAGING),
  async collect(deps, request, query) {
    const { asOf, scope } = await scoped(deps, principal(request).actor, query);
    return allItems((page) => outstandingEvaluationsPage(deps.prisma, scope, asOf, { ...query, ...page }));
  },
  audit: (items) => ({
    entityType: 'AnnualEvaluation',
    entityId: 'export:evaluations-outstanding',
    ids: items.map((i) => i.id),
  }),
  columns: [
    ['year', (i) => i.year],
    ['state', (i) => i.state],
    ['waitingFor', (i) => i.waitingFor],
    ['requestedAt', (i) => i.requestedAt],
    ['dueAt', (i) => i.dueAt],
    ['receivedAt', (i) => i.receivedAt],
    ['overdue', (i) => i.overdue],
    ...subject,
  ],
};

const rotationsDue: ListExport<ReturnType<typeof RotationsQuerySchema.omit<typeof NO_PAGING>>, RotationItem> = {
  path: 'rotations-due',
  list: 'rotationsDue',
  of: 'GET /dashboard/rotations-due',
  roles: DASHBOARD_READERS,
  query: RotationsQuerySchema.omit(NO_PAGING),
  async collect(deps, request, query) {
    const actor = principal(request).actor;
    const { asOf, scope } = await scoped(deps, actor, query);
    const horizon = horizonOf(asOf, query.withinDays);
    return allItems(
      (page) => rotationsDuePage(deps.prisma, scope, asOf, horizon, page),
      (page) => withoutHiddenProposals(deps, actor, page.items, request),
    );
  },
  columns: [
    ['threshold', (i) => i.threshold],
    ['date', (i) => i.date],
    ['years', (i) => i.years],
    ['daysUntil', (i) => i.daysUntil],
    ['effectiveFrom', (i) => i.effectiveFrom],
    ['state', (i) => i.state],
    ['pendingProposal', (i) => i.pendingProposal?.kind ?? null],
    ...subject,
  ],
};

const complaintsOpen: ListExport<ReturnType<typeof ComplaintsQuerySchema.omit<typeof NO_PAGING>>, ComplaintItem> = {
  path: 'complaints-open',
  list: 'complaintsOpen',
  of: 'GET /dashboard/complaints-open',
  roles: LEADERSHIP_AND_AUDITOR,
  query: ComplaintsQuerySchema.omit(NO_PAGING),
  async collect(deps, request, query) {
    const actor = principal(request).actor;
    const { asOf, scope } = await scoped(deps, actor, query);
    return allItems((page) => openComplaintsPage(deps.prisma, actor, scope, asOf, page));
  },
  audit: (items) => ({ entityType: 'Complaint', entityId: 'export:complaints-open', ids: items.map((i) => i.id) }),
  columns: [
    ['filedAt', (i) => i.filedAt],
    ['verificationDueAt', (i) => i.verificationDueAt],
    ['overdue', (i) => i.verificationOverdue],
    ['state', (i) => i.state],
    ...subject,
  ],
};

const areas: ListExport<ReturnType<typeof AreasQuerySchema.omit<typeof NO_PAGING>>, AreaListItem> = {
  path: 'areas',
  list: 'areas',
  of: 'GET /areas',
  roles: STAFF,
  query: AreasQuerySchema.omit(NO_PAGING),
  collect: (deps, _request, query) => allItems((page) => areasPage(deps.prisma, { ...query, ...page })),
  columns: [
    ['areaCode', (i) => i.code],
    ['area', (i) => i.name],
    ['areaKind', (i) => i.kind],
    ['leaderInCharge', (i) => i.leaderInCharge?.fullName ?? null],
    ['officialCode', (i) => i.currentAssignment?.official.code ?? null],
    ['official', (i) => i.currentAssignment?.official.fullName ?? null],
    ['department', (i) => i.currentAssignment?.official.department?.name ?? null],
    ['group', (i) => i.currentAssignment?.group?.name ?? null],
    ['effectiveFrom', (i) => i.currentAssignment?.effectiveFrom ?? null],
  ],
};

/** The register of decisions: GET /exports/decisions.xlsx|csv, and GET /decisions/register.xlsx by the same builder. */
export const decisions: ListExport<ReturnType<typeof RegisterQuerySchema.omit<typeof NO_PAGING>>, DecisionEntry> = {
  path: 'decisions',
  list: 'decisions',
  of: 'GET /decisions',
  roles: LEADERSHIP_AND_AUDITOR,
  query: RegisterQuerySchema.omit(NO_PAGING),
  collect: (deps, _request, query) => allItems((page) => registerPage(deps.prisma, { ...query, ...page })),
  columns: [
    ['number', (i) => i.number],
    ['register', (i) => i.register],
    ['year', (i) => i.year],
    ['periodStart', (i) => i.periodStart],
    ['issuedOn', (i) => i.issuedOn],
    ['kind', (i) => i.kind],
    ['summary', (i) => i.summary],
    ['signer', (i) => i.signer.fullName],
    ['assignment', (i) => i.assignmentId],
    ['status', (i) => i.status],
    ['signedBy', (i) => i.signature?.signerName ?? null],
    ['signingTime', (i) => i.signature?.signingTime ?? null],
  ],
};

const filing: Column<PlanItem | ReportItem>[] = [
  ['period', (i) => i.period],
  ['area', (i) => i.area.name],
  ['official', (i) => i.official.name],
  ['status', (i) => i.status],
  ['dueAt', (i) => i.dueAt],
  ['filedAt', (i) => i.filedAt],
];

const plans: ListExport<ReturnType<typeof PlanListQuerySchema.omit<typeof NO_PAGING>>, PlanItem> = {
  path: 'plans',
  list: 'plans',
  of: 'GET /plans',
  roles: FILING_READERS,
  query: PlanListQuerySchema.omit(NO_PAGING),
  async collect(deps, request, query) {
    const reader = await filingReader(deps.prisma, principal(request).actor);
    return allItems((page) => plansPage(deps.prisma, reader, { ...query, ...page }));
  },
  audit: (items, query) => ({
    entityType: 'MonthlyPlan',
    entityId: query.assignmentId ?? '*',
    assignmentId: query.assignmentId,
    ids: items.flatMap((p) => (p.planId ? [p.planId] : [])),
  }),
  columns: [...filing, ['plannedFor', (i) => i.plannedFor], ['place', (i) => i.place], ['content', (i) => i.content]],
};

const reports: ListExport<ReturnType<typeof ReportListQuerySchema.omit<typeof NO_PAGING>>, ReportItem> = {
  path: 'reports',
  list: 'reports',
  of: 'GET /reports',
  roles: FILING_READERS,
  query: ReportListQuerySchema.omit(NO_PAGING),
  async collect(deps, request, query) {
    const reader = await filingReader(deps.prisma, principal(request).actor);
    return allItems((page) => reportsPage(deps.prisma, reader, { ...query, ...page }));
  },
  audit: (items, query) => ({
    entityType: 'Report',
    entityId: query.assignmentId ?? '*',
    assignmentId: query.assignmentId,
    ids: items.flatMap((r) => (r.reportId ? [r.reportId] : [])),
  }),
  columns: [
    ['kind', (i) => i.kind],
    ...filing,
    ['urgency', (i) => i.urgency],
    ['sensitive', (i) => i.sensitive],
    ['situation', (i) => i.situation],
    ['results', (i) => i.results],
    ['difficulties', (i) => i.difficulties],
    ['proposals', (i) => i.proposals],
    ['reply', (i) => i.reply],
  ],
};

const YearQuerySchema = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  areaId: z.string().min(1).max(200).optional(),
  officialId: z.string().min(1).max(200).optional(),
  departmentId: z.string().min(1).max(200).optional(),
  programmeId: z.string().min(1).max(200).optional(),
});

const evaluations: ListExport<typeof YearQuerySchema, YearEvaluation> = {
  path: 'evaluations',
  list: 'evaluations',
  of: 'the annual evaluations of a year (their ratings; the committee’s texts are left out)',
  roles: LEADERSHIP_AND_AUDITOR,
  query: YearQuerySchema,
  async collect(deps, request, query) {
    const { scope } = await scoped(deps, principal(request).actor, query);
    return allItems((page) => yearEvaluationsPage(deps.prisma, scope, { ...page, year: query.year }));
  },
  audit: (items, query) => ({
    entityType: 'AnnualEvaluation',
    entityId: `export:evaluations:${query.year}`,
    ids: items.map((i) => i.id),
  }),
  columns: [
    ['year', (i) => i.year],
    ...subject,
    ['state', (i) => i.state],
    ['proposedRating', (i) => i.proposedRating],
    ['rating', (i) => i.rating],
    ['ratedAt', (i) => i.ratedAt],
  ],
};

/** Every list's export, in the order of the API document. */
export const LIST_EXPORTS = [
  overdue,
  evaluationsOutstanding,
  rotationsDue,
  complaintsOpen,
  areas,
  decisions,
  plans,
  reports,
  evaluations,
] as unknown as readonly ListExport<z.ZodObject, unknown>[];
