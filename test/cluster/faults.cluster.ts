/**
 * The cluster's fault suite (points 4-7): `npm run cluster`'s deployment (two Temporal nodes on PostgreSQL,
 * two workers, two API processes, the app's data in PostgreSQL) under a steady, bounded stream of keyed writes spread
 * over both API processes: proposals, then the approval of each with its written decision, and, interleaved with them,
 * monthly plans, then the report of each (Đ8.1, Đ8.2), filed for assignments made active in beforeAll. In the middle
 * of each stream one fault: a Temporal node killed (SIGKILL), a worker killed, an API process killed, PostgreSQL
 * stopped for 10 s. A client retries what it did not see succeed with the same Idempotency-Key, on the other API
 * process, as Retry-After says. Afterwards every request answered 2xx must be on record exactly once (the assignment
 * row, the approval's audit row and its decision, the row at the state of its last audited step, the workflow at the
 * same state; for a filing its audit row, its plan or report row, and the month's workflow at the state of its last
 * audited step, filed), nothing doubled, no key stuck, GET /audit/verify intact, and no answer during the fault a 500
 * or a hang. The figures are printed as a table, all writes together, then per kind of write.
 *
 * The filings' month is the current one (Vietnam's calendar), its assignments effective from its first day, under a
 * policy that closes a missing filing only 60 working days after its deadline (the default's 10 would close the plan
 * as not filed in the last third of every month and refuse it): so on any day of the year the month's plan is
 * accepted (filed, or filed late after its deadline) and then its report (which the machine takes any time once the
 * plan is on record). Those assignments are started through the Temporal client with that policy, as the bench
 * starts its own, and approved through the API.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../machines/calendar';
import { DEFAULT_POLICY, type Policy } from '../../machines/policy';
import { openDatabase, type Database } from '../../prisma/database';
import { startDeployment, type Deployment } from '../../scripts/tools/cluster-deployment';
import type { AssignmentWorkflowInput } from '../../workflows/assignment/run-state';
import { assignmentWorkflowId, monthlyCycleWorkflowId } from '../../workflows/ids';
import { monthlyCycleStateQuery } from '../../workflows/monthly-cycle.messages';
import { TASK_QUEUE } from '../../workflows/task-queue';

/** Assignments per fault: each a proposal and its approval, two keyed writes. */
const UNITS = 16;
/** Active assignments per fault whose month gets its plan, then its report: two keyed writes each. */
const FILINGS = 8;
const WRITES = (UNITS + FILINGS) * 2;
const KINDS = ['proposal', 'approval', 'plan', 'report'] as const;
type Kind = (typeof KINDS)[number];
/** Refusals that no retry can turn into a success: the stream stops on them at once, with the reason. */
const FINAL_REFUSALS = new Set(['TRANSITION_REFUSED', 'RULE_VIOLATED', 'INVALID_INPUT', 'MONTH_NOT_OPEN']);
/** A missing plan or report is closed as not filed only long after the month (the maximum the policy allows). */
const FILING_POLICY: Policy = {
  ...DEFAULT_POLICY,
  version: `${DEFAULT_POLICY.version}-cluster-faults`,
  monthly: { ...DEFAULT_POLICY.monthly, closeUnfiledAfterWorkingDays: 60 },
};
const FILER = { username: 'cb009', officialId: 'official-cb-009' };
const CONCURRENCY = 4;
/** A request with no answer in this long is counted as hung (the service bounds its own waits at 15 s). */
const HANG_MS = 25_000;
const RETRY_FOR_MS = 180_000;

interface FaultRow {
  fault: string;
  /** All writes: proposals, approvals, plans and reports (per kind in the second table). */
  sent: number;
  answered2xx: number;
  onRecord: number;
  doubled: number;
  lost: number;
  stuckKeys: number;
  stuckWorkflows: number;
  auditIntact: boolean;
  during503: number;
  during504: number;
  during500: number;
  hung: number;
  reasons: string;
  /** From the fault to the first write answered 2xx after it. */
  recoverySeconds: number;
  /** From the fault to the last write of the stream answered 2xx (a key held by a killed process waits its lease). */
  settledSeconds: number;
}

interface KindRow {
  fault: string;
  kind: Kind;
  sent: number;
  answered2xx: number;
  onRecord: number;
  doubled: number;
  lost: number;
}

const rows: FaultRow[] = [];
const kindRows: KindRow[] = [];
let deployment: Deployment;
let temporal: Client | undefined;
/** The month filed (YYYY-MM) and the active assignments filing it, FILINGS per fault. */
let period = '';
let filingAssignments: string[] = [];
let database: Database;
let dir: string;
let areaIds: string[] = [];
let decisionSeq = 100;
const tokens: Record<string, string> = {};

const apiUrls = () => deployment.apis.map((api) => api.url!);

interface Answer {
  status: number;
  body: Record<string, unknown>;
  retryAfter?: number;
  hung?: boolean;
}

async function send(base: string, pathname: string, init: RequestInit): Promise<Answer> {
  const started = Date.now();
  try {
    const response = await fetch(`${base}${pathname}`, { ...init, signal: AbortSignal.timeout(HANG_MS) });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: response.status, body, retryAfter: Number(response.headers.get('retry-after')) || undefined };
  } catch {
    return { status: 0, body: {}, hung: Date.now() - started >= HANG_MS - 100 };
  }
}

async function login(username: string): Promise<string> {
  const deadline = Date.now() + RETRY_FOR_MS;
  for (let i = 0; ; i++) {
    const base = apiUrls()[i % 2]!;
    const answer = await send(base, '/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: `DiaBan@${username}` }),
    });
    if (answer.status === 200) return answer.body.token as string;
    if (Date.now() > deadline) throw new Error(`cannot log in ${username}: ${answer.status}`);
    await sleep(500);
  }
}

/** What the stream saw: every answer's status, during the fault or not, and the ids its 2xx named. */
class Tally {
  readonly sent = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<Kind, number>;
  readonly answered2xx = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<Kind, number>;
  during: Answer[] = [];
  faultFrom = Infinity;
  faultUntil = Infinity;
  firstOkAfterFault: number | undefined;
  readonly proposed = new Map<string, string>();
  readonly approved = new Set<string>();
  /** Assignments whose month's plan, or report, was answered 2xx. */
  readonly planned = new Set<string>();
  readonly reported = new Set<string>();

  note(answer: Answer, at: number): void {
    if (at >= this.faultFrom && at <= this.faultUntil) this.during.push(answer);
    if (answer.status >= 200 && answer.status < 300 && at > this.faultFrom && this.firstOkAfterFault === undefined) {
      this.firstOkAfterFault = at;
    }
  }
}

/**
 * One keyed write, retried until answered 2xx: on the next API process after a failure, after Retry-After (at most
 * 2 s). A 409 IDEMPOTENCY_KEY_IN_PROGRESS (the holder died mid-request) waits for the key's lease.
 */
async function keyed(
  tally: Tally,
  kind: Kind,
  unit: number,
  who: string,
  pathname: string,
  key: string,
  body: unknown,
) {
  tally.sent[kind] += 1;
  const deadline = Date.now() + RETRY_FOR_MS;
  for (let attempt = 0; ; attempt++) {
    const base = apiUrls()[(unit + attempt) % 2]!;
    const answer = await send(base, pathname, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens[who]}`,
        'idempotency-key': key,
      },
      body: JSON.stringify(body),
    });
    tally.note(answer, Date.now());
    if (answer.status >= 200 && answer.status < 300) {
      tally.answered2xx[kind] += 1;
      return answer;
    }
    const code = (answer.body.error as { code?: string } | undefined)?.code ?? '';
    const retryable =
      answer.status === 0 ||
      answer.status >= 500 ||
      (answer.status === 409 && !FINAL_REFUSALS.has(code)) ||
      answer.status === 429;
    if (!retryable || Date.now() > deadline) {
      throw new Error(`${pathname} (${key}) answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    await sleep(Math.min(2, answer.retryAfter ?? 1) * 1_000);
  }
}

async function unit(tally: Tally, fault: string, i: number, areaId: string): Promise<void> {
  const proposed = await keyed(tally, 'proposal', i, 'ld01', '/assignments', `${fault}-propose-${i}`, {
    areaId,
    officialId: 'official-cb-009',
    effectiveFrom: dayOf(Date.now()),
    reason: 'Phân công theo dõi địa bàn (kiểm thử sự cố trên cụm)',
  });
  const id = proposed.body.assignmentId as string;
  tally.proposed.set(areaId, id);
  const number = `${decisionSeq++}-QĐ/BTCTU`;
  await keyed(tally, 'approval', i + 1, 'ld02', `/assignments/${id}/approve`, `${fault}-approve-${i}`, {
    decision: { number, issuedOn: dayOf(Date.now()), signerId: 'official-ld-03' },
  });
  tally.approved.add(id);
}

/** The month's plan of an active assignment, then its report ("đi báo việc, về báo công"), by its official. */
async function filingUnit(tally: Tally, fault: string, i: number, assignmentId: string): Promise<void> {
  const month = `/assignments/${assignmentId}/months/${period}`;
  await keyed(tally, 'plan', i, FILER.username, `${month}/plan`, `${fault}-plan-${i}`, {
    content: 'Nắm tình hình an ninh, trật tự và đời sống nhân dân (kiểm thử sự cố trên cụm)',
    plannedFor: `${period}-15`,
    place: 'Trụ sở Đảng ủy xã',
  });
  tally.planned.add(assignmentId);
  await keyed(tally, 'report', i + 1, FILER.username, `${month}/report`, `${fault}-report-${i}`, {
    situation: 'Tình hình địa bàn ổn định (kiểm thử sự cố trên cụm)',
    results: 'Đã làm việc với cấp ủy cơ sở theo kế hoạch',
  });
  tally.reported.add(assignmentId);
}

/**
 * The stream: UNITS assignments proposed and approved, FILINGS months filed, spread evenly through each other,
 * CONCURRENCY at a time; the fault once a quarter is done, the rest going on.
 */
async function streamWithFault(
  fault: string,
  areas: string[],
  filings: string[],
  inject: () => Promise<void>,
  restore: () => Promise<void>,
): Promise<FaultRow> {
  const tally = new Tally();
  const jobs = [
    ...areas.map((area, i) => ({ at: (i + 0.5) / areas.length, run: () => unit(tally, fault, i, area) })),
    ...filings.map((id, i) => ({ at: (i + 0.5) / filings.length, run: () => filingUnit(tally, fault, i, id) })),
  ]
    .sort((a, b) => a.at - b.at)
    .map((job) => job.run);
  let next = 0;
  let done = 0;
  let injected: Promise<void> | undefined;
  let injectedAt = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      await job();
      done += 1;
      if (!injected && done >= jobs.length / 4) {
        injectedAt = Date.now();
        tally.faultFrom = injectedAt;
        injected = inject().then(() => {
          tally.faultUntil = Date.now();
        });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  const streamDone = Date.now();
  await injected;
  if (tally.faultUntil === Infinity) tally.faultUntil = Date.now();
  await restore();
  const { row, byKind } = await check(fault, areas, filings, tally);
  kindRows.push(...byKind);
  return {
    ...row,
    recoverySeconds: seconds((tally.firstOkAfterFault ?? 0) - injectedAt),
    settledSeconds: seconds(streamDone - injectedAt),
  };
}

const seconds = (ms: number) => Math.max(0, Math.round(ms / 100) / 10);

/** Per kind of write: how many of those answered 2xx are on record, how many missing, how many records doubled. */
interface Counted {
  onRecord: number;
  doubled: number;
  lost: number;
}

const FILED_ACTIONS = {
  plan: ['MONTHLY_PLAN_FILED', 'MONTHLY_PLAN_FILED_LATE'],
  report: ['MONTHLY_REPORT_FILED', 'MONTHLY_REPORT_FILED_LATE'],
} as const;

/** The audit rows and read-model rows of the month's filings of these assignments. */
async function filingRecords(assignmentIds: string[]) {
  const { prisma } = database;
  const [audits, plans, reports] = await Promise.all([
    prisma.auditEvent.findMany({
      where: {
        entityType: { in: ['MonthlyPlan', 'MonthlyReport'] },
        entityId: { in: assignmentIds.map((id) => `${id}/${period}`) },
        action: { in: [...FILED_ACTIONS.plan, ...FILED_ACTIONS.report] },
      },
      select: { assignmentId: true, action: true },
    }),
    prisma.monthlyPlan.findMany({
      where: { assignmentId: { in: assignmentIds }, period },
      select: { assignmentId: true, late: true },
    }),
    prisma.monthlyReport.findMany({
      where: { assignmentId: { in: assignmentIds }, period },
      select: { assignmentId: true, late: true },
    }),
  ]);
  const auditsOf = (kind: 'plan' | 'report') => {
    const actions: readonly string[] = FILED_ACTIONS[kind];
    const of = new Map<string, string[]>();
    for (const a of audits) {
      if (actions.includes(a.action)) of.set(a.assignmentId!, [...(of.get(a.assignmentId!) ?? []), a.action]);
    }
    return of;
  };
  const rowsOf = (rows: { assignmentId: string; late: boolean }[]) => {
    const of = new Map<string, boolean[]>();
    for (const r of rows) of.set(r.assignmentId, [...(of.get(r.assignmentId) ?? []), r.late]);
    return of;
  };
  return {
    plan: { audits: auditsOf('plan'), rows: rowsOf(plans) },
    report: { audits: auditsOf('report'), rows: rowsOf(reports) },
  };
}

/**
 * Where the month's workflow, its audit trail and its read model disagree about a filing assignment, or fall short of
 * what was answered 2xx: the workflow's state (its query) is its last audited state; each region filed (or filed late)
 * exactly when its row exists and its audit row says so, with the same lateness; a filing answered 2xx is filed.
 */
async function filingDisagreement(id: string, tally: Tally): Promise<string | undefined> {
  const { prisma } = database;
  const cycleEntities = [`${id}/${period}`, `${id}/MONTHLY_PLAN/${period}`, `${id}/MONTHLY_REPORT/${period}`];
  const [view, last, records] = await Promise.all([
    temporal!.workflow
      .getHandle(monthlyCycleWorkflowId(id, period))
      .query(monthlyCycleStateQuery)
      .catch((error: unknown) => ({ state: `query failed: ${(error as Error).message}` })),
    prisma.auditEvent.findFirst({
      where: {
        assignmentId: id,
        entityType: { in: ['MonthlyPlan', 'MonthlyReport', 'Deadline'] },
        entityId: { in: cycleEntities },
        toState: { not: null },
      },
      orderBy: { seq: 'desc' },
      select: { toState: true },
    }),
    filingRecords([id]),
  ]);
  const audited = last?.toState ?? 'plan.due | report.due';
  const problems: string[] = [];
  if (view.state !== audited) problems.push(`workflow "${view.state}", audit "${audited}"`);
  for (const kind of ['plan', 'report'] as const) {
    const region = view.state
      .split(' | ')
      .find((leaf) => leaf.startsWith(`${kind}.`))
      ?.slice(kind.length + 1);
    const filed = region === 'filed' || region === 'filedLate';
    const rows = records[kind].rows.get(id) ?? [];
    const audits = records[kind].audits.get(id) ?? [];
    const answered = (kind === 'plan' ? tally.planned : tally.reported).has(id);
    if (answered && !filed) problems.push(`${kind} answered 2xx, workflow at ${kind}.${region}`);
    if (filed !== rows.length > 0 || filed !== audits.length > 0) {
      problems.push(`${kind}.${region}: ${rows.length} row(s), ${audits.length} audit row(s)`);
    }
    const late = region === 'filedLate';
    if (rows.some((l) => l !== late) || audits.some((a) => a.endsWith('_LATE') !== late)) {
      problems.push(`${kind}.${region}: lateness differs (rows ${rows.join(',')}, audit ${audits.join(',')})`);
    }
  }
  return problems.length > 0 ? problems.join('; ') : undefined;
}

/** What the records say once the stream is over (waiting a while for the last writes to land). */
async function check(
  fault: string,
  areas: string[],
  filings: string[],
  tally: Tally,
): Promise<{ row: Omit<FaultRow, 'recoverySeconds' | 'settledSeconds'>; byKind: KindRow[] }> {
  const { prisma } = database;
  const deadline = Date.now() + 120_000;
  const settled = async () => {
    const assignments = await prisma.assignment.findMany({
      where: { areaId: { in: areas } },
      select: { id: true, areaId: true, state: true },
    });
    const approvals = await prisma.auditEvent.findMany({
      where: { assignmentId: { in: assignments.map((a) => a.id) }, decisionNumber: { not: null } },
      select: { assignmentId: true, seq: true },
    });
    return { assignments, approvals, filed: await filingRecords(filings) };
  };
  let { assignments, approvals, filed } = await settled();
  while (
    (assignments.length < tally.proposed.size ||
      new Set(approvals.map((a) => a.assignmentId)).size < tally.approved.size ||
      [...tally.planned].some((id) => !filed.plan.audits.has(id) || !filed.plan.rows.has(id)) ||
      [...tally.reported].some((id) => !filed.report.audits.has(id) || !filed.report.rows.has(id))) &&
    Date.now() < deadline
  ) {
    await sleep(1_000);
    ({ assignments, approvals, filed } = await settled());
  }
  const excess = (counts: Iterable<number>) => [...counts].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  const perArea = new Map<string, number>();
  for (const a of assignments) perArea.set(a.areaId, (perArea.get(a.areaId) ?? 0) + 1);
  const approvalsOf = new Map<string, number>();
  for (const a of approvals) approvalsOf.set(a.assignmentId!, (approvalsOf.get(a.assignmentId!) ?? 0) + 1);
  const decisions = await prisma.decision.groupBy({
    by: ['heldByAssignmentId'],
    where: { heldByAssignmentId: { in: assignments.map((a) => a.id) } },
    _count: true,
  });
  const decisionsOf = new Map(decisions.map((d) => [d.heldByAssignmentId!, d._count]));
  const ids = new Set(assignments.map((a) => a.id));
  const proposed = [...tally.proposed.values()];
  // A filing is on record when both its audit row and its plan or report row are; a second of either is doubled.
  const filingCount = (kind: 'plan' | 'report', answered: Set<string>): Counted => {
    const { audits, rows } = filed[kind];
    const onRecord = [...answered].filter((id) => audits.has(id) && rows.has(id)).length;
    return {
      onRecord,
      doubled: excess([...audits.values()].map((a) => a.length)) + excess([...rows.values()].map((r) => r.length)),
      lost: answered.size - onRecord,
    };
  };
  const counted: Record<Kind, Counted> = {
    proposal: {
      onRecord: proposed.filter((id) => ids.has(id)).length,
      doubled: excess(perArea.values()),
      lost: proposed.filter((id) => !ids.has(id)).length,
    },
    approval: {
      onRecord: [...tally.approved].filter((id) => approvalsOf.has(id)).length,
      doubled: excess(approvalsOf.values()) + excess(decisionsOf.values()),
      lost: [...tally.approved].filter((id) => !approvalsOf.has(id)).length,
    },
    plan: filingCount('plan', tally.planned),
    report: filingCount('report', tally.reported),
  };

  // The read model, the audit trail and the workflow agree on each assignment's state; a workflow that does not
  // answer, or sits short of where its approval put it, is stuck.
  let stuckWorkflows = 0;
  const client = deployment.apis[0]!.url!;
  const same = (s: string | null | undefined) => (s ?? '').replace(/_/g, '').toLowerCase();
  const disagreement = async (id: string): Promise<string | undefined> => {
    const row = await prisma.assignment.findUnique({ where: { id }, select: { state: true } });
    const last = await prisma.auditEvent.findFirst({
      where: { assignmentId: id, toState: { not: null } },
      orderBy: { seq: 'desc' },
      select: { toState: true },
    });
    const view = await send(client, `/assignments/${id}`, { headers: { authorization: `Bearer ${tokens.ld02}` } });
    const workflowState = (view.body.view as { state?: string } | undefined)?.state;
    const states = `row ${row?.state}, audit ${last?.toState}, workflow ${workflowState ?? `HTTP ${view.status}`}`;
    if (view.status !== 200 || last?.toState !== row?.state || same(workflowState) !== same(row?.state)) return states;
    if (tally.approved.has(id) && same(row?.state) === 'awaitingapproval') return `approved but ${states}`;
    return undefined;
  };
  const checks = [
    ...assignments.map((a) => ({ what: `assignment ${a.id}`, problem: () => disagreement(a.id) })),
    ...filings.map((id) => ({ what: `month ${period} of ${id}`, problem: () => filingDisagreement(id, tally) })),
  ];
  for (const { what, problem: problemNow } of checks) {
    // A step in flight is not stuck: it has 30 s to land everywhere.
    let problem = await problemNow();
    for (const until = Date.now() + 30_000; problem && Date.now() < until;) {
      await sleep(1_000);
      problem = await problemNow();
    }
    if (problem) {
      stuckWorkflows += 1;
      console.log(`${fault}: ${what} stuck or disagreeing: ${problem}`);
    }
  }
  const stuckKeys = await prisma.idempotencyRecord.count({
    where: { key: { startsWith: `${fault}-` }, statusCode: null },
  });
  const verify = await send(client, '/audit/verify', { headers: { authorization: `Bearer ${tokens.cb014}` } });
  const during = tally.during;
  const codes = new Set(
    during
      .filter((a) => a.status >= 500 || a.status === 409)
      .map((a) => `${a.status} ${(a.body.error as { code?: string } | undefined)?.code ?? ''}`.trim()),
  );
  if (during.some((a) => a.status === 0 && !a.hung)) codes.add('connection refused/reset');
  const total = (figure: (kind: Kind) => number) => KINDS.reduce((sum, kind) => sum + figure(kind), 0);
  return {
    row: {
      fault,
      sent: total((kind) => tally.sent[kind]),
      answered2xx: total((kind) => tally.answered2xx[kind]),
      onRecord: total((kind) => counted[kind].onRecord),
      doubled: total((kind) => counted[kind].doubled),
      lost: total((kind) => counted[kind].lost),
      stuckKeys,
      stuckWorkflows,
      auditIntact: verify.status === 200 && verify.body.ok === true,
      during503: during.filter((a) => a.status === 503).length,
      during504: during.filter((a) => a.status === 504).length,
      during500: during.filter((a) => a.status === 500).length,
      hung: during.filter((a) => a.hung).length,
      reasons: [...codes].join(', '),
    },
    byKind: KINDS.map((kind) => ({
      fault,
      kind,
      sent: tally.sent[kind],
      answered2xx: tally.answered2xx[kind],
      ...counted[kind],
    })),
  };
}

function expectSurvived(row: FaultRow): void {
  expect(row).toMatchObject({
    sent: WRITES,
    answered2xx: WRITES,
    onRecord: WRITES,
    doubled: 0,
    lost: 0,
    stuckKeys: 0,
    stuckWorkflows: 0,
    auditIntact: true,
    during500: 0,
    hung: 0,
  });
  for (const kind of kindRows.filter((k) => k.fault === row.fault)) {
    const units = kind.kind === 'proposal' || kind.kind === 'approval' ? UNITS : FILINGS;
    expect(kind).toMatchObject({ sent: units, answered2xx: units, onRecord: units, doubled: 0, lost: 0 });
  }
}

async function until(what: string, ok: () => Promise<boolean>, forMs = 60_000): Promise<void> {
  for (const deadline = Date.now() + forMs; !(await ok());) {
    if (Date.now() > deadline) throw new Error(`waited ${forMs / 1000} s in vain for ${what}`);
    await sleep(250);
  }
}

/**
 * `count` assignments serving this month, their month's workflow running: started through the Temporal client under
 * FILING_POLICY, effective from the month's first day (a decision of today allows it: FIRST_OF_DECISION_MONTH), and
 * approved through the API. The month and the decision's day are read once, so that a month turning meanwhile cannot
 * part them.
 */
async function assignmentsFilingThisMonth(count: number): Promise<string[]> {
  const { prisma } = database;
  const today = dayOf(Date.now());
  period = today.slice(0, 7);
  const setup = new Tally();
  const ids: string[] = [];
  const one = async (i: number) => {
    const area = await prisma.area.create({
      data: {
        code: `CLUSTER-F-${i}`,
        name: `Địa bàn cụm báo cáo ${i}`,
        kind: 'COMMUNE',
        leaderInChargeId: 'official-ld-02',
      },
    });
    const assignmentId = randomUUID();
    const input: AssignmentWorkflowInput = {
      assignmentId,
      areaId: area.id,
      officialId: FILER.officialId,
      proposedBy: 'official-ld-01',
      reason: 'Phân công theo dõi địa bàn (kiểm thử sự cố trên cụm: kế hoạch và báo cáo tháng)',
      effectiveFrom: `${period}-01`,
      policy: FILING_POLICY,
    };
    await temporal!.workflow.start('assignmentWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowId: assignmentWorkflowId(assignmentId),
      args: [input],
    });
    await until(`the record of ${assignmentId}`, async () =>
      Boolean(await prisma.assignment.findUnique({ where: { id: assignmentId }, select: { id: true } })),
    );
    await keyed(setup, 'approval', i, 'ld02', `/assignments/${assignmentId}/approve`, `setup-approve-${i}`, {
      decision: { number: `${900 + i}-QĐ/BTCTU`, issuedOn: today, signerId: 'official-ld-03' },
    });
    await until(`the month ${period} of ${assignmentId}`, () =>
      temporal!.workflow
        .getHandle(monthlyCycleWorkflowId(assignmentId, period))
        .describe()
        .then(
          (d) => d.status.name === 'RUNNING',
          () => false,
        ),
    );
    ids[i] = assignmentId;
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await one(next++);
    }),
  );
  return ids;
}

describe('the cluster survives its faults (points 4-7)', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dia-ban-cluster-'));
    deployment = await startDeployment({
      dir,
      env: { DEMO_ROSTER: '0' },
      log: (line) => console.log(`cluster: ${line}`),
    });
    database = openDatabase(deployment.databaseUrl);
    areaIds = [];
    for (let i = 0; i < UNITS * 4; i += 1) {
      const area = await database.prisma.area.create({
        data: { code: `CLUSTER-${i}`, name: `Địa bàn cụm ${i}`, kind: 'COMMUNE', leaderInChargeId: 'official-ld-02' },
      });
      areaIds.push(area.id);
    }
    for (const who of ['ld01', 'ld02', 'cb014', FILER.username]) tokens[who] = await login(who);
    temporal = new Client({
      connection: await Connection.connect({ address: deployment.cluster.address }),
      namespace: deployment.cluster.namespace,
    });
    const started = Date.now();
    filingAssignments = await assignmentsFilingThisMonth(FILINGS * 4);
    console.log(`${filingAssignments.length} assignments serving ${period} in ${seconds(Date.now() - started)} s`);
  }, 420_000);

  afterAll(async () => {
    console.log(
      `\nthe cluster under faults (a stream of proposals, approvals, and plans and reports of ${period}, ` +
        'over both API processes; all writes together)',
    );
    console.table(rows);
    console.log('the same per kind of write');
    console.table(kindRows);
    if (rows.some((row) => row.during500 > 0)) await printFailedRequests();
    await temporal?.connection.close();
    await database?.close();
    await deployment?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 180_000);

  /** The API processes' own account of each 500 (its error and stack), as the logs are removed with the deployment. */
  async function printFailedRequests(): Promise<void> {
    for (const api of deployment.apis) {
      const log = await readFile(api.logFile, 'utf8').catch(() => '');
      for (const line of log
        .split('\n')
        .filter((l) => l.includes('request failed'))
        .slice(0, 5))
        console.log(`${api.name} logged: ${line}`);
    }
  }

  it('4. a Temporal node killed (kill -9) mid-stream', async () => {
    const node = deployment.cluster.nodes[1]!;
    const row = await streamWithFault(
      'node',
      areaIds.slice(0, UNITS),
      filingAssignments.slice(FILINGS * 0, FILINGS * 1),
      () => node.kill('SIGKILL'),
      async () => {
        node.start();
        await node.waitServing();
      },
    );
    rows.push(row);
    expectSurvived(row);
  });

  it('5. a worker killed (kill -9) mid-stream', async () => {
    const worker = deployment.workers[0]!;
    const row = await streamWithFault(
      'worker',
      areaIds.slice(UNITS, UNITS * 2),
      filingAssignments.slice(FILINGS * 1, FILINGS * 2),
      () => worker.kill('SIGKILL'),
      async () => {
        worker.start();
        await worker.waitReady();
      },
    );
    rows.push(row);
    expectSurvived(row);
  });

  it('6. an API process killed (kill -9) mid-stream: clients retry on the other with their Idempotency-Key', async () => {
    const api = deployment.apis[0]!;
    const row = await streamWithFault(
      'api',
      areaIds.slice(UNITS * 2, UNITS * 3),
      filingAssignments.slice(FILINGS * 2, FILINGS * 3),
      async () => {
        await api.kill('SIGKILL');
        // Down for a while, as before a supervisor restarts it.
        await sleep(5_000);
        api.start();
        await api.waitReady();
      },
      async () => {},
    );
    rows.push(row);
    expectSurvived(row);
  });

  it('7. PostgreSQL stopped for 10 s mid-stream and started again', async () => {
    const { postgres } = deployment.cluster;
    const row = await streamWithFault(
      'postgres',
      areaIds.slice(UNITS * 3, UNITS * 4),
      filingAssignments.slice(FILINGS * 3, FILINGS * 4),
      async () => {
        await postgres.stop('fast');
        await sleep(10_000);
        await postgres.start();
      },
      async () => {},
    );
    rows.push(row);
    expectSurvived(row);
  });
});
