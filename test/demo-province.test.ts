/**
 * The demonstration province moves in: `npm start` on an empty data folder imports the demo roster
 * through its own API, so a newcomer's first dashboard is not empty: about 20 assignments in force started between 2021
 * and 2026, some rotation-eligible, one past its fifth year, groups with members, one complaint under verification,
 * and this month's plans partly filed (when the import falls on or before the plan's due day). On today's main every
 * area but one read "Chưa có cán bộ theo dõi". The reform of 1 July 2025 is carried through: the assignments that began
 * before it on units it ended are closed with AREA_REORGANIZED on that day, and each unit it created is monitored.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf, startOfDay } from '../machines/calendar';
import { COMMUNES_RESOLUTION, UNITS_2025, unitId } from '../prisma/demo/map-2025';
import { freePorts, killLeftoverDevServer, type Ports, Service, serviceEnv } from './support/service-process';

describe('npm start on an empty database: the demonstration province', () => {
  let dataDir: string;
  let ports: Ports;
  let service: Service | undefined;
  let token: string;
  const get = async <T>(url: string): Promise<T> => {
    const response = await fetch(`http://127.0.0.1:${ports.api}${url}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status, url).toBe(200);
    return (await response.json()) as T;
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
});
