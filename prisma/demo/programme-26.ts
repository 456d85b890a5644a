/**
 * The demonstration province's second programme (seed 001): Nghệ An's Quy định 26-QĐ/TU (14/12/2022), under which the
 * Provincial Standing Committee assigns leaders of provincial agencies to monitor communes and wards, and Kết luận
 * 1016-KL/TU (08/5/2024) on carrying it on. Its people: three provincial agencies, each with its head and leaders, two
 * members of the Standing Committee, and the Party committees of five of today's communes and wards (the map since
 * 1 July 2025, prisma/demo/map-2025.ts, which must be recorded first). Only outside production; rows keyed by id and
 * username, so a second run changes nothing and existing passwords are kept.
 *
 * The text of 26-QĐ/TU was not found: seed 001 names the filings (a monitoring programme and plan, periodic reports,
 * a yearly report "on time", the commune committee's year-end comment form) but no day or period. Every number of the
 * version below is therefore this demonstration's choice, a field a province edits as a new version.
 */
import { DEFAULT_POLICY, type Policy, PolicySchema } from '../../machines/policy';
import type { PrismaClient, Role } from '../database';
import { type Argon2Cost, hashPassword } from '../password';
import { unitId } from './map-2025';

export const PROGRAMME_26_ID = 'programme-quy-dinh-26';

export const PROGRAMME_26 = {
  id: PROGRAMME_26_ID,
  code: 'QUY_DINH_26',
  name: 'Quy định 26 — cán bộ lãnh đạo cấp tỉnh theo dõi xã, phường',
  legalBasis:
    'Quy định số 26-QĐ/TU ngày 14/12/2022 của Ban Thường vụ Tỉnh ủy về cán bộ lãnh đạo các cơ quan, đơn vị cấp tỉnh ' +
    'theo dõi các xã, phường, thị trấn; Kết luận số 1016-KL/TU ngày 08/5/2024',
  decidedBy: 'STANDING_COMMITTEE',
  monitoredBy: 'AGENCY_LEADERS',
  areaKinds: ['COMMUNE', 'WARD'],
  cadenceKind: 'YEARLY_PROGRAMME_PERIODIC_REPORTS',
  evaluationForm: 'COMMUNE_COMMITTEE_COMMENT',
  termRule: 'COMMITTEE_TERM',
} as const;

/**
 * The first version. `yearly` is this cadence's own; the Board's blocks (monthly plans, rotation, Đ9.5's evaluation,
 * complaints, meetings, register) keep the Board's values, which the schema asks of every version and this cadence
 * does not read.
 */
export const PROGRAMME_26_FIRST_VERSION: Policy = PolicySchema.parse({
  ...DEFAULT_POLICY,
  version: 'QĐ26-2022.1',
  yearly: {
    programmeDueOn: '01-31',
    reportEveryMonths: 6,
    periodicReportDueWorkingDaysAfterPeriodEnd: 10,
    yearlyReportDueOn: '12-15',
    reminderWorkingDaysBefore: 3,
    escalateToAgencyHeadAfterWorkingDays: 3,
    escalateToStandingCommitteeOfficeAfterWorkingDays: 10,
    comment: {
      requestOn: '11-15',
      dueWorkingDaysAfterRequest: 20,
      reminderWorkingDaysBefore: 5,
      escalateAfterWorkingDays: 5,
    },
  },
});
/** The regulation's own day: the version is in force from it. */
export const PROGRAMME_26_FIRST_VERSION_FROM = '2022-12-14';

interface AgencySeed {
  id: string;
  code: string;
  name: string;
  /** Head first; each leader with their communes (official codes of today's units). */
  people: { username: string; displayName: string; title: string; head?: true; communes: string[] }[];
}

export const AGENCIES_26: readonly AgencySeed[] = [
  {
    id: 'agency-na-snnmt',
    code: 'SNNMT',
    name: 'Sở Nông nghiệp và Môi trường',
    people: [
      { username: 'snnmt.gd', displayName: 'Trần Văn Lâm', title: 'Giám đốc Sở', head: true, communes: [] },
      { username: 'snnmt.pgd1', displayName: 'Nguyễn Thị Bích Thủy', title: 'Phó Giám đốc Sở', communes: ['17971'] },
      { username: 'snnmt.pgd2', displayName: 'Hồ Đức Lương', title: 'Phó Giám đốc Sở', communes: ['17950'] },
    ],
  },
  {
    id: 'agency-na-stc',
    code: 'STC',
    name: 'Sở Tài chính',
    people: [
      { username: 'stc.gd', displayName: 'Lê Minh Khoa', title: 'Giám đốc Sở', head: true, communes: ['16732'] },
      { username: 'stc.pgd1', displayName: 'Phạm Thị Thu Trang', title: 'Phó Giám đốc Sở', communes: ['17110'] },
    ],
  },
  {
    id: 'agency-na-btgdv',
    code: 'BTGDV',
    name: 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
    people: [
      { username: 'btgdv.tb', displayName: 'Đoàn Văn Sơn', title: 'Trưởng ban', head: true, communes: [] },
      { username: 'btgdv.ptb1', displayName: 'Võ Thị Mai Hương', title: 'Phó Trưởng ban', communes: ['16939'] },
    ],
  },
];

export const STANDING_COMMITTEE_26 = [
  { username: 'btv.01', displayName: 'Nguyễn Đình Quân' },
  { username: 'btv.02', displayName: 'Thái Thị Hoài An' },
] as const;

/** The commune and ward Party committees who fill in the year-end comment form, one account each. */
export const COMMUNE_COMMITTEES_26 = [
  { username: 'dukimlien', displayName: 'Đảng ủy xã Kim Liên', area: '17971' },
  { username: 'duvanan', displayName: 'Đảng ủy xã Vạn An', area: '17950' },
  { username: 'ducualo', displayName: 'Đảng ủy phường Cửa Lò', area: '16732' },
  { username: 'duhoangmai', displayName: 'Đảng ủy phường Hoàng Mai', area: '17110' },
  { username: 'duthaihoa', displayName: 'Đảng ủy phường Thái Hòa', area: '16939' },
] as const;

/** The day today's communes and wards began (Nghị quyết 1678/NQ-UBTVQH15): the leaders monitor them from it. */
const MONITORED_FROM = '2025-07-01';
const MEMBERS_FROM = '2022-12-14';

/** Demo passwords as the rest of the demo has them; the demo is never seeded in production. */
const demoPassword = (username: string) => `DiaBan@${username}`;
const DEMO_PASSWORD_COST: Argon2Cost = { memoryCost: 4_096, timeCost: 1, parallelism: 1 };

interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  areaId?: string;
}

function users(): DemoUser[] {
  return [
    ...AGENCIES_26.flatMap((a) =>
      a.people.map((p) => ({
        username: p.username,
        displayName: p.displayName,
        roles: p.head ? (['AGENCY_HEAD', 'AGENCY_LEADER'] as Role[]) : (['AGENCY_LEADER'] as Role[]),
      })),
    ),
    ...STANDING_COMMITTEE_26.map((m) => ({ ...m, roles: ['STANDING_COMMITTEE_MEMBER'] as Role[] })),
    ...COMMUNE_COMMITTEES_26.map((c) => ({
      username: c.username,
      displayName: c.displayName,
      roles: ['AREA_COMMITTEE'] as Role[],
      areaId: unitId(c.area),
    })),
  ];
}

export interface Programme26Seeded {
  agencies: number;
  leaders: number;
  communes: number;
  newUsers: { username: string; password: string; roles: Role[] }[];
}

/** Records the programme, its first version and its people; nothing in production or before the map exists. */
export async function seedProgramme26(prisma: PrismaClient): Promise<Programme26Seeded | null> {
  if (process.env.NODE_ENV === 'production') return null;
  const admin = await prisma.user.findUnique({ where: { username: 'admin' }, select: { id: true } });
  const communeIds = COMMUNE_COMMITTEES_26.map((c) => unitId(c.area));
  const communesOnRecord = await prisma.area.count({ where: { id: { in: communeIds } } });
  if (!admin || communesOnRecord !== communeIds.length) return null;

  const all = users();
  const existing = new Set(
    (
      await prisma.user.findMany({
        where: { username: { in: all.map((u) => u.username) } },
        select: { username: true },
      })
    ).map((u) => u.username),
  );
  const created = all.filter((u) => !existing.has(u.username));
  // Hash before the transaction: a hash must not hold the write lock.
  const hashes = new Map(
    await Promise.all(
      created.map(async (u) => [u.username, await hashPassword(demoPassword(u.username), DEMO_PASSWORD_COST)] as const),
    ),
  );

  let leaders = 0;
  let communes = 0;
  await prisma.$transaction(
    async (tx) => {
      const { id, areaKinds, ...kinds } = PROGRAMME_26;
      await tx.programme.upsert({
        where: { id },
        create: { id, ...kinds, areaKinds: [...areaKinds] },
        update: {},
      });
      await tx.programmeVersion.upsert({
        where: { programmeId_label: { programmeId: id, label: PROGRAMME_26_FIRST_VERSION.version } },
        create: {
          id: `${id}-${PROGRAMME_26_FIRST_VERSION.version}`,
          programmeId: id,
          label: PROGRAMME_26_FIRST_VERSION.version,
          policy: PROGRAMME_26_FIRST_VERSION,
          effectiveFrom: PROGRAMME_26_FIRST_VERSION_FROM,
          note: 'Phiên bản trình diễn: văn bản Quy định 26-QĐ/TU chưa tìm được, các con số là lựa chọn của bản trình diễn',
          publishedById: admin.id,
        },
        update: {},
      });

      const userIds = new Map<string, string>();
      for (const u of all) {
        const bindings = { displayName: u.displayName, areaId: u.areaId ?? null };
        const row = await tx.user.upsert({
          where: { username: u.username },
          create: {
            id: `user-${u.username}`,
            username: u.username,
            passwordHash: hashes.get(u.username) ?? '!',
            ...bindings,
          },
          update: bindings,
        });
        userIds.set(u.username, row.id);
        for (const role of u.roles)
          await tx.userRole.upsert({
            where: { userId_role: { userId: row.id, role } },
            create: { userId: row.id, role },
            update: {},
          });
      }

      for (const a of AGENCIES_26) {
        await tx.agency.upsert({
          where: { id: a.id },
          create: { id: a.id, code: a.code, name: a.name },
          update: { name: a.name },
        });
        for (const p of a.people) {
          const memberId = `${a.id}-${p.username}`;
          const member = { title: p.title, isHead: p.head === true };
          await tx.agencyMember.upsert({
            where: { id: memberId },
            create: { id: memberId, agencyId: a.id, userId: userIds.get(p.username)!, from: MEMBERS_FROM, ...member },
            update: member,
          });
          if (p.communes.length > 0) leaders += 1;
          for (const code of p.communes) {
            const rowId = `${memberId}-${code}`;
            await tx.agencyLeaderArea.upsert({
              where: { id: rowId },
              create: {
                id: rowId,
                programmeId: id,
                memberId,
                areaId: unitId(code),
                from: MONITORED_FROM,
              },
              update: {},
            });
            communes += 1;
          }
        }
      }
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return {
    agencies: AGENCIES_26.length,
    leaders,
    communes,
    newUsers: created.map((u) => ({ username: u.username, password: demoPassword(u.username), roles: u.roles })),
  };
}
