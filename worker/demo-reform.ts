/**
 * The demonstration province carries the reform of 1 July 2025 through, as a Board does once its roster is in: each
 * reorganisation the demo map recorded (prisma/demo/map-2025.ts) is planned as recorded and the running assignments it
 * touches are told by the same signals the reorganisation route sends (api/reorganisations/signals.ts). Their workflows
 * close them on the effective day with AREA_REORGANIZED (heard of late, they still end when the unit did). Nothing here
 * writes an assignment's row.
 */
import type { Client } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import { planReorganization, type ReorganizationPlan } from '../domain/reorganisations/plan';
import type { PrismaClient } from '../prisma/database';
import { signalAssignments } from '../api/reorganisations/signals';
import { dayOf } from '../machines/calendar';

/** The demo map's reorganisations: the communes' mergers of Nghị quyết 1678 and the districts' end. */
const DEMO_REORGANIZATIONS = { id: { startsWith: 'reorg-na-' } };

export interface DemoDeps {
  prisma: PrismaClient;
  temporal: Client;
}

const until = async (what: string, done: () => Promise<boolean>, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`demo province: ${what} not within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

/**
 * Signals every running assignment on a unit the demo's reorganisations ended, once the imported assignments are on
 * record (each row is its workflow's first write, a moment after the import answers), and waits for their closing.
 * Returns the ids of the assignments closed.
 */
export async function carryReformThrough(
  deps: DemoDeps,
  log: FastifyBaseLogger,
  importedIds: readonly string[],
): Promise<string[]> {
  const { prisma } = deps;
  await until(
    'the imported assignments on record',
    async () =>
      (await prisma.assignment.count({ where: { id: { in: [...importedIds] }, state: { startsWith: 'active' } } })) ===
      importedIds.length,
    90_000,
  );
  const records = await prisma.reorganization.findMany({
    where: DEMO_REORGANIZATIONS,
    orderBy: { id: 'asc' },
    include: { areas: { select: { areaId: true, side: true, ceases: true } } },
  });
  const closing: string[] = [];
  for (const record of records) {
    const successorAreaIds = record.areas.filter((a) => a.side === 'SUCCESSOR').map((a) => a.areaId);
    const plan = await planReorganization(
      prisma,
      {
        kind: record.kind,
        legalBasis: { number: record.legalBasisNumber, date: dayOf(record.legalBasisDate.getTime()) },
        effectiveOn: dayOf(record.effectiveOn.getTime()),
        predecessors: record.areas
          .filter((a) => a.side === 'PREDECESSOR')
          .map((a) => ({ areaId: a.areaId, whole: a.ceases })),
        // The units it created are on record already (under the demo's ids): named below, not created again.
        successors: [],
        newName: null,
        note: record.note,
      },
      { recorded: true },
    );
    const recorded: ReorganizationPlan = {
      ...plan,
      assignments: plan.assignments.map((a) => ({
        ...a,
        successorAreaIds: a.outcome === 'CLOSES' ? successorAreaIds : [a.area.id, ...successorAreaIds],
      })),
    };
    const outcomes = await signalAssignments(deps.temporal, log, record.id, recorded);
    closing.push(
      ...recorded.assignments
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
  return closing;
}
