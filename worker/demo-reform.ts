/**
 * The demonstration province carries the reform of 1 July 2025 through, as a Board does once its roster is in: each
 * reorganisation the demo map wrote (prisma/demo/map-2025.ts) is recorded as the administrator's record would be
 * (domain/reorganisations/written.ts: its audit row, and for each unit it created an AREA_SUCCESSOR proposal in
 * leadership's inbox naming the former units' officials), and the running assignments and meetings it touches are told
 * by the same signals the reorganisation route sends (api/reorganisations/signals.ts). Their workflows close them on
 * the effective day with AREA_REORGANIZED (heard of late, they still end when the unit did). Nothing here writes an
 * assignment's row, and nothing settles a proposal: that is leadership's.
 */
import type { Client } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import { principalOf } from '../domain/auth/principal';
import { recordWrittenReorganization } from '../domain/reorganisations/written';
import type { Db } from '../domain/organisation/audit';
import { signalAssignments, signalMeetings } from '../api/reorganisations/signals';

/** The demo map's reorganisations: the communes' mergers of Nghị quyết 1678 and the districts' end. */
const DEMO_REORGANIZATIONS = { id: { startsWith: 'reorg-na-' } };

/** The database (its provider for the audit chain's lock) and the Temporal client the workflows are told through. */
export interface DemoDeps extends Db {
  temporal: Client;
}

export interface ReformCarried {
  /** The assignments on units the reform ended, closed by their workflows. */
  closed: string[];
  /** The AREA_SUCCESSOR proposals opened, one per unit the reform created. */
  proposalIds: string[];
}

const until = async (what: string, done: () => Promise<boolean>, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`demo province: ${what} not within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

/**
 * Runs a write again while another process holds SQLite's write lock past the transaction's bound (`npm run seed`
 * writes beside the running service, whose workflows are writing the roster's first records); it is recorded once.
 */
async function whileBusy<T>(write: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      const busy = /timed out|SQLITE_BUSY|database is locked|SocketTimeout/.test(String((error as Error)?.message));
      if (!busy || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt));
    }
  }
}

/**
 * Records the demo's reorganisations as the administrator (their audit rows and successor proposals) once the
 * imported assignments are on record (each row is its workflow's first write, a moment after the import answers), so
 * the proposals name the officials who monitored the former units; signals every running assignment they touch, and
 * waits for those on ended units to close.
 */
export async function carryReformThrough(
  deps: DemoDeps,
  log: FastifyBaseLogger,
  importedIds: readonly string[],
): Promise<ReformCarried> {
  const { prisma } = deps;
  await until(
    'the imported assignments on record',
    async () =>
      (await prisma.assignment.count({ where: { id: { in: [...importedIds] }, state: { startsWith: 'active' } } })) ===
      importedIds.length,
    90_000,
  );
  const admin = await prisma.user.findUnique({ where: { username: 'admin' }, select: { id: true } });
  const caller = admin && (await principalOf(prisma, admin.id));
  if (!caller) throw new Error('demo province: no active administrator to record the reform');
  const records = await prisma.reorganization.findMany({
    where: DEMO_REORGANIZATIONS,
    orderBy: { id: 'asc' },
    select: { id: true },
  });
  const closing: string[] = [];
  const proposalIds: string[] = [];
  for (const { id } of records) {
    const recorded = await whileBusy(() => recordWrittenReorganization(deps, caller, id));
    proposalIds.push(...recorded.proposalIds);
    const outcomes = await signalAssignments(deps.temporal, log, id, recorded.plan);
    await signalMeetings(deps.temporal, log, id, recorded.plan);
    closing.push(
      ...recorded.plan.assignments
        .filter(
          (a) => a.outcome === 'CLOSES' && outcomes.some((o) => o.assignmentId === a.id && o.outcome === 'SIGNALLED'),
        )
        .map((a) => a.id),
    );
  }
  await until(
    'the assignments on ceased units closed',
    async () =>
      (await prisma.assignment.count({ where: { id: { in: closing }, state: { startsWith: 'closed' } } })) ===
      closing.length,
    90_000,
  );
  return { closed: closing, proposalIds };
}
