/**
 * One area, one assignment at a time. An official holds at most one open assignment per area
 * (`ALREADY_ASSIGNED`); a further official joins an area already monitored only as a member of the monitoring group of
 * the assignments there (Đ2.3: several officials assigned together, the group leader primarily responsible), or as the
 * successor of a handover, which its predecessor's workflow starts without coming through here;
 * otherwise `AREA_ALREADY_MONITORED`, naming the assignment that monitors the area.
 *
 * Open means anything but closed: awaiting approval, scheduled, active (serving, rotation eligible or due) and handing
 * over. A proposal still awaiting leadership's decision holds the area as firmly as an assignment in force: a second
 * proposal for it is refused until the first is rejected or withdrawn (the Board decides one proposal for an area, not
 * a choice between rival ones). Rejected and withdrawn proposals are closed, and give the area back.
 *
 * Decided before the workflow starts, on the Assignment rows the workflows write and on the claims this module writes
 * (the AreaClaim table): a proposal takes its claim with the area's row locked (one transaction that first writes the
 * area's row unchanged: the write lock on SQLite, the row's lock on PostgreSQL), so of two proposals sent at once for
 * one area the second sees
 * the first, even before the first's workflow has written its row. A claim is released when that row says closed, or
 * when its workflow never started.
 */
import type { PrismaClient } from '../../prisma/database';
import type { Tx } from '../audit/log';
import { RULE_VIOLATED } from '../../machines/rules';
import { inChunks } from '../imports/chunks';
import { Refusal } from '../refusal';

export interface AreaPlace {
  assignmentId: string;
  areaId: string;
  officialId: string;
  groupId?: string | undefined;
}

export interface OpenAssignment {
  id: string;
  officialId: string;
  groupId: string | null;
  createdAt: Date;
}

export interface AreaClaim {
  /** Gives the place back: the proposal's workflow did not start. */
  release(): Promise<void>;
}

/** Claims of this age with no Assignment row yet are checked against Temporal: the API may have stopped midway. */
export const UNCONFIRMED_CLAIM_MS = 2 * 60 * 1000;

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === 'P2002';

const refusal = (rule: string, message: string, holder: OpenAssignment) =>
  new Refusal(422, RULE_VIOLATED, message, {
    rule,
    path: rule === 'ALREADY_ASSIGNED' ? 'officialId' : 'areaId',
    assignmentId: holder.id,
    officialId: holder.officialId,
    groupId: holder.groupId,
  });

/**
 * The open assignments of these areas, by area, oldest first: the workflows' rows not closed, and the claims of
 * proposals whose workflow has not written its row yet. Once the row is written it alone decides: a claim whose
 * assignment is closed (a withdrawn or rejected proposal) gives its area back, whoever asks (a proposal, the import).
 */
export async function openAssignmentsIn(db: Tx, areaIds: string[]): Promise<Map<string, OpenAssignment[]>> {
  const open = new Map<string, OpenAssignment[]>();
  const add = (areaId: string, assignment: OpenAssignment) =>
    open.set(areaId, [...(open.get(areaId) ?? []), assignment]);
  const rows = await inChunks(areaIds, (chunk) =>
    db.assignment.findMany({
      where: { areaId: { in: chunk }, state: { not: 'closed' } },
      select: { id: true, areaId: true, officialId: true, groupId: true, createdAt: true },
    }),
  );
  for (const { areaId, ...row } of rows) add(areaId, row);
  const claims = await inChunks(areaIds, (chunk) =>
    db.areaClaim.findMany({
      where: { areaId: { in: chunk } },
      select: { assignmentId: true, areaId: true, officialId: true, groupId: true, createdAt: true },
    }),
  );
  const written = new Set(
    (
      await inChunks(
        claims.map((claim) => claim.assignmentId),
        (chunk) => db.assignment.findMany({ where: { id: { in: chunk } }, select: { id: true } }),
      )
    ).map((row) => row.id),
  );
  for (const claim of claims) {
    if (written.has(claim.assignmentId)) continue;
    add(claim.areaId, {
      id: claim.assignmentId,
      officialId: claim.officialId,
      groupId: claim.groupId,
      createdAt: claim.createdAt,
    });
  }
  for (const list of open.values()) list.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return open;
}

/** The area's open assignments other than this one. */
async function openAssignments(tx: Tx, areaId: string, assignmentId: string): Promise<OpenAssignment[]> {
  return ((await openAssignmentsIn(tx, [areaId])).get(areaId) ?? []).filter((a) => a.id !== assignmentId);
}

/** The assignment that monitors the area: its group leader's, or else the earliest. */
async function monitoring(tx: Tx, open: OpenAssignment[]): Promise<OpenAssignment> {
  const groupId = open[0]!.groupId;
  if (groupId) {
    const leader = await tx.groupMembership.findFirst({
      where: { groupId, isLeader: true, until: null },
      select: { officialId: true },
    });
    const led = open.find((a) => a.officialId === leader?.officialId);
    if (led) return led;
  }
  return open[0]!;
}

async function refuseBreaches(tx: Tx, place: AreaPlace): Promise<void> {
  const open = await openAssignments(tx, place.areaId, place.assignmentId);
  const same = open.find((a) => a.officialId === place.officialId);
  if (same) {
    throw refusal(
      'ALREADY_ASSIGNED',
      `Official ${place.officialId} already holds assignment ${same.id} in area ${place.areaId}, not yet closed`,
      same,
    );
  }
  if (open.length === 0) return;
  const holder = await monitoring(tx, open);
  const joinsTheGroup =
    !!place.groupId &&
    open.every((a) => a.groupId === place.groupId) &&
    !!(await tx.groupMembership.findFirst({
      where: { groupId: place.groupId, officialId: place.officialId, until: null },
      select: { id: true },
    }));
  if (joinsTheGroup) return;
  throw refusal(
    'AREA_ALREADY_MONITORED',
    `Area ${place.areaId} is monitored by assignment ${holder.id} (official ${holder.officialId}` +
      (holder.groupId ? `, group ${holder.groupId})` : ')') +
      ': a further official joins it only as a current member of its monitoring group, or as the successor of a handover',
    holder,
  );
}

/**
 * Checks the area's rules without taking a claim: for an assignment a workflow starts on leadership's decision (the
 * rotated official's next area), decided when the decision is sent, before it enters the workflow's history.
 */
export async function assertAreaOpenTo(prisma: PrismaClient, place: AreaPlace): Promise<void> {
  await refuseBreaches(prisma, place);
}

/** Claims older than a moment whose workflow was never started (the API stopped between claim and start) are dropped. */
async function dropUnstartedClaims(
  prisma: PrismaClient,
  areaId: string,
  workflowExists: (assignmentId: string) => Promise<boolean>,
): Promise<void> {
  const old = await prisma.areaClaim.findMany({
    where: { areaId, createdAt: { lt: new Date(Date.now() - UNCONFIRMED_CLAIM_MS) } },
    select: { assignmentId: true },
  });
  if (old.length === 0) return;
  const written = new Set(
    (
      await prisma.assignment.findMany({
        where: { id: { in: old.map((c) => c.assignmentId) } },
        select: { id: true },
      })
    ).map((row) => row.id),
  );
  for (const { assignmentId } of old) {
    if (!written.has(assignmentId) && !(await workflowExists(assignmentId)))
      await prisma.areaClaim.deleteMany({ where: { assignmentId } });
  }
}

/**
 * Checks the area's rules for a proposal and takes its claim, or refuses it (422 RuleViolated). A retry of the same
 * proposal (a keyed request: same assignment id) finds its own claim or row and passes.
 */
export async function claimAreaPlace(
  prisma: PrismaClient,
  place: AreaPlace,
  workflowExists: (assignmentId: string) => Promise<boolean>,
): Promise<AreaClaim> {
  await dropUnstartedClaims(prisma, place.areaId, workflowExists);
  const release: AreaClaim = {
    release: async () => {
      await prisma.areaClaim.deleteMany({ where: { assignmentId: place.assignmentId } });
    },
  };
  try {
    await prisma.$transaction(async (tx) => {
      // The area's lock: its row, written unchanged first, so that the transaction holds SQLite's write lock from its
      // start and PostgreSQL's row lock until it ends. Claims of assignments now closed are cleared (they count for
      // nothing already: openAssignmentsIn), so the same official may take the area again.
      await tx.$executeRaw`UPDATE "Area" SET "code" = "code" WHERE "id" = ${place.areaId}`;
      await tx.$executeRaw`DELETE FROM "AreaClaim" WHERE "areaId" = ${place.areaId} AND "assignmentId" IN (SELECT "id" FROM "Assignment" WHERE "areaId" = ${place.areaId} AND "state" = 'closed')`;
      const retried =
        (await tx.areaClaim.findUnique({
          where: { assignmentId: place.assignmentId },
          select: { assignmentId: true },
        })) ?? (await tx.assignment.findUnique({ where: { id: place.assignmentId }, select: { id: true } }));
      if (retried) return;
      await refuseBreaches(tx, place);
      await tx.areaClaim.create({
        data: {
          assignmentId: place.assignmentId,
          areaId: place.areaId,
          officialId: place.officialId,
          groupId: place.groupId ?? null,
        },
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Only a writer outside this lock (another process, without the check) could have taken the pair first.
    const holder = await prisma.areaClaim.findFirstOrThrow({
      where: { areaId: place.areaId, officialId: place.officialId },
    });
    throw refusal(
      'ALREADY_ASSIGNED',
      `Official ${place.officialId} already holds assignment ${holder.assignmentId} in area ${place.areaId}`,
      { id: holder.assignmentId, officialId: holder.officialId, groupId: holder.groupId, createdAt: holder.createdAt },
    );
  }
  return release;
}
