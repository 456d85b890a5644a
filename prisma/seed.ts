/**
 * Demo data: the Provincial Party Organization Board of a Nghệ An-like province, its departments,
 * officials and leadership, 20 monitored areas, 6 monitoring groups and the users who log in.
 *
 *   npm run seed      applies migrations to DATABASE_URL, then upserts everything (idempotent)
 *   seedIfEmpty(db)   seeds only a database with no people or areas yet (used at start-up)
 *
 * Never in production (NODE_ENV=production): a Board starts with an empty organisation and enters its own; its first
 * administrator comes from `npm run admin -- create <username>` (scripts/admin.ts).
 *
 * Rows are keyed by code/username, so re-running changes nothing; existing passwords are kept.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Argon2Cost, hashPassword } from './password';
import { openDatabase, type AreaKind, type OfficialPosition, type PrismaClient, type Role } from './database';
import { applyMigrations, migrationsDirFor, providerOf, readMigrationsList } from './tooling/migrations';
import { sqlitePathOf } from './tooling/schema-engine';

// ───────────────────────── the province ─────────────────────────

const DEPARTMENTS = [
  { code: 'TCDDV', name: 'Phòng Tổ chức đảng - đảng viên' },
  { code: 'TCCB', name: 'Phòng Tổ chức cán bộ' },
  { code: 'BVCTNB', name: 'Phòng Bảo vệ chính trị nội bộ' },
  { code: 'CSD', name: 'Phòng Cơ sở đảng' },
  { code: 'VP', name: 'Văn phòng Ban' },
  { code: 'NCTH', name: 'Phòng Nghiên cứu - Tổng hợp' },
] as const;

type DepartmentCode = (typeof DEPARTMENTS)[number]['code'];

interface OfficialSeed {
  code: string;
  fullName: string;
  position: OfficialPosition;
  department: DepartmentCode | null;
}

/** Board leadership: not in a department. */
const LEADERS: OfficialSeed[] = [
  { code: 'LD-01', fullName: 'Nguyễn Văn Thông', position: 'HEAD_OF_BOARD', department: null },
  { code: 'LD-02', fullName: 'Trần Thị Hồng Minh', position: 'DEPUTY_HEAD', department: null },
  { code: 'LD-03', fullName: 'Lê Quang Huy', position: 'DEPUTY_HEAD', department: null },
  { code: 'LD-04', fullName: 'Hoàng Đức Thắng', position: 'DEPUTY_HEAD', department: null },
];

/** Five per department, in DEPARTMENTS order: head, deputy head, three specialists. */
const STAFF_NAMES: readonly string[] = [
  'Phan Văn Hùng',
  'Võ Thị Thanh Hương',
  'Đặng Minh Tuấn',
  'Bùi Thị Lan Anh',
  'Hồ Sỹ Nam',
  'Nguyễn Thị Thu Hà',
  'Trần Đình Phúc',
  'Lê Văn Quý',
  'Đinh Thị Ngọc Ánh',
  'Cao Xuân Trường',
  'Phạm Văn Long',
  'Ngô Thị Mai',
  'Thái Bá Dũng',
  'Hoàng Thị Kim Oanh',
  'Nguyễn Đình Khánh',
  'Lê Thị Hải Yến',
  'Trương Công Định',
  'Nguyễn Hữu Lộc',
  'Võ Văn Tài',
  'Phạm Thị Quỳnh Nga',
  'Đậu Văn Sơn',
  'Hà Thị Phương',
  'Chu Văn Bình',
  'Lưu Thị Hằng',
  'Tăng Văn Hiếu',
  'Nguyễn Cảnh Toàn',
  'Phan Thị Diệu Linh',
  'Trần Quốc Việt',
  'Lê Thị Thanh Tâm',
  'Hồ Văn Khoa',
];

const STAFF: OfficialSeed[] = STAFF_NAMES.map((fullName, i) => ({
  code: `CB-${String(i + 1).padStart(3, '0')}`,
  fullName,
  position: i % 5 === 0 ? 'DEPARTMENT_HEAD' : i % 5 === 1 ? 'DEPUTY_DEPARTMENT_HEAD' : 'SPECIALIST',
  department: DEPARTMENTS[Math.floor(i / 5)]!.code,
}));

/** Hoàng Thị Kim Oanh, a specialist of Phòng Bảo vệ chính trị nội bộ; kept out of every group. */
const AUDITOR_CODE = 'CB-014';

interface AreaSeed {
  code: string;
  name: string;
  kind: AreaKind;
  leader: string;
  parent?: string;
}

/** Parents before children. */
const AREAS: AreaSeed[] = [
  { code: 'NA-VINH', name: 'Thành phố Vinh', kind: 'CITY', leader: 'LD-01' },
  { code: 'NA-VINH-HUNGDUNG', name: 'Phường Hưng Dũng', kind: 'WARD', leader: 'LD-01', parent: 'NA-VINH' },
  { code: 'NA-DUKCQ', name: 'Đảng ủy Khối các cơ quan tỉnh', kind: 'DIRECT_PARTY_COMMITTEE', leader: 'LD-01' },
  { code: 'NA-MTTQ', name: 'Ủy ban Mặt trận Tổ quốc tỉnh', kind: 'FRONT_OR_UNION', leader: 'LD-01' },
  { code: 'NA-SNV', name: 'Sở Nội vụ', kind: 'PROVINCIAL_AGENCY', leader: 'LD-01' },
  { code: 'NA-CUALO', name: 'Thị xã Cửa Lò', kind: 'TOWN', leader: 'LD-02' },
  { code: 'NA-HOANGMAI', name: 'Thị xã Hoàng Mai', kind: 'TOWN', leader: 'LD-02' },
  { code: 'NA-DIENCHAU', name: 'Huyện Diễn Châu', kind: 'DISTRICT', leader: 'LD-02' },
  { code: 'NA-TINHDOAN', name: 'Tỉnh đoàn', kind: 'FRONT_OR_UNION', leader: 'LD-02' },
  { code: 'NA-HLHPN', name: 'Hội Liên hiệp Phụ nữ tỉnh', kind: 'FRONT_OR_UNION', leader: 'LD-02' },
  { code: 'NA-NAMDAN', name: 'Huyện Nam Đàn', kind: 'DISTRICT', leader: 'LD-03' },
  { code: 'NA-NAMDAN-KIMLIEN', name: 'Xã Kim Liên', kind: 'COMMUNE', leader: 'LD-03', parent: 'NA-NAMDAN' },
  { code: 'NA-NAMDAN-TT', name: 'Thị trấn Nam Đàn', kind: 'COMMUNE_TOWN', leader: 'LD-03', parent: 'NA-NAMDAN' },
  { code: 'NA-NGHILOC', name: 'Huyện Nghi Lộc', kind: 'DISTRICT', leader: 'LD-03' },
  { code: 'NA-NGHILOC-NGHIPHONG', name: 'Xã Nghi Phong', kind: 'COMMUNE', leader: 'LD-03', parent: 'NA-NGHILOC' },
  { code: 'NA-THAIHOA', name: 'Thị xã Thái Hòa', kind: 'TOWN', leader: 'LD-04' },
  { code: 'NA-CONCUONG', name: 'Huyện Con Cuông', kind: 'DISTRICT', leader: 'LD-04' },
  { code: 'NA-SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'PROVINCIAL_AGENCY', leader: 'LD-04' },
  { code: 'NA-DUKDN', name: 'Đảng ủy Khối Doanh nghiệp tỉnh', kind: 'DIRECT_PARTY_COMMITTEE', leader: 'LD-04' },
  { code: 'NA-KBNN', name: 'Kho bạc Nhà nước Nghệ An', kind: 'CENTRAL_AGENCY', leader: 'LD-04' },
];

/** Leader first. */
const GROUPS: { id: string; name: string; members: string[] }[] = [
  { id: 'group-01', name: 'Nhóm theo dõi địa bàn số 1', members: ['CB-001', 'CB-003', 'CB-008', 'CB-017'] },
  { id: 'group-02', name: 'Nhóm theo dõi địa bàn số 2', members: ['CB-006', 'CB-004', 'CB-009', 'CB-018'] },
  { id: 'group-03', name: 'Nhóm theo dõi địa bàn số 3', members: ['CB-016', 'CB-005', 'CB-010', 'CB-019'] },
  { id: 'group-04', name: 'Nhóm theo dõi địa bàn số 4', members: ['CB-026', 'CB-013', 'CB-020', 'CB-028'] },
  { id: 'group-05', name: 'Nhóm theo dõi địa bàn số 5', members: ['CB-002', 'CB-015', 'CB-023', 'CB-029'] },
  { id: 'group-06', name: 'Nhóm theo dõi địa bàn số 6', members: ['CB-007', 'CB-024', 'CB-025', 'CB-030'] },
];

const GROUPS_SINCE = new Date('2025-01-01T00:00:00.000Z');

const AREA_COMMITTEE_USERS = [
  // An area committee has no personnel record: its address is its user's (it may change it).
  {
    username: 'diaban-vinh',
    area: 'NA-VINH',
    displayName: 'Ban Thường vụ Thành ủy Vinh',
    email: 'btv@vinh.nghean.example',
  },
  {
    username: 'diaban-namdan',
    area: 'NA-NAMDAN',
    displayName: 'Ban Thường vụ Huyện ủy Nam Đàn',
    email: 'btv@namdan.nghean.example',
  },
  {
    username: 'diaban-kimlien',
    area: 'NA-NAMDAN-KIMLIEN',
    displayName: 'Đảng ủy xã Kim Liên',
    email: 'dangu@kimlien.nghean.example',
  },
];

interface UserSeed {
  username: string;
  displayName: string;
  roles: Role[];
  official?: string;
  area?: string;
  email?: string;
}

function users(): UserSeed[] {
  const groupLeaders = new Set(GROUPS.map((g) => g.members[0]));
  const forOfficial = (o: OfficialSeed): UserSeed => {
    const roles: Role[] =
      o.position === 'HEAD_OF_BOARD'
        ? ['HEAD_OF_BOARD', 'BOARD_LEADER']
        : o.position === 'DEPUTY_HEAD'
          ? ['BOARD_LEADER']
          : ['OFFICIAL'];
    if (o.position === 'DEPARTMENT_HEAD') roles.push('DEPARTMENT_HEAD');
    if (groupLeaders.has(o.code)) roles.push('GROUP_LEADER');
    if (o.code === AUDITOR_CODE) roles.push('AUDITOR');
    return { username: o.code.toLowerCase().replace('-', ''), displayName: o.fullName, roles, official: o.code };
  };
  return [
    { username: 'admin', displayName: 'Quản trị hệ thống', roles: ['ADMINISTRATOR'] },
    ...[...LEADERS, ...STAFF].map(forOfficial),
    ...AREA_COMMITTEE_USERS.map((u) => ({ ...u, roles: ['AREA_COMMITTEE' as const] })),
  ];
}

// ───────────────────────── seeding ─────────────────────────

const production = () => process.env.NODE_ENV === 'production';

/** Demo passwords are predictable: the demo is never seeded in production. */
const demoPassword = (username: string) => `DiaBan@${username}`;

/** A predictable demo password gains nothing from a slow hash, and 38 slow hashes make seeding slow. */
const DEMO_PASSWORD_COST: Argon2Cost = { memoryCost: 4_096, timeCost: 1, parallelism: 1 };

export interface SeedResult {
  /** Only users created by this run; existing users keep their password. */
  newUsers: { username: string; password: string; roles: Role[] }[];
}

export async function seed(prisma: PrismaClient): Promise<SeedResult> {
  if (production()) return { newUsers: [] };
  const all = users();
  const existing = new Set(
    (
      await prisma.user.findMany({
        where: { username: { in: all.map((u) => u.username) } },
        select: { username: true },
      })
    ).map((u) => u.username),
  );
  // Hash before the transaction: scrypt is deliberately slow and must not hold the write lock.
  const newUsers = all
    .filter((u) => !existing.has(u.username))
    .map((u) => ({ ...u, password: demoPassword(u.username) }));
  const hashes = new Map(
    await Promise.all(
      newUsers.map(async (u) => [u.username, await hashPassword(u.password, DEMO_PASSWORD_COST)] as const),
    ),
  );

  await prisma.$transaction(
    async (tx) => {
      const departmentIds = new Map<string, string>();
      for (const d of DEPARTMENTS) {
        const row = await tx.department.upsert({
          where: { code: d.code },
          create: { id: `department-${d.code.toLowerCase()}`, code: d.code, name: d.name },
          update: { name: d.name },
        });
        departmentIds.set(d.code, row.id);
      }

      const officialIds = new Map<string, string>();
      for (const o of [...LEADERS, ...STAFF]) {
        const data = {
          fullName: o.fullName,
          position: o.position,
          departmentId: o.department ? (departmentIds.get(o.department) ?? null) : null,
          email: `${o.code.toLowerCase()}@btctu.nghean.example`,
        };
        const row = await tx.official.upsert({
          where: { code: o.code },
          create: { id: `official-${o.code.toLowerCase()}`, code: o.code, ...data },
          update: data,
        });
        officialIds.set(o.code, row.id);
      }

      const areaIds = new Map<string, string>();
      for (const a of AREAS) {
        const data = {
          name: a.name,
          kind: a.kind,
          parentId: a.parent ? (areaIds.get(a.parent) ?? null) : null,
          leaderInChargeId: officialIds.get(a.leader) ?? null,
        };
        const row = await tx.area.upsert({
          where: { code: a.code },
          create: { id: `area-${a.code.toLowerCase()}`, code: a.code, ...data },
          update: data,
        });
        areaIds.set(a.code, row.id);
      }

      for (const g of GROUPS) {
        await tx.monitoringGroup.upsert({
          where: { id: g.id },
          create: { id: g.id, name: g.name },
          update: { name: g.name },
        });
        for (const [i, code] of g.members.entries()) {
          const officialId = officialIds.get(code)!;
          await tx.groupMembership.upsert({
            where: { groupId_officialId_since: { groupId: g.id, officialId, since: GROUPS_SINCE } },
            create: {
              id: `${g.id}-${code.toLowerCase()}`,
              groupId: g.id,
              officialId,
              since: GROUPS_SINCE,
              isLeader: i === 0,
            },
            update: { isLeader: i === 0 },
          });
        }
      }

      for (const u of all) {
        const bindings = {
          displayName: u.displayName,
          officialId: u.official ? (officialIds.get(u.official) ?? null) : null,
          areaId: u.area ? (areaIds.get(u.area) ?? null) : null,
        };
        const passwordHash = hashes.get(u.username);
        const row = await tx.user.upsert({
          where: { username: u.username },
          // A user missing from `hashes` already exists, so `create` is never used for it.
          create: {
            id: `user-${u.username}`,
            username: u.username,
            passwordHash: passwordHash ?? '!',
            ...bindings,
            email: u.email ?? null,
          },
          update: bindings,
        });
        for (const role of u.roles) {
          await tx.userRole.upsert({
            where: { userId_role: { userId: row.id, role } },
            create: { userId: row.id, role },
            update: {},
          });
        }
      }
    },
    { timeout: 60_000, maxWait: 30_000 },
  );

  return { newUsers: newUsers.map(({ username, password, roles }) => ({ username, password, roles })) };
}

/** Seeds a database that has no officials, areas or users yet, outside production; returns whether it did. */
export async function seedIfEmpty(prisma: PrismaClient): Promise<boolean> {
  if (production()) return false;
  const [officials, areas, users] = await Promise.all([
    prisma.official.count(),
    prisma.area.count(),
    prisma.user.count(),
  ]);
  if (officials + areas + users > 0) return false;
  await seed(prisma);
  return true;
}

// ───────────────────────── npm run seed ─────────────────────────

/**
 * Whether every migration is applied already (a database the service migrated at its start): then the schema engine is
 * not opened, as beside a running service on SQLite it cannot take the write lock it wants for its own table.
 */
async function migrated(prisma: PrismaClient, databaseUrl: string): Promise<boolean> {
  const { migrationDirectories } = await readMigrationsList(migrationsDirFor(providerOf(databaseUrl)));
  try {
    const rows = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    return migrationDirectories.length > 0 && migrationDirectories.every((m) => applied.has(m.path));
  } catch {
    return false; // no migrations' table yet: a new database
  }
}

/**
 * Runs a step again while SQLite is busy: `npm run seed` may run beside the service, whose writes can hold the write
 * lock for a moment (as the service's own start-up retries its migrations).
 */
async function whileBusy<T>(fn: () => Promise<T>, log: (line: string) => void, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      const busy = /SocketTimeout|SQLITE_BUSY|database is locked/.test(String((error as Error)?.message ?? error));
      if (!busy || attempt >= attempts) throw error;
      log(`the database is busy; trying again (${attempt}/${attempts - 1})`);
      await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt));
    }
  }
}

async function main(): Promise<void> {
  const log = (line: string) => console.log(`[seed] ${line}`);
  const databaseUrl = process.env.DATABASE_URL ?? 'file:./data/dia-ban.db';
  if (providerOf(databaseUrl) === 'sqlite')
    await mkdir(path.dirname(path.resolve(sqlitePathOf(databaseUrl))), { recursive: true });
  const probe = openDatabase(databaseUrl);
  const upToDate = await migrated(probe.prisma, databaseUrl).finally(() => probe.close());
  if (upToDate) log('database is up to date: no migration to apply');
  else await whileBusy(() => applyMigrations(databaseUrl, { log }), log);
  const database = openDatabase(databaseUrl);
  try {
    const { newUsers } = await seed(database.prisma);
    const p = database.prisma;
    const [departments, officials, areas, groups, allUsers] = await Promise.all([
      p.department.count(),
      p.official.count(),
      p.area.count(),
      p.monitoringGroup.count(),
      p.user.count(),
    ]);
    log(`${departments} departments, ${officials} officials, ${areas} areas, ${groups} groups, ${allUsers} users`);
    if (production())
      log('production: no demonstration data; the first administrator: npm run admin -- create <username>');
    else if (newUsers.length === 0) log('all demo users already existed; their passwords are unchanged');
    else {
      log('new demo users (username / password / roles):');
      for (const u of newUsers) log(`  ${u.username.padEnd(15)} ${u.password.padEnd(24)} ${u.roles.join(', ')}`);
    }
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    await main();
  } catch (error) {
    console.error(`[seed] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
