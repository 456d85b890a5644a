/**
 * The demonstration province moves in: `npm start` on an empty data folder imports the demo roster
 * through its own API, so a newcomer's first dashboard is not empty: about 20 assignments in force started between 2021
 * and 2026, some rotation-eligible, one past its fifth year, groups with members, one complaint under verification,
 * and this month's plans partly filed (when the import falls on or before the plan's due day). On today's main every
 * area but one read "Chưa có cán bộ theo dõi". The reform of 1 July 2025 is carried through: the assignments that began
 * before it on units it ended are closed with AREA_REORGANIZED on that day, and each unit it created is monitored. It
 * is recorded as the administrator's record would be: one audit row per reorganisation, and for each unit created an
 * AREA_SUCCESSOR proposal in leadership's inbox naming the officials who monitored its former units, which leadership
 * settles over HTTP with the assignment on the unit (the official who continued keeps their years served).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf, startOfDay } from '../machines/calendar';
import { COMMUNES_RESOLUTION, UNITS_2025, unitId } from '../prisma/demo/map-2025';
import { type Database, openDatabase } from '../prisma/database';
import { freePorts, killLeftoverDevServer, type Ports, Service, serviceEnv } from './support/service-process';

describe('npm start on an empty database: the demonstration province', () => {
  let dataDir: string;
  let ports: Ports;
  let service: Service | undefined;
  let token: string;
  let database: Database | undefined;
  const get = async <T>(url: string): Promise<T> => {
    const response = await fetch(`http://127.0.0.1:${ports.api}${url}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status, url).toBe(200);
    return (await response.json()) as T;
  };
  const post = async (url: string, body: unknown) => {
    const response = await fetch(`http://127.0.0.1:${ports.api}${url}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  /** Every page of a list. */
  const all = async <T>(url: string): Promise<T[]> => {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: T[]; nextCursor: string | null } = await get(
        `${url}${url.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dia-ban-demo-'));
    ports = await freePorts();
    service = new Service(serviceEnv(dataDir, ports));
    await service.waitHealthy(ports.api);
    const login = await fetch(`http://127.0.0.1:${ports.api}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ld01', password: 'DiaBan@ld01' }),
    });
    token = ((await login.json()) as { token: string }).token;
    // The roster comes in the background once the service is ready; the log says when it is done.
    const until = Date.now() + 180_000;
    while (!service.stdout.includes("this month's plan filed") && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 500));
  }, 240_000);

  afterAll(async () => {
    await database?.close();
    await service?.kill();
    await killLeftoverDevServer(dataDir);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('imports the demo roster: assignments in force from 2021 to 2026, groups with members', async () => {
    expect(service!.stdout).toContain('demo province: imported 22 assignments in force');
    const page = await get<{ items: { effectiveFrom: string; group: { id: string } | null; state: string }[] }>(
      '/assignments?limit=100',
    );
    const imported = page.items.filter((a) => a.state.startsWith('active'));
    expect(imported.length).toBeGreaterThanOrEqual(20);
    const years = imported.map((a) => Number(a.effectiveFrom.slice(0, 4)));
    expect(Math.min(...years)).toBeLessThanOrEqual(2021);
    expect(new Set(imported.flatMap((a) => (a.group ? [a.group.id] : []))).size).toBeGreaterThanOrEqual(3);
    expect(imported.filter((a) => a.state === 'active.rotationDue')).toHaveLength(1);
    expect(imported.filter((a) => a.state === 'active.rotationEligible').length).toBeGreaterThanOrEqual(3);
  });

  it('is on the map since 1 July 2025: the new units with their codes, and the former ones under their own names', async () => {
    expect(service!.stdout).toContain('demo province: the map since 1 July 2025 recorded');
    // Nghị quyết 1678/NQ-UBTVQH15, khoản 37 and 38; codes of Công văn 1027/CTK-CSCL (prisma/demo/SOURCES.md).
    expect(await get<{ name: string }>('/areas/area-na-17971')).toMatchObject({ name: 'Xã Kim Liên' });
    expect(await get<{ name: string }>('/areas/area-na-17950')).toMatchObject({ name: 'Xã Vạn An' });
    expect(await get<{ name: string }>('/areas/area-na-40')).toMatchObject({ name: 'Tỉnh Nghệ An' });
    // An assignment that began before the reform on a commune that was merged keeps the commune's own name.
    const page = await get<{ items: { id: string; area: { id: string } }[] }>('/assignments?limit=100');
    const onFormerTown = page.items.find((a) => a.area.id === 'area-na-namdan-tt');
    expect(onFormerTown).toBeDefined();
    const timeline = await get<{ area: { name: string; note: string | null } }>(
      `/assignments/${onFormerTown!.id}/timeline`,
    );
    expect(timeline.area).toMatchObject({
      name: 'Thị trấn Nam Đàn',
      note: 'Thị trấn Nam Đàn (sáp nhập vào Xã Vạn An từ 01/07/2025)',
    });
  });

  it('fills the first dashboard: rotations eligible and due (one past 5 years), one complaint under verification', async () => {
    const summary = await get<{ rotationsDue: { eligible: number; mandatory: number }; complaintsOpen: number }>(
      '/dashboard/summary',
    );
    expect(summary.complaintsOpen).toBe(1);
    expect(summary.rotationsDue.mandatory).toBeGreaterThanOrEqual(1);
    const due = await get<{ items: { state: string; pendingProposal: { kind: string } | null }[] }>(
      '/dashboard/rotations-due',
    );
    // Past its fifth year: rotation-due at once, its rotation proposal opened on the import day.
    expect(due.items.filter((r) => r.state === 'active.rotationDue')).toEqual([
      expect.objectContaining({ pendingProposal: expect.objectContaining({ kind: 'ROTATION' }) }),
    ]);
    // This month's plans: half filed when this month is in the system, else none (the log says which).
    expect(service!.stdout).toMatch(/this month's plan filed for (13|0) of 26 running assignments/);
  });

  it('carries the reform of 1 July 2025 through: the assignments on units it ended closed with AREA_REORGANIZED, each new unit monitored', async () => {
    expect(service!.stdout).toContain(
      'demo province: 14 assignments on units ended on 1 July 2025 closed with AREA_REORGANIZED',
    );
    expect(service!.stdout).toContain('demo province: imported 18 assignments on the new units');
    interface Assignment {
      id: string;
      state: string;
      area: { id: string };
      official: { id: string };
      effectiveFrom: string;
      closedAt: string | null;
      closureReason: string | null;
    }
    interface Area {
      id: string;
      validUntil: string | null;
      currentAssignment: { id: string; official: { id: string } } | null;
    }
    const today = dayOf(Date.now());
    const assignments = await all<Assignment>('/assignments');
    const inForce = new Set((await all<Area>(`/areas?asOf=${today}`)).map((a) => a.id));
    const areas = await all<Area>('/areas');

    // No running assignment is on a unit not in existence today.
    const running = assignments.filter((a) => a.state.startsWith('active'));
    expect(running.length).toBeGreaterThanOrEqual(20);
    expect(running.filter((a) => !inForce.has(a.area.id))).toEqual([]);

    // Every assignment on a unit that ceased closed with the reason, at the start of the new map's first day.
    const ceased = new Set(areas.filter((a) => a.validUntil !== null && a.validUntil < today).map((a) => a.id));
    const onCeased = assignments.filter((a) => ceased.has(a.area.id));
    expect(onCeased).toHaveLength(14);
    const firstDay = new Date(startOfDay(COMMUNES_RESOLUTION.effectiveOn)).toISOString();
    for (const a of onCeased)
      expect(a, a.area.id).toMatchObject({ state: 'closed', closureReason: 'AREA_REORGANIZED', closedAt: firstDay });

    // Each unit the reform created is monitored, from 1 July 2025; an official who continued names the same person.
    const byId = new Map(areas.map((a) => [a.id, a]));
    for (const unit of UNITS_2025) {
      const current = byId.get(unitId(unit.officialCode))?.currentAssignment;
      expect(current, unit.name).toBeTruthy();
      const assignment = assignments.find((a) => a.id === current!.id)!;
      expect(assignment.effectiveFrom, unit.name).toBe(firstDay);
    }
    const formerKimLien = onCeased.find((a) => a.area.id === 'area-na-namdan-kimlien')!;
    expect(byId.get(unitId('17971'))!.currentAssignment!.official.id).toBe(formerKimLien.official.id);
  });

  it("opens an AREA_SUCCESSOR proposal per new unit in leadership's inbox, recorded as the administrator's record would be", async () => {
    expect(service!.stdout).toContain(
      "demo province: the reform of 1 July 2025 recorded, 14 successor proposals (AREA_SUCCESSOR) open in leadership's inbox",
    );
    interface Proposal {
      id: string;
      kind: string;
      areaId: string | null;
      assignmentId: string | null;
      payload: {
        reorganizationId: string;
        candidates: { officialId: string; fromArea: { id: string }; servedFrom: string; yearsServed: number }[];
        keepsYearsServed: boolean;
      };
    }
    const inbox = await get<{ items: Proposal[] }>('/approvals/inbox?limit=100');
    const proposals = inbox.items.filter((i) => i.kind === 'AREA_SUCCESSOR');
    expect(proposals.map((p) => p.areaId).sort()).toEqual(UNITS_2025.map((u) => unitId(u.officialCode)).sort());
    for (const p of proposals)
      expect(p, p.id).toMatchObject({ assignmentId: null, payload: { keepsYearsServed: true } });
    // The four new units whose former units were monitored name those officials; the others name none.
    expect(proposals.filter((p) => p.payload.candidates.length > 0)).toHaveLength(4);
    const kimLien = proposals.find((p) => p.areaId === unitId('17971'))!;
    expect(kimLien).toMatchObject({
      id: 'reorg-na-1678-k37-successor-area-na-17971',
      payload: {
        reorganizationId: 'reorg-na-1678-k37',
        candidates: [
          {
            officialId: 'official-cb-009',
            fromArea: { id: 'area-na-namdan-kimlien' },
            servedFrom: '2022-01-01',
            yearsServed: 3,
          },
        ],
      },
    });
    // One audit row per reorganisation, as the administrator's record writes it, naming the units it creates.
    database = openDatabase(`file:${path.join(dataDir, 'dia-ban.db')}`);
    const audit = await database.prisma.auditEvent.findMany({
      where: { action: 'REORGANIZATION_RECORDED' },
      select: { entityId: true, actorId: true, payload: true },
    });
    expect(audit).toHaveLength(1 + UNITS_2025.length);
    expect(audit.find((a) => a.entityId === 'reorg-na-1678-k37')).toMatchObject({
      actorId: 'user-admin',
      payload: { creates: [unitId('17971')], form: { kind: 'MERGE', legalBasis: { number: '1678/NQ-UBTVQH15' } } },
    });
  });

  it('lets leadership settle a proposal over HTTP with the assignment on the new unit: the official who continued keeps their years served', async () => {
    interface Assignment {
      id: string;
      state: string;
      area: { id: string };
      official: { id: string };
    }
    const onKimLien = (await all<Assignment>('/assignments')).find(
      (a) => a.area.id === unitId('17971') && a.state.startsWith('active'),
    )!;
    expect(onKimLien.official.id).toBe('official-cb-009');
    const formerKimLien = (await all<Assignment>('/assignments')).find((a) => a.area.id === 'area-na-namdan-kimlien')!;
    const settle = '/reorganisations/successor-proposals/reorg-na-1678-k37-successor-area-na-17971/settle';
    const settled = await post(settle, { assignmentId: onKimLien.id, comment: 'Quyết định 165-QĐ/BTCTU' });
    expect(settled.status, JSON.stringify(settled.body)).toBe(200);
    expect(settled.body).toEqual({
      id: 'reorg-na-1678-k37-successor-area-na-17971',
      areaId: unitId('17971'),
      status: 'APPROVED',
      carried: {
        officialId: 'official-cb-009',
        assignmentId: onKimLien.id,
        fromAssignmentId: formerKimLien.id,
        fromAreaId: 'area-na-namdan-kimlien',
        servedFrom: '2022-01-01',
        yearsServed: 3,
        signal: 'SIGNALLED',
      },
    });
    // The same settlement again answers the same; another is refused; the proposal has left the inbox.
    expect(await post(settle, { assignmentId: onKimLien.id, comment: 'Quyết định 165-QĐ/BTCTU' })).toEqual(settled);
    const other = await post(settle, { assignmentId: null, comment: 'Chờ kiện toàn' });
    expect(other).toMatchObject({ status: 422, body: { error: { rule: 'PROPOSAL_SETTLED' } } });
    const inbox = await get<{ items: { id: string }[] }>('/approvals/inbox?limit=100');
    expect(inbox.items.map((i) => i.id)).not.toContain('reorg-na-1678-k37-successor-area-na-17971');
    // The assignment's record then counts from the former start.
    await expect
      .poll(
        async () =>
          (await get<{ record: { servedFrom: string | null } }>(`/assignments/${onKimLien.id}`)).record.servedFrom,
        {
          timeout: 30_000,
        },
      )
      .toBe(new Date(startOfDay('2022-01-01')).toISOString());
  });
});
