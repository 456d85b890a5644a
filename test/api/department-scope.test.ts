/**
 * A department head's writes follow the scope of their reads: cb001 heads Phòng Tổ chức đảng -
 * đảng viên (CB-001 to CB-005, prisma/seed.ts). They propose, move and report position changes for the officials of
 * that department only (422 OUTSIDE_DEPARTMENT, decided before anything reaches the workflow), as they read only those
 * officials' personnel records; Board leadership and administrators are not limited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../machines/calendar';
import type { AssignmentView } from '../../workflows/assignment.messages';
import { errorOf, SEEDED_USERS as USERS } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';

const HEAD_OF_TCDDV = 'cb001';
const OWN = ['official-cb-003', 'official-cb-004', 'official-cb-005'] as const;
const OTHER = 'official-cb-008'; // Phòng Tổ chức cán bộ

let suite: ApiSuite;
let today: string;
const call = (...args: Parameters<ApiSuite['api']['call']>) => suite.api.call(...args);

const body = (areaId: string, officialId: string) => ({
  areaId,
  officialId,
  effectiveFrom: today,
  reason: 'Phân công theo dõi địa bàn',
});

let decisions = 0;
/** An assignment in force, proposed by the Head of Board and approved by a leader. */
async function active(areaId: string, officialId: string): Promise<string> {
  const proposed = await call('POST', '/assignments', USERS.head, body(areaId, officialId));
  expect(proposed.statusCode, proposed.body).toBe(201);
  const id = proposed.json<AssignmentView>().assignmentId;
  decisions += 1;
  const approved = await call('POST', `/assignments/${id}/approve`, USERS.leader, {
    decision: { number: `${decisions}-QĐ/BTCTU/DEPT-SCOPE`, issuedOn: today, signerId: 'official-ld-02' },
  });
  expect(approved.statusCode, approved.body).toBe(200);
  return id;
}

const viewOf = async (id: string) =>
  (await call('GET', `/assignments/${id}`, USERS.leader)).json<{ view: AssignmentView }>().view;

function expectOutside(response: { statusCode: number; body: string; json<T>(): T }, officialId: string, path: string) {
  expect(response.statusCode, response.body).toBe(422);
  expect(errorOf(response)).toMatchObject({
    code: 'RuleViolated',
    rule: 'OUTSIDE_DEPARTMENT',
    officialId,
    path,
    departmentId: 'department-tcddv',
  });
}

let outside: string;
let inside: string;

beforeAll(async () => {
  suite = await startApiSuite();
  today = dayOf(await suite.h.env.currentTimeMs());
  outside = await active('area-na-cualo', OTHER);
  inside = await active('area-na-hoangmai', OWN[1]);
});

afterAll(async () => {
  await suite?.close();
});

describe('a department head writes for the officials of their own department only (OUTSIDE_DEPARTMENT)', () => {
  it('POST /assignments: proposes an official of another department: refused; of their own: accepted', async () => {
    expectOutside(
      await call('POST', '/assignments', HEAD_OF_TCDDV, body('area-na-namdan', OTHER)),
      OTHER,
      'officialId',
    );
    const listed = await call('GET', '/assignments?areaId=area-na-namdan', USERS.leader);
    expect(listed.json<{ items: unknown[] }>().items).toEqual([]);

    const own = await call('POST', '/assignments', HEAD_OF_TCDDV, body('area-na-namdan', OWN[0]));
    expect(own.statusCode, own.body).toBe(201);
  });

  it("POST /assignments/:id/propose: a move of another department's official, or naming one as successor: refused", async () => {
    const closure = { proposal: { kind: 'CLOSURE', closureReason: 'RETIRED', reason: 'Nghỉ hưu' } };
    expectOutside(await call('POST', `/assignments/${outside}/propose`, HEAD_OF_TCDDV, closure), OTHER, 'id');
    expect((await viewOf(outside)).pendingProposal).toBeNull();

    const rotation = { proposal: { kind: 'ROTATION', successorOfficialId: OTHER, reason: 'Luân chuyển' } };
    expectOutside(
      await call('POST', `/assignments/${inside}/propose`, HEAD_OF_TCDDV, rotation),
      OTHER,
      'proposal.successorOfficialId',
    );

    const own = await call('POST', `/assignments/${inside}/propose`, HEAD_OF_TCDDV, closure);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json<AssignmentView>().pendingProposal).toMatchObject({
      kind: 'CLOSURE',
      proposedBy: 'official-cb-001',
    });
  });

  it('POST /assignments/:id/position-change: for an official of another department: refused, no ground recorded', async () => {
    const report = { note: 'Được điều động sang cơ quan khác' };
    expectOutside(await call('POST', `/assignments/${outside}/position-change`, HEAD_OF_TCDDV, report), OTHER, 'id');
    const view = await viewOf(outside);
    expect(view.grounds).toEqual([]);
    expect(view.pendingProposal).toBeNull();

    const own = await active('area-na-dienchau', OWN[2]);
    const accepted = await call('POST', `/assignments/${own}/position-change`, HEAD_OF_TCDDV, report);
    expect(accepted.statusCode, accepted.body).toBe(200);
  });

  it('Board leadership and administrators are not limited by department', async () => {
    const byLeader = await call('POST', '/assignments', USERS.head, body('area-na-nghiloc', OTHER));
    expect(byLeader.statusCode, byLeader.body).toBe(201);
    const byAdmin = await call('POST', `/assignments/${outside}/position-change`, USERS.admin, {
      note: 'Được điều động sang cơ quan khác',
    });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
  });

  it("the same scope as the department head's reads: personnel records of their department only", async () => {
    expect((await call('GET', `/officials/${OWN[0]}`, HEAD_OF_TCDDV)).statusCode).toBe(200);
    expect((await call('GET', `/officials/${OTHER}`, HEAD_OF_TCDDV)).statusCode).toBe(403);
  });
});
