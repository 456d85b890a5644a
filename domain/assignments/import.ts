/**
 * Importing the assignments already in force: a province moves in with officials who have
 * monitored their areas for years. Each row of a roster file (roster-csv.ts) becomes an assignment appointed by its
 * original decision, in effect since its real start date, charged nothing before the import day (the workflow's
 * `imported` input: assignment/time.ts, takeOverImported).
 *
 * Every row is checked before anything is written; one bad row refuses the whole file (422 IMPORT_REFUSED, each bad
 * row with its line, column, rule and reason). The rules are those of a proposal and its approval, where they make
 * sense for a decision of the past:
 * - the area, the official (active), the signer exist; the signer is a current member of Board leadership
 *   (SIGNER_NOT_LEADERSHIP: the system records who signed by their leadership role) and not the official
 *   (CONFLICT_OF_INTEREST);
 * - the start is not after the import day (START_AFTER_IMPORT: an appointment still to come is proposed, not imported);
 *   the decision is not dated after it (DECISION_NOT_YET_ISSUED) and the start is within the policy's window before the
 *   decision (EFFECTIVE_BEFORE_DECISION);
 * - the register: a decision's place (register, year, number) names one decision: the same number with another date
 *   or signer, in the file or in the register, is DECISION_NUMBER_TAKEN; one decision may appoint several officials
 *   (a group), so rows may share it;
 * - the area rules (area-claims.ts): one open assignment per official and area (ALREADY_ASSIGNED), a second official
 *   only as a current member of the area's monitoring group (AREA_ALREADY_MONITORED), counting the file's earlier rows;
 * - a group is an existing monitoring group, the official one of its current members (NOT_GROUP_MEMBER) and the
 *   leader column its current leader (GROUP_LEADER_MISMATCH).
 * The department scope does not apply: only administrators and Board leadership import, and both act province-wide.
 *
 * Idempotent by decision number: an assignment's id (hence its workflow id) derives from its decision's place in the
 * register, its area and its official, so importing the same file again finds every row already there and starts
 * nothing. Rows are started in file order once all are valid; should Temporal fail midway, importing the file again
 * starts the rest. The checks and the register are here; reading the file (roster-file.ts, within the import's
 * bounds) and starting the workflows is the edge's (api/assignments/import.ts).
 */
import { createHash } from 'node:crypto';
import type { Actor, Role } from '../../machines/actor';
import { effectiveBeforeDecision } from '../../machines/decision-dates';
import { DECISION_NUMBER_FORMAT, registerPlace, type RegisterPlace } from '../../machines/decision-number';
import { DaySchema } from '../../machines/day';
import { DEFAULT_POLICY } from '../../machines/policy';
import { LEADERSHIP } from '../../machines/roles';
import type { PrismaClient } from '../../prisma/database';
import { reserveDecisionNumber } from '../decisions/register';
import { registerCalendar } from '../papers/terms';
import { inChunks } from '../imports/chunks';
import { refuseImport } from '../imports/table';
import { openAssignmentsIn } from './area-claims';
import type { RosterProblem, RosterRow } from './roster-csv';

export interface ImportedRow {
  line: number;
  assignmentId: string;
  areaId: string;
  officialId: string;
  decisionNumber: string;
  effectiveFrom: string;
  /** The start of the years counted for rotation, when the line gives one earlier than `effectiveFrom`. */
  servedFrom?: string | undefined;
}

export interface ImportResult {
  file: string;
  importedOn: string;
  /** Started by this import. */
  imported: ImportedRow[];
  /** Already in the system from an earlier import of the same decisions. */
  alreadyImported: ImportedRow[];
}

export interface ValidRow extends ImportedRow {
  groupId: string | undefined;
  decision: { number: string; issuedOn: string; signerId: string };
  signer: Actor;
  place: RegisterPlace;
}

/** The assignment's id: its decision's place in the register, its area and its official (hence its workflow id). */
export function importedAssignmentId(
  place: { register: string; year: number; sequence: number },
  areaId: string,
  officialId: string,
): string {
  const hash = createHash('sha256').update(`${place.register}\n${areaId}\n${officialId}`).digest('hex').slice(0, 16);
  return `imported-${place.year}-${place.sequence}-${hash}`;
}

const isDay = (value: string) => DaySchema.safeParse(value).success;

/** Officials by code or id, with their current roles. */
async function officialsByKey(prisma: PrismaClient, keys: string[]) {
  const rows = await inChunks(keys, (chunk) =>
    prisma.official.findMany({
      where: { OR: [{ code: { in: chunk } }, { id: { in: chunk } }] },
      select: {
        id: true,
        code: true,
        active: true,
        user: { select: { active: true, roles: { select: { role: true } } } },
      },
    }),
  );
  const map = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    map.set(row.code, row);
    map.set(row.id, row);
  }
  return map;
}

/** Checks every row; returns the valid rows, or throws 422 IMPORT_REFUSED listing every bad one. */
export async function validateRoster(prisma: PrismaClient, rows: RosterRow[], today: string): Promise<ValidRow[]> {
  const problems: RosterProblem[] = [];
  const problem = (row: RosterRow, column: string | undefined, rule: string, message: string) =>
    problems.push({ line: row.line, column, rule, message });
  const keys = (column: 'official' | 'signer' | 'leader') => rows.map((r) => r[column]).filter(Boolean);
  const [areas, officials, groups] = await Promise.all([
    inChunks(
      rows.map((r) => r.area),
      (chunk) =>
        prisma.area.findMany({
          where: { OR: [{ code: { in: chunk } }, { id: { in: chunk } }] },
          select: { id: true, code: true },
        }),
    ),
    officialsByKey(prisma, [...keys('official'), ...keys('signer'), ...keys('leader')]),
    inChunks(rows.map((r) => r.group).filter(Boolean), (chunk) =>
      prisma.monitoringGroup.findMany({
        where: { OR: [{ id: { in: chunk } }, { name: { in: chunk } }] },
        select: {
          id: true,
          name: true,
          memberships: { where: { until: null }, select: { officialId: true, isLeader: true } },
        },
      }),
    ),
  ]);
  const areaByKey = new Map(areas.flatMap((a) => [[a.code, a] as const, [a.id, a] as const]));
  const groupByKey = new Map(groups.flatMap((g) => [[g.name, g] as const, [g.id, g] as const]));
  const areaOf = (key: string) => areaByKey.get(key);
  const groupOf = (key: string) => groupByKey.get(key);
  const window = DEFAULT_POLICY.decision;
  const calendar = await registerCalendar(prisma);

  const valid: ValidRow[] = [];
  // The file's own decisions (by place) and area places, so a row is checked against the rows before it too.
  const decisionsInFile = new Map<string, { line: number; issuedOn: string; signerId: string }>();
  for (const row of rows) {
    const before = problems.length;
    for (const column of ['area', 'official', 'start', 'decision_number', 'decision_date', 'signer'] as const) {
      if (!row[column]) problem(row, column, 'REQUIRED', `"${column}" is required`);
    }
    if (problems.length > before) continue;
    const area = areaOf(row.area);
    if (!area) problem(row, 'area', 'UNKNOWN_AREA', `No area ${row.area}`);
    const official = officials.get(row.official);
    if (!official || !official.active)
      problem(row, 'official', 'UNKNOWN_OFFICIAL', `No active official ${row.official}`);
    if (!isDay(row.start)) problem(row, 'start', 'INVALID_DATE', `"${row.start}" is not a day, YYYY-MM-DD`);
    else if (row.start > today)
      problem(
        row,
        'start',
        'START_AFTER_IMPORT',
        `The assignment starts on ${row.start}, after the import day (${today}): propose it instead`,
      );
    if (row.served_from && !isDay(row.served_from))
      problem(row, 'served_from', 'INVALID_DATE', `"${row.served_from}" is not a day, YYYY-MM-DD`);
    else if (row.served_from && isDay(row.start) && row.served_from > row.start)
      problem(
        row,
        'served_from',
        'SERVED_FROM_AFTER_START',
        `The years served start on ${row.served_from}, after the assignment's start (${row.start})`,
      );
    const place = registerPlace(
      row.decision_number,
      isDay(row.decision_date) ? row.decision_date : '0000-01-01',
      calendar,
    );
    if (!place) problem(row, 'decision_number', 'INVALID_DECISION_NUMBER', DECISION_NUMBER_FORMAT);
    if (!isDay(row.decision_date))
      problem(row, 'decision_date', 'INVALID_DATE', `"${row.decision_date}" is not a day, YYYY-MM-DD`);
    else if (row.decision_date > today)
      problem(
        row,
        'decision_date',
        'DECISION_NOT_YET_ISSUED',
        `The decision is dated ${row.decision_date}, after today (${today})`,
      );
    else if (isDay(row.start)) {
      const early = effectiveBeforeDecision(window, row.decision_date, row.start);
      if (early) problem(row, 'start', early.rule, early.message);
    }
    const signer = officials.get(row.signer);
    const signerRoles = (signer?.user?.active ? signer.user.roles.map((r) => r.role) : []) as Role[];
    const leadership = signerRoles.filter((role) => (LEADERSHIP as readonly Role[]).includes(role));
    if (!signer) problem(row, 'signer', 'UNKNOWN_SIGNER', `No official ${row.signer} to sign the decision`);
    else if (!signer.active || leadership.length === 0)
      problem(
        row,
        'signer',
        'SIGNER_NOT_LEADERSHIP',
        `The decision must be signed by a current member of Board leadership; ${row.signer} is not`,
      );
    else if (official && signer.id === official.id)
      problem(row, 'signer', 'CONFLICT_OF_INTEREST', 'Nobody decides about themself: the signer is the official');
    let groupId: string | undefined;
    if (row.group) {
      const group = groupOf(row.group);
      if (!group) problem(row, 'group', 'UNKNOWN_GROUP', `No monitoring group ${row.group}`);
      else {
        groupId = group.id;
        const leader = row.leader ? officials.get(row.leader) : undefined;
        const currentLeader = group.memberships.find((m) => m.isLeader);
        if (!row.leader) problem(row, 'leader', 'REQUIRED', 'A group needs its leader');
        else if (!leader || leader.id !== currentLeader?.officialId)
          problem(row, 'leader', 'GROUP_LEADER_MISMATCH', `${row.leader} is not the current leader of ${group.id}`);
        if (official && !group.memberships.some((m) => m.officialId === official.id))
          problem(row, 'official', 'NOT_GROUP_MEMBER', `${row.official} is not a current member of ${group.id}`);
      }
    } else if (row.leader) problem(row, 'leader', 'LEADER_WITHOUT_GROUP', 'A leader is given only with a group');
    if (problems.length > before || !area || !official || !signer || !place) continue;

    const placeKey = `${place.register}|${place.periodStart}|${place.sequence}`;
    const earlier = decisionsInFile.get(placeKey);
    if (earlier && (earlier.issuedOn !== row.decision_date || earlier.signerId !== signer.id)) {
      problem(
        row,
        'decision_number',
        'DECISION_NUMBER_TAKEN',
        `Line ${earlier.line} gives the decision ${row.decision_number} another date or signer`,
      );
      continue;
    }
    decisionsInFile.set(placeKey, { line: row.line, issuedOn: row.decision_date, signerId: signer.id });
    const assignmentId = importedAssignmentId(place, area.id, official.id);
    if (valid.some((v) => v.assignmentId === assignmentId)) {
      problem(row, undefined, 'DUPLICATE_ROW', 'The same decision, area and official appear on an earlier line');
      continue;
    }
    valid.push({
      line: row.line,
      assignmentId,
      areaId: area.id,
      officialId: official.id,
      decisionNumber: row.decision_number,
      effectiveFrom: row.start,
      ...(row.served_from && row.served_from < row.start && { servedFrom: row.served_from }),
      groupId,
      decision: { number: row.decision_number, issuedOn: row.decision_date, signerId: signer.id },
      signer: { id: signer.id, roles: leadership },
      place,
    });
  }

  // The register and the areas as they stand, with the file's earlier rows.
  const ids = new Set(valid.map((v) => v.assignmentId));
  const placeKeyOf = (place: { register: string | null; periodStart: string | null; sequence: number | null }) =>
    `${place.register}|${place.periodStart}|${place.sequence}`;
  const places = new Map(valid.map((row) => [placeKeyOf(row.place), row.place] as const));
  const registered = new Map(
    (
      await inChunks(places.keys(), (chunk) =>
        prisma.decision.findMany({
          where: {
            OR: chunk.map((key) => {
              const place = places.get(key)!;
              return { register: place.register, periodStart: place.periodStart, sequence: place.sequence };
            }),
          },
          select: {
            register: true,
            periodStart: true,
            sequence: true,
            number: true,
            issuedOn: true,
            signerId: true,
            heldByAssignmentId: true,
          },
        }),
      )
    ).map((held) => [placeKeyOf(held), held] as const),
  );
  const openIn = await openAssignmentsIn(
    prisma,
    valid.map((row) => row.areaId),
  );
  const inFile: ValidRow[] = [];
  for (const row of valid) {
    const held = registered.get(placeKeyOf(row.place));
    const sameDecision =
      held &&
      held.issuedOn.toISOString().slice(0, 10) === row.decision.issuedOn &&
      held.signerId === row.decision.signerId;
    if (held && !(sameDecision && held.heldByAssignmentId && ids.has(held.heldByAssignmentId))) {
      problems.push({
        line: row.line,
        column: 'decision_number',
        rule: 'DECISION_NUMBER_TAKEN',
        message:
          `The decision ${held.number} of ${held.issuedOn.toISOString().slice(0, 10)} already holds this place in the register` +
          (held.heldByAssignmentId ? `, for assignment ${held.heldByAssignmentId}` : ''),
      });
    }
    const open = [
      ...(openIn.get(row.areaId) ?? []),
      ...inFile
        .filter((r) => r.areaId === row.areaId)
        .map((r) => ({ id: r.assignmentId, officialId: r.officialId, groupId: r.groupId ?? null })),
    ].filter((a) => a.id !== row.assignmentId);
    const same = open.find((a) => a.officialId === row.officialId);
    if (same) {
      problems.push({
        line: row.line,
        column: 'official',
        rule: 'ALREADY_ASSIGNED',
        message: `The official already holds assignment ${same.id} in this area, not yet closed`,
      });
    } else if (open.length > 0 && !(row.groupId && open.every((a) => a.groupId === row.groupId))) {
      problems.push({
        line: row.line,
        column: 'area',
        rule: 'AREA_ALREADY_MONITORED',
        message:
          `The area is monitored by assignment ${open[0]!.id}: a further official joins it only as a member of its ` +
          'monitoring group',
      });
    }
    inFile.push(row);
  }
  if (problems.length > 0) throw refuseImport(problems);
  return valid;
}

/**
 * Takes the decision's place in the register for an imported row, unless it is taken already: a decision appointing
 * several officials is one row of the register, the first of them takes its number.
 */
export async function reserveImportedDecision(prisma: PrismaClient, row: ValidRow): Promise<void> {
  const existing = await prisma.decision.findUnique({
    where: {
      register_periodStart_sequence: {
        register: row.place.register,
        periodStart: row.place.periodStart,
        sequence: row.place.sequence,
      },
    },
    select: { id: true },
  });
  if (!existing) await reserveDecisionNumber(prisma, row.assignmentId, row.decision, 'APPOINTMENT');
}
