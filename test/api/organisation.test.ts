/**
 * The organisation as the Board keeps it, through the HTTP API on the real time-skipping Temporal server and a fresh
 * seeded database: the administrator builds a small organisation beside the demonstration's (departments, people
 * from a CSV file and an Excel workbook, a group with its leader and members), leadership names the leader in charge
 * of an area, a group's leader changes on a day while the past stays answerable (asOf), each refusal names its rule,
 * a person leaving raises a position-change ground on their assignment and lists what they leave without a leader;
 * leaders in charge and the area committees' users come from files through the same import pipeline. Every change
 * leaves its audit row.
 */
import writeXlsxFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../machines/calendar';
import { apiClient, errorOf, SEEDED_USERS as U } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import { startActiveAssignment } from '../support/assignments';
import type { LifecycleHarness } from '../support/lifecycle-harness';

let h: LifecycleHarness;
let suite: ApiSuite | undefined;
let api: ReturnType<typeof apiClient>;

const AREA = 'area-org-test';
const today = () => dayOf(Date.now());

beforeAll(async () => {
  suite = await startApiSuite();
  ({ h, api } = suite);
  // Areas are not yet kept through the API: one of the test's own, without a leader in charge.
  await h.db.prisma.area.create({ data: { id: AREA, code: 'ORG-XA', name: 'Xã Thử Nghiệm', kind: 'COMMUNE' } });
});

afterAll(async () => {
  await suite?.close();
});

interface Official {
  id: string;
  code: string;
  position: string;
}
interface Member {
  official: { id: string; code: string };
  isLeader: boolean;
  since: string;
  until: string | null;
}
interface Group {
  id: string;
  leader: { id: string } | null;
  members: Member[];
  formerMembers: Member[];
}

const auditCount = (action: string, entityId?: string) =>
  h.db.prisma.auditEvent.count({ where: { action, ...(entityId && { entityId }) } });

async function ok<T>(response: { statusCode: number; body: string; json<X>(): X }, status = 200): Promise<T> {
  expect(response.statusCode, response.body).toBe(status);
  return response.json<T>();
}

function expectRule(response: { statusCode: number; body: string; json<X>(): X }, rule: string) {
  expect(response.statusCode, response.body).toBe(422);
  expect(errorOf(response)).toMatchObject({ code: 'RuleViolated', rule });
}

const officials = new Map<string, Official>();
const idOf = (code: string) => officials.get(code)!.id;
let groupId: string;
let departmentTc: string;

describe('an administrator builds a small organisation', () => {
  it('creates departments; a code taken is refused', async () => {
    const tc = await ok<{ id: string }>(
      await api.call('POST', '/departments', U.admin, { code: 'ORG-TC', name: 'Phòng Tổ chức thử' }),
      201,
    );
    departmentTc = tc.id;
    await ok(await api.call('POST', '/departments', U.admin, { code: 'ORG-KT', name: 'Phòng Kiểm tra thử' }), 201);
    expectRule(
      await api.call('POST', '/departments', U.admin, { code: 'ORG-TC', name: 'Trùng mã' }),
      'DEPARTMENT_CODE_TAKEN',
    );
    expect((await api.call('POST', '/departments', U.leader, { code: 'ORG-X', name: 'X' })).statusCode).toBe(403);
    const renamed = await ok<{ name: string }>(
      await api.call('PATCH', `/departments/${departmentTc}`, U.admin, { name: 'Phòng Tổ chức cán bộ thử' }),
    );
    expect(renamed.name).toBe('Phòng Tổ chức cán bộ thử');
    expect(await auditCount('DEPARTMENT_CREATED', departmentTc)).toBe(1);
    expect(await auditCount('DEPARTMENT_RENAMED', departmentTc)).toBe(1);
  });

  it('creates departments from a file: a code taken under another name refuses it; the same file again writes nothing', async () => {
    const header = 'code,name';
    const refused = await api.call('POST', '/departments/import', U.admin, {
      file: 'phong.csv',
      content: [header, 'ORG-VP,Văn phòng thử', 'ORG-KT,Phòng khác', 'ORG-VP,Văn phòng lặp'].join('\n'),
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(errorOf(refused).rows).toEqual([
      expect.objectContaining({ line: 3, column: 'code', rule: 'DEPARTMENT_CODE_TAKEN' }),
      expect.objectContaining({ line: 4, column: 'code', rule: 'DUPLICATE_ROW' }),
    ]);
    expect(await h.db.prisma.department.count({ where: { code: 'ORG-VP' } })).toBe(0);

    const content = [header, 'ORG-VP,Văn phòng thử', 'ORG-KT,Phòng Kiểm tra thử'].join('\n');
    const imported = await ok<{ created: { code: string; id: string }[]; alreadyPresent: { code: string }[] }>(
      await api.call('POST', '/departments/import', U.admin, { file: 'phong.csv', content }),
    );
    expect(imported.created.map((r) => r.code)).toEqual(['ORG-VP']);
    expect(imported.alreadyPresent.map((r) => r.code)).toEqual(['ORG-KT']);
    expect(await auditCount('DEPARTMENT_CREATED', imported.created[0]!.id)).toBe(1);
    const again = await ok<{ created: unknown[] }>(
      await api.call('POST', '/departments/import', U.admin, { file: 'phong.csv', content }),
    );
    expect(again.created).toEqual([]);
  });

  const CSV = [
    'code,full_name,position,department,email,active_from',
    'ORG-LD1,Phan Văn Lãnh,Phó Trưởng ban,,ld1@org.test,2024-01-02',
    'ORG-A,Nguyễn Thị An,Chuyên viên,ORG-TC,a@org.test,2024-01-02',
    'ORG-B,Trần Văn Bình,SPECIALIST,ORG-TC,,2024-01-02',
    'ORG-C,"Lê Thị Cúc, con",Chuyên viên,ORG-KT,,2024-01-02',
  ].join('\n');

  it('imports people from CSV: a file with a bad line writes nothing and names line, column and rule', async () => {
    const before = await h.db.prisma.official.count();
    const refused = await api.call('POST', '/officials/import', U.admin, {
      file: 'nhan-su.csv',
      content: `${CSV}\nORG-D,Đỗ Văn Dũng,Chuyên viên,ORG-ZZ,,2024-01-02\nORG-E,Hồ Văn E,Thư ký,ORG-TC,,2024-13-01\n`,
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(errorOf(refused).code).toBe('IMPORT_REFUSED');
    expect(errorOf(refused).rows).toEqual([
      expect.objectContaining({ line: 6, column: 'department', rule: 'UNKNOWN_DEPARTMENT' }),
      expect.objectContaining({ line: 7, column: 'position', rule: 'UNKNOWN_POSITION' }),
      expect.objectContaining({ line: 7, column: 'active_from', rule: 'INVALID_DATE' }),
    ]);
    expect(await h.db.prisma.official.count()).toBe(before);

    const imported = await ok<{ created: { line: number; id: string; code: string }[] }>(
      await api.call('POST', '/officials/import', U.admin, { file: 'nhan-su.csv', content: CSV }),
    );
    expect(imported.created.map((r) => `${r.line} ${r.code}`)).toEqual(['2 ORG-LD1', '3 ORG-A', '4 ORG-B', '5 ORG-C']);
    for (const row of imported.created) {
      const posts = await ok<Official & { posts: { from: string }[] }>(
        await api.call('GET', `/officials/${row.id}/posts`, U.official),
      );
      officials.set(row.code, posts);
      expect(posts.posts).toEqual([expect.objectContaining({ from: '2024-01-02', until: null })]);
      expect(await auditCount('OFFICIAL_CREATED', row.id)).toBe(1);
    }
    expect(officials.get('ORG-LD1')!.position).toBe('DEPUTY_HEAD');
    expect(officials.get('ORG-C')).toMatchObject({ fullName: 'Lê Thị Cúc, con', department: { code: 'ORG-KT' } });

    // The same file again writes nothing.
    const again = await ok<{ created: unknown[]; alreadyPresent: unknown[] }>(
      await api.call('POST', '/officials/import', U.admin, { file: 'nhan-su.csv', content: CSV }),
    );
    expect(again).toMatchObject({ created: [], alreadyPresent: expect.arrayContaining([expect.anything()]) });
    expect(again.alreadyPresent).toHaveLength(4);
  });

  it('imports people from an Excel workbook, dates as Excel dates', async () => {
    const header = ['code', 'full_name', 'position', 'department', 'active_from'].map((value) => ({ value }));
    const row = ['ORG-D', 'Đỗ Văn Dũng', 'Chuyên viên', 'ORG-KT'].map((value) => ({ value }));
    const sheet = [header, [...row, { value: new Date('2024-03-01T00:00:00Z'), type: Date, format: 'yyyy-mm-dd' }]];
    const contentBase64 = (await writeXlsxFile(sheet as never).toBuffer()).toString('base64');
    const imported = await ok<{ created: { id: string; code: string }[] }>(
      await api.call('POST', '/officials/import', U.admin, { file: 'nhan-su.xlsx', contentBase64 }),
    );
    expect(imported.created.map((r) => r.code)).toEqual(['ORG-D']);
    const d = await ok<Official & { activeFrom: string }>(
      await api.call('GET', `/officials/${imported.created[0]!.id}/posts`, U.admin),
    );
    expect(d.activeFrom).toBe('2024-03-01');
    officials.set('ORG-D', d);
  });

  it('forms groups from a file, a line per member: one leader each, members in service; the same file again writes nothing', async () => {
    const header = 'group,official,role,since';
    const good = ['Nhóm nhập 1,ORG-A,Trưởng nhóm,2024-02-01', 'Nhóm nhập 1,ORG-C,thành viên,2024-02-01'];
    const refused = await api.call('POST', '/groups/import', U.admin, {
      file: 'nhom.csv',
      content: [
        header,
        ...good,
        'Nhóm nhập 2,ORG-B,MEMBER,2024-02-01',
        'Nhóm nhập 3,ORG-NOPE,LEADER,2024-02-01',
        'Nhóm nhập 1,ORG-B,MEMBER,2024-03-01',
      ].join('\n'),
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(errorOf(refused).code).toBe('IMPORT_REFUSED');
    expect(errorOf(refused).rows).toEqual([
      expect.objectContaining({ line: 4, column: 'role', rule: 'GROUP_WITHOUT_LEADER' }),
      expect.objectContaining({ line: 5, column: 'official', rule: 'UNKNOWN_OFFICIAL' }),
      expect.objectContaining({ line: 6, column: 'since', rule: 'GROUP_DAY_DIFFERS' }),
    ]);
    expect(await h.db.prisma.monitoringGroup.count({ where: { name: { startsWith: 'Nhóm nhập' } } })).toBe(0);

    const content = [header, ...good].join('\n');
    const imported = await ok<{ created: { line: number; id: string; code: string }[] }>(
      await api.call('POST', '/groups/import', U.admin, { file: 'nhom.csv', content }),
    );
    expect(imported.created.map((r) => `${r.line} ${r.code}`)).toEqual(['2 Nhóm nhập 1']);
    const members = await h.db.prisma.groupMembership.findMany({
      where: { groupId: imported.created[0]!.id },
      select: { officialId: true, isLeader: true, until: true },
    });
    expect(members).toEqual(
      expect.arrayContaining([
        { officialId: idOf('ORG-A'), isLeader: true, until: null },
        { officialId: idOf('ORG-C'), isLeader: false, until: null },
      ]),
    );
    expect(members).toHaveLength(2);
    expect(await auditCount('GROUP_FORMED', imported.created[0]!.id)).toBe(1);

    const again = await ok<{ created: unknown[]; alreadyPresent: unknown[] }>(
      await api.call('POST', '/groups/import', U.admin, { file: 'nhom.csv', content }),
    );
    expect(again).toMatchObject({ created: [], alreadyPresent: [expect.objectContaining({ code: 'Nhóm nhập 1' })] });
  });

  it('enters one official; an unknown department, a code taken, a Head of Board while there is one are refused', async () => {
    const body = { code: 'ORG-E', fullName: 'Hồ Văn Em', position: 'SPECIALIST', activeFrom: '2024-05-02' };
    expectRule(
      await api.call('POST', '/officials', U.admin, { ...body, departmentId: 'department-nope' }),
      'UNKNOWN_DEPARTMENT',
    );
    expectRule(await api.call('POST', '/officials', U.admin, { ...body, code: 'ORG-A' }), 'OFFICIAL_CODE_TAKEN');
    expectRule(
      await api.call('POST', '/officials', U.admin, { ...body, position: 'HEAD_OF_BOARD' }),
      'HEAD_OF_BOARD_TAKEN',
    );
    const created = await ok<Official>(
      await api.call('POST', '/officials', U.admin, { ...body, departmentId: departmentTc }),
      201,
    );
    officials.set('ORG-E', created);
  });

  it("changes an official's post from a day, the former kept", async () => {
    const posts = await ok<{ position: string; posts: { position: string; from: string; until: string | null }[] }>(
      await api.call('POST', `/officials/${idOf('ORG-C')}/posts`, U.admin, {
        position: 'DEPUTY_DEPARTMENT_HEAD',
        departmentId: departmentTc,
        from: '2025-09-01',
        note: 'Quyết định 5-QĐ/BTCTU',
      }),
    );
    expect(posts.position).toBe('DEPUTY_DEPARTMENT_HEAD');
    expect(posts.posts).toEqual([
      expect.objectContaining({ position: 'SPECIALIST', from: '2024-01-02', until: '2025-09-01' }),
      expect.objectContaining({ position: 'DEPUTY_DEPARTMENT_HEAD', from: '2025-09-01', until: null }),
    ]);
    expectRule(
      await api.call('POST', `/officials/${idOf('ORG-C')}/posts`, U.admin, {
        position: 'SPECIALIST',
        departmentId: null,
        from: '2025-08-01',
      }),
      'POST_BEFORE_CURRENT',
    );
    expect(await auditCount('OFFICIAL_POST_CHANGED', idOf('ORG-C'))).toBe(1);
  });

  it('forms a group with its leader and members; a future day is refused', async () => {
    const body = {
      name: 'Nhóm thử nghiệm 3',
      since: '2025-01-02',
      leaderId: idOf('ORG-A'),
      memberIds: [idOf('ORG-B'), idOf('ORG-C')],
    };
    expectRule(await api.call('POST', '/groups', U.admin, { ...body, since: '2099-01-02' }), 'EFFECTIVE_IN_FUTURE');
    const group = await ok<Group>(await api.call('POST', '/groups', U.admin, body), 201);
    groupId = group.id;
    expect(group.leader?.id).toBe(idOf('ORG-A'));
    expect(group.members.map((m) => m.official.code).sort()).toEqual(['ORG-A', 'ORG-B', 'ORG-C']);
    expectRule(await api.call('POST', '/groups', U.admin, body), 'GROUP_NAME_TAKEN');
    expect(await auditCount('GROUP_FORMED', groupId)).toBe(1);
  });

  it("changes the group's leader on a day: who led it in March 2025 stays answerable", async () => {
    expectRule(
      await api.call('POST', `/groups/${groupId}/leader`, U.admin, { officialId: idOf('ORG-D'), from: '2025-06-01' }),
      'LEADER_NOT_MEMBER',
    );
    await ok(
      await api.call('POST', `/groups/${groupId}/leader`, U.admin, {
        officialId: idOf('ORG-B'),
        from: '2025-06-01',
        note: 'Phân công lại trưởng nhóm',
      }),
    );
    const march = await ok<Group>(await api.call('GET', `/groups/${groupId}?asOf=2025-03-15`, U.official));
    expect(march.leader?.id).toBe(idOf('ORG-A'));
    expect(march.members).toHaveLength(3);
    const july = await ok<Group>(await api.call('GET', `/groups/${groupId}?asOf=2025-07-01`, U.official));
    expect(july.leader?.id).toBe(idOf('ORG-B'));
    const now = await ok<Group>(await api.call('GET', `/groups/${groupId}`, U.official));
    expect(now.leader?.id).toBe(idOf('ORG-B'));
    expect(now.members.map((m) => m.official.code).sort()).toEqual(['ORG-A', 'ORG-B', 'ORG-C']);
    expect(now.formerMembers.map((m) => `${m.official.code} ${m.isLeader} ${m.until?.slice(0, 10)}`).sort()).toEqual([
      'ORG-A true 2025-06-01',
      'ORG-B false 2025-06-01',
    ]);
    const before = await ok<Group>(await api.call('GET', `/groups/${groupId}?asOf=2024-12-31`, U.official));
    expect(before).toMatchObject({ leader: null, members: [] });
    expect(await auditCount('GROUP_LEADER_CHANGED', groupId)).toBe(1);
  });

  it('refuses a membership that overlaps the same official’s; adds one of the past and a new member', async () => {
    expectRule(
      await api.call('POST', `/groups/${groupId}/members`, U.admin, { officialId: idOf('ORG-B'), since: '2025-02-01' }),
      'MEMBERSHIP_OVERLAP',
    );
    await ok(
      await api.call('POST', `/groups/${groupId}/members`, U.admin, {
        officialId: idOf('ORG-D'),
        since: '2024-03-01',
        until: '2024-12-01',
      }),
    );
    const added = await ok<Group>(
      await api.call('POST', `/groups/${groupId}/members`, U.admin, { officialId: idOf('ORG-D'), since: '2025-03-01' }),
    );
    expect(added.members.map((m) => m.official.code)).toContain('ORG-D');
    expect(await auditCount('GROUP_MEMBERSHIP_ADDED', groupId)).toBe(2);
  });

  it('leadership names the leader in charge of an area; the administrator may not, nor may a non-leader be named', async () => {
    const body = { officialId: idOf('ORG-LD1'), from: '2025-01-02', note: 'Phân công lãnh đạo Ban phụ trách' };
    expect((await api.call('POST', `/areas/${AREA}/leader-in-charge`, U.admin, body)).statusCode).toBe(403);
    expectRule(
      await api.call('POST', `/areas/${AREA}/leader-in-charge`, U.leader, { ...body, officialId: idOf('ORG-A') }),
      'LEADER_NOT_LEADERSHIP',
    );
    await ok(await api.call('POST', `/areas/${AREA}/leader-in-charge`, U.leader, body));
    const before = await ok<{ leaderInCharge: unknown }>(
      await api.call('GET', `/areas/${AREA}/leader-in-charge?asOf=2024-12-01`, U.official),
    );
    expect(before.leaderInCharge).toBeNull();
    const march = await ok<{ leaderInCharge: { id: string } }>(
      await api.call('GET', `/areas/${AREA}/leader-in-charge?asOf=2025-03-15`, U.official),
    );
    expect(march.leaderInCharge.id).toBe(idOf('ORG-LD1'));
    await ok(await api.call('POST', `/departments/${departmentTc}/leader-in-charge`, U.leader, body));
    const leadership = await ok<{ members: { official: { id: string }; areas: { id: string }[] }[] }>(
      await api.call('GET', '/organisation/leadership?asOf=2025-03-15', U.official),
    );
    expect(leadership.members.find((m) => m.official.id === idOf('ORG-LD1'))?.areas.map((a) => a.id)).toEqual([AREA]);
    expect(await auditCount('LEADER_IN_CHARGE_SET', AREA)).toBe(1);
    expect(await h.db.prisma.area.findUnique({ where: { id: AREA }, select: { leaderInChargeId: true } })).toEqual({
      leaderInChargeId: idOf('ORG-LD1'),
    });
  });
});

describe('leaders in charge from a file', () => {
  const AREA_2 = 'area-org-test-2';
  const header = 'area,department,leader,since,note';

  it('refuses a file with a bad line, naming line, column and rule; then names each leader in charge, dated and audited', async () => {
    await h.db.prisma.area.create({ data: { id: AREA_2, code: 'ORG-XB', name: 'Phường Thử Nghiệm', kind: 'WARD' } });
    const ld2 = await ok<Official>(
      await api.call('POST', '/officials', U.admin, {
        code: 'ORG-LD2',
        fullName: 'Võ Thị Lãnh',
        position: 'DEPUTY_HEAD',
        activeFrom: '2024-01-02',
      }),
      201,
    );
    officials.set('ORG-LD2', ld2);
    const good = ['ORG-XB,,ORG-LD2,2025-02-03,Quyết định phân công 12-QĐ', ',ORG-KT,ORG-LD2,2025-02-03,'];
    const refused = await api.call('POST', '/organisation/leaders-in-charge/import', U.admin, {
      file: 'phu-trach.csv',
      content: [
        header,
        ...good,
        'ORG-XB,ORG-KT,ORG-LD2,2025-02-03,',
        'ORG-NOPE,,ORG-LD2,2025-02-03,',
        ',ORG-VP,ORG-A,2025-02-03,',
        'ORG-XA,,ORG-LD2,2024-06-01,',
        ',ORG-TC,ORG-LD2,2099-01-02,',
        'ORG-XB,,ORG-LD2,2025-03-01,',
      ].join('\n'),
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(errorOf(refused).code).toBe('IMPORT_REFUSED');
    expect(errorOf(refused).rows).toEqual([
      expect.objectContaining({ line: 4, column: 'area', rule: 'AREA_OR_DEPARTMENT' }),
      expect.objectContaining({ line: 5, column: 'area', rule: 'UNKNOWN_AREA' }),
      expect.objectContaining({ line: 6, column: 'leader', rule: 'LEADER_NOT_LEADERSHIP' }),
      expect.objectContaining({ line: 7, column: 'since', rule: 'CHANGE_BEFORE_CURRENT' }),
      expect.objectContaining({ line: 8, column: 'since', rule: 'EFFECTIVE_IN_FUTURE' }),
      expect.objectContaining({ line: 9, column: 'area', rule: 'DUPLICATE_ROW' }),
    ]);
    expect(await h.db.prisma.leaderInCharge.count({ where: { officialId: ld2.id } })).toBe(0);
    expect(
      (await api.call('POST', '/organisation/leaders-in-charge/import', U.official, { file: 'a.csv', content: header }))
        .statusCode,
    ).toBe(403);

    const content = [header, ...good].join('\n');
    const imported = await ok<{ created: { line: number; id: string; code: string }[] }>(
      await api.call('POST', '/organisation/leaders-in-charge/import', U.admin, { file: 'phu-trach.csv', content }),
    );
    expect(imported.created.map((r) => `${r.line} ${r.code}`)).toEqual(['2 ORG-XB', '3 ORG-KT']);
    const before = await ok<{ leaderInCharge: unknown }>(
      await api.call('GET', `/areas/${AREA_2}/leader-in-charge?asOf=2025-02-02`, U.official),
    );
    expect(before.leaderInCharge).toBeNull();
    const since = await ok<{
      leaderInCharge: { id: string };
      periods: { from: string | null; until: string | null }[];
    }>(await api.call('GET', `/areas/${AREA_2}/leader-in-charge?asOf=2025-02-03`, U.official));
    expect(since.leaderInCharge.id).toBe(ld2.id);
    expect(since.periods).toEqual([expect.objectContaining({ from: '2025-02-03', until: null })]);
    expect(await h.db.prisma.area.findUnique({ where: { id: AREA_2 }, select: { leaderInChargeId: true } })).toEqual({
      leaderInChargeId: ld2.id,
    });
    const leadership = await ok<{ members: { official: { id: string }; departments: { code: string }[] }[] }>(
      await api.call('GET', '/organisation/leadership?asOf=2025-03-01', U.official),
    );
    expect(leadership.members.find((m) => m.official.id === ld2.id)?.departments.map((d) => d.code)).toEqual([
      'ORG-KT',
    ]);
    const rows = await h.db.prisma.auditEvent.findMany({
      where: { action: 'LEADER_IN_CHARGE_SET', entityId: AREA_2 },
      select: { payload: true },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toMatchObject({ to: ld2.id, on: '2025-02-03', file: 'phu-trach.csv', line: 2 });

    // The same file again writes nothing.
    const again = await ok<{ created: unknown[]; alreadyPresent: { code: string }[] }>(
      await api.call('POST', '/organisation/leaders-in-charge/import', U.leader, { file: 'phu-trach.csv', content }),
    );
    expect(again.created).toEqual([]);
    expect(again.alreadyPresent.map((r) => r.code)).toEqual(['ORG-XB', 'ORG-KT']);
    expect(await auditCount('LEADER_IN_CHARGE_SET', AREA_2)).toBe(1);
  });
});

describe("the area committees' users from a file", () => {
  const header = 'area,username,full_name,email';
  const good = [
    'ORG-XA,ubmt.thunghiem,Ủy ban MTTQ Xã Thử Nghiệm,ubmt@xa.test',
    'ORG-XB,ubmt.phuongthu,"Trần Thị Hà, văn phòng",',
  ];

  it('refuses a file with a bad line; creates each account with a one-time password to be changed at first login', async () => {
    const refused = await api.call('POST', '/admin/accounts/area-committees/import', U.admin, {
      file: 'uy-ban.csv',
      content: [
        header,
        ...good,
        'ORG-NOPE,ubmt.khong,Không có,',
        `ORG-XA,${U.official},Trùng tên đăng nhập,`,
        'ORG-XA,Có Dấu,Tên sai,',
        'ORG-XA,ubmt.thu2,Thư sai,khong-phai-thu',
        'ORG-XB,ubmt.thunghiem,Lặp lại,',
      ].join('\n'),
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(errorOf(refused).code).toBe('IMPORT_REFUSED');
    expect(errorOf(refused).rows).toEqual([
      expect.objectContaining({ line: 4, column: 'area', rule: 'UNKNOWN_AREA' }),
      expect.objectContaining({ line: 5, column: 'username', rule: 'USERNAME_TAKEN' }),
      expect.objectContaining({ line: 6, column: 'username', rule: 'INVALID_USERNAME' }),
      expect.objectContaining({ line: 7, column: 'email', rule: 'INVALID_EMAIL' }),
      expect.objectContaining({ line: 8, column: 'username', rule: 'DUPLICATE_ROW' }),
    ]);
    expect(await h.db.prisma.user.count({ where: { username: { startsWith: 'ubmt.' } } })).toBe(0);
    expect(
      (await api.call('POST', '/admin/accounts/area-committees/import', U.leader, { file: 'a.csv', content: header }))
        .statusCode,
    ).toBe(403);

    const content = [header, ...good].join('\n');
    const imported = await ok<{
      created: { line: number; id: string; code: string }[];
      accounts: { line: number; id: string; username: string; area: string; oneTimePassword: string }[];
    }>(await api.call('POST', '/admin/accounts/area-committees/import', U.admin, { file: 'uy-ban.csv', content }));
    expect(imported.created.map((r) => `${r.line} ${r.code}`)).toEqual(['2 ubmt.thunghiem', '3 ubmt.phuongthu']);
    expect(imported.accounts.map((a) => `${a.username} ${a.area}`)).toEqual([
      'ubmt.thunghiem ORG-XA',
      'ubmt.phuongthu ORG-XB',
    ]);
    const first = imported.accounts[0]!;
    const account = await ok<{ roles: string[]; area: { id: string }; mustChangePassword: boolean; email: string }>(
      await api.call('GET', `/admin/accounts/${first.id}`, U.admin),
    );
    expect(account).toMatchObject({
      roles: ['AREA_COMMITTEE'],
      area: { id: AREA },
      mustChangePassword: true,
      email: 'ubmt@xa.test',
    });
    const created = await h.db.prisma.auditEvent.findMany({
      where: { action: 'ACCOUNT_CREATED', entityId: first.id },
      select: { payload: true },
    });
    expect(created).toHaveLength(1);
    expect(JSON.stringify(created[0]!.payload)).not.toContain(first.oneTimePassword);

    // The one-time password logs in, reaches only the password change, and is changed.
    const login = await api.login(first.username, first.oneTimePassword);
    expect(login.statusCode, login.body).toBe(200);
    const { token, user } = login.json<{ token: string; user: { mustChangePassword: boolean } }>();
    expect(user.mustChangePassword).toBe(true);
    const headers = { authorization: `Bearer ${token}` };
    expect((await suite!.app.inject({ method: 'GET', url: '/assignments', headers })).statusCode).toBe(403);
    const changed = await suite!.app.inject({
      method: 'POST',
      url: '/me/password',
      headers,
      payload: { currentPassword: first.oneTimePassword, newPassword: 'Sen hồng 2026 nở' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await api.login(first.username, 'Sen hồng 2026 nở')).json<{ user: object }>().user).toMatchObject({
      mustChangePassword: false,
    });

    // The same file again writes nothing and answers no password.
    const again = await ok<{ created: unknown[]; alreadyPresent: { code: string }[]; accounts: unknown[] }>(
      await api.call('POST', '/admin/accounts/area-committees/import', U.admin, { file: 'uy-ban.csv', content }),
    );
    expect(again).toMatchObject({ created: [], accounts: [] });
    expect(again.alreadyPresent.map((r) => r.code)).toEqual(['ubmt.thunghiem', 'ubmt.phuongthu']);
  });
});

describe('a person leaves', () => {
  let assignmentId: string;

  it('raises a position-change ground on their assignment and lists the group they leave without a leader', async () => {
    // ORG-B leads the group and monitors the area.
    assignmentId = `org-test-${Date.now()}`;
    await startActiveAssignment(h, {
      assignmentId,
      areaId: AREA,
      official: { id: idOf('ORG-B'), roles: ['OFFICIAL', 'GROUP_LEADER'] },
      proposedBy: h.people.leaders[1]!,
      groupId,
    });
    const body = { on: today(), note: 'Nghỉ hưu theo chế độ' };
    const left = await ok<{
      leftOn: string;
      assignments: { id: string; ground: string }[];
      groupsWithoutLeader: { id: string }[];
      membershipsEnded: { group: { id: string }; wasLeader: boolean }[];
    }>(await api.call('POST', `/officials/${idOf('ORG-B')}/leave`, U.admin, body));
    expect(left.leftOn).toBe(today());
    expect(left.assignments).toEqual([expect.objectContaining({ id: assignmentId, ground: 'REPORTED' })]);
    expect(left.groupsWithoutLeader.map((g) => g.id)).toEqual([groupId]);
    expect(left.membershipsEnded).toEqual([{ group: expect.objectContaining({ id: groupId }), wasLeader: true }]);

    const grounds = await h.db.prisma.auditEvent.findMany({
      where: { action: 'GROUND_ESTABLISHED', assignmentId },
      select: { payload: true },
    });
    expect(grounds).toHaveLength(1);
    expect(grounds[0]!.payload).toMatchObject({ ground: { kind: 'POSITION_CHANGED' } });

    // The same request again changes nothing; another day is refused.
    const again = await ok<{ assignments: { ground: string }[] }>(
      await api.call('POST', `/officials/${idOf('ORG-B')}/leave`, U.admin, body),
    );
    expect(again.assignments).toEqual([expect.objectContaining({ ground: 'REPORTED' })]);
    expect(await h.db.prisma.auditEvent.count({ where: { action: 'GROUND_ESTABLISHED', assignmentId } })).toBe(1);
    expectRule(
      await api.call('POST', `/officials/${idOf('ORG-B')}/leave`, U.admin, { ...body, on: '2025-12-01' }),
      'ALREADY_LEFT',
    );
    expect(await auditCount('OFFICIAL_LEFT', idOf('ORG-B'))).toBe(1);

    const group = await ok<Group>(await api.call('GET', `/groups/${groupId}`, U.official));
    expect(group.leader).toBeNull();
    expect(group.members.map((m) => m.official.code)).not.toContain('ORG-B');
  });

  it('a leader leaving leaves their areas without a leader in charge; the gaps list what is to fill', async () => {
    const left = await ok<{
      areasWithoutLeaderInCharge: { id: string }[];
      departmentsWithoutLeaderInCharge: { id: string }[];
    }>(
      await api.call('POST', `/officials/${idOf('ORG-LD1')}/leave`, U.admin, { on: today(), note: 'Chuyển công tác' }),
    );
    expect(left.areasWithoutLeaderInCharge.map((a) => a.id)).toEqual([AREA]);
    expect(left.departmentsWithoutLeaderInCharge.map((d) => d.id)).toEqual([departmentTc]);
    const march = await ok<{ leaderInCharge: { id: string } | null }>(
      await api.call('GET', `/areas/${AREA}/leader-in-charge?asOf=2025-03-15`, U.official),
    );
    expect(march.leaderInCharge?.id).toBe(idOf('ORG-LD1'));
    const now = await ok<{ leaderInCharge: unknown }>(
      await api.call('GET', `/areas/${AREA}/leader-in-charge`, U.official),
    );
    expect(now.leaderInCharge).toBeNull();

    const gaps = await ok<{
      areasWithoutLeaderInCharge: { items: { id: string }[] };
      groupsWithoutLeader: { items: { id: string; memberCount: number }[] };
      assignmentsOfOfficialsWhoLeft: { items: { id: string; leftOn: string }[] };
    }>(await api.call('GET', '/organisation/gaps', U.leader));
    expect(gaps.areasWithoutLeaderInCharge.items.map((a) => a.id)).toContain(AREA);
    expect(gaps.groupsWithoutLeader.items).toContainEqual(expect.objectContaining({ id: groupId, memberCount: 3 }));
    expect(gaps.assignmentsOfOfficialsWhoLeft.items).toContainEqual(
      expect.objectContaining({ id: assignmentId, leftOn: today() }),
    );
    expect((await api.call('GET', '/organisation/gaps', U.official)).statusCode).toBe(403);
  });
});
