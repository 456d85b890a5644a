/**
 * The demonstration province moves in: on `npm start` with an empty database (outside production), once the service is
 * up, or from `npm run seed` into a running service with no assignment yet (scripts/seed-demo.ts), the same steps
 * through the API itself. First the map since 1 July 2025 (prisma/demo/map-2025.ts) and the second programme on its
 * communes (prisma/demo/programme-26.ts, each leader's commune's workflows started). Then the demo roster
 * (prisma/demo-roster.csv: 22 assignments started between 2021 and 2026, groups with members, several
 * rotation-eligible, one past its fifth year) is imported as an administrator would. The reform of 1 July 2025 is then
 * carried through as for a real Board (demo-reform.ts): recorded with an AREA_SUCCESSOR proposal per new unit in
 * leadership's inbox (naming the officials who monitored its former units), the assignments on the units it ended
 * closed with AREA_REORGANIZED, and the assignments leadership decided on the new units come in
 * (prisma/demo/roster-2025.csv: the officials who continued, and new ones where no former unit was monitored); the
 * proposals stay open for leadership to settle with them. Then one complaint is recorded and put under verification,
 * and this month's plans are filed for about half of the running assignments, so a newcomer's first dashboard is not
 * empty.
 *
 * This month's plans exist only when the import falls on or before the month's plan due day (the 5th working day):
 * later in the month the first cycle is next month's, and nothing is filed.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyBaseLogger } from 'fastify';
import { startCommuneLinkWorkflows } from '../activities/commune-links';
import { dayOf } from '../machines/calendar';
import { seedDemoMap } from '../prisma/demo/map-2025';
import { PROGRAMME_26_ID, seedProgramme26 } from '../prisma/demo/programme-26';
import { carryReformThrough, type DemoDeps } from './demo-reform';

/** One request to the API: Fastify's inject in the service, HTTP to the running service from `npm run seed`. */
export type DemoTransport = (request: {
  method: 'GET' | 'POST';
  url: string;
  payload?: object;
  headers: Record<string, string>;
}) => Promise<{ statusCode: number; body: string; json<T>(): T }>;

/** What the demo needs beside the API: the records, Temporal and its task queue, the logger signals warn on. */
export interface DemoContext extends DemoDeps {
  taskQueue: string;
  log: FastifyBaseLogger;
}

export const DEMO_ROSTER = fileURLToPath(new URL('../prisma/demo-roster.csv', import.meta.url));
/** The assignments that followed the reform on the units it created, from 1 July 2025. */
export const DEMO_ROSTER_2025 = fileURLToPath(new URL('../prisma/demo/roster-2025.csv', import.meta.url));

interface Imported {
  assignmentId: string;
  areaId: string;
  officialId: string;
}

const PLAN_PLACES = ['Trụ sở cấp ủy', 'Hội trường Ủy ban nhân dân', 'Nhà văn hóa khối'];

/** Every step of the demonstration province, in order; outside production only (each step checks it too). */
export async function moveInDemo(
  send: DemoTransport,
  context: DemoContext,
  log: (line: string) => void,
): Promise<void> {
  const areas = await seedDemoMap(context.prisma);
  log(`demo province: the map since 1 July 2025 recorded (${areas} areas; sources in prisma/demo/SOURCES.md)`);
  const second = await seedProgramme26(context.prisma);
  if (second) {
    log(`demo province: Quy định 26 recorded (${second.agencies} agencies, ${second.communes} communes monitored)`);
    // Each leader's commune runs its yearly filings from today (activities/commune-links.ts).
    const links = await context.prisma.agencyLeaderArea.findMany({
      where: { programmeId: PROGRAMME_26_ID },
      select: { id: true, from: true, until: true },
    });
    const { started } = await startCommuneLinkWorkflows(
      { client: context.temporal, taskQueue: context.taskQueue },
      links,
    );
    log(`demo province: Quy định 26's communes followed (${started} workflows started)`);
  }
  await moveInDemoProvince(send, context, log);
}

export async function moveInDemoProvince(
  inject: DemoTransport,
  context: DemoContext,
  log: (line: string) => void,
): Promise<void> {
  const tokens = new Map<string, string>();
  const send = async (username: string, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    let token = tokens.get(username);
    if (!token) {
      const login = await inject({
        method: 'POST',
        url: '/auth/login',
        payload: { username, password: `DiaBan@${username}` },
        headers: {},
      });
      if (login.statusCode !== 200) throw new Error(`demo: login as ${username}: ${login.statusCode} ${login.body}`);
      token = login.json<{ token: string }>().token;
      tokens.set(username, token);
    }
    return inject({
      method,
      url,
      payload: payload as object | undefined,
      headers: { authorization: `Bearer ${token}` },
    });
  };

  const importRoster = async (file: string, label: string) => {
    const imported = await send('admin', 'POST', '/assignments/import', {
      file: file.split('/').pop(),
      content: await readFile(file, 'utf8'),
    });
    if (imported.statusCode !== 200) throw new Error(`${label}: ${imported.statusCode} ${imported.body}`);
    return imported.json<{ imported: Imported[] }>().imported;
  };
  const before = await importRoster(DEMO_ROSTER, 'demo roster');
  log(`demo province: imported ${before.length} assignments in force from prisma/demo-roster.csv`);
  const reform = await carryReformThrough(
    context,
    context.log,
    before.map((r) => r.assignmentId),
  );
  const closed = new Set(reform.closed);
  log(
    `demo province: the reform of 1 July 2025 recorded, ${reform.proposalIds.length} successor proposals (AREA_SUCCESSOR) open in leadership's inbox`,
  );
  log(`demo province: ${closed.size} assignments on units ended on 1 July 2025 closed with AREA_REORGANIZED`);
  const after = await importRoster(DEMO_ROSTER_2025, 'demo roster since 1 July 2025');
  log(`demo province: imported ${after.length} assignments on the new units from prisma/demo/roster-2025.csv`);
  const rows = [...before.filter((r) => !closed.has(r.assignmentId)), ...after];

  // One complaint under verification: recorded by a leader, verified by the internal political security department.
  const thaiHoa = rows.find((r) => r.areaId === 'area-na-16939');
  if (thaiHoa) {
    // The assignment's row is its workflow's first write, a moment after the import answers: until then, 404.
    const lodge = () =>
      send('ld01', 'POST', '/complaints', {
        assignmentId: thaiHoa.assignmentId,
        summary: 'Đơn phản ánh cán bộ theo dõi ít xuống cơ sở trong quý vừa qua',
        source: 'Đơn thư gửi Ban',
        receivedOn: dayOf(Date.now()),
      });
    let complaint = await lodge();
    for (let attempt = 0; complaint.statusCode === 404 && attempt < 60; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      complaint = await lodge();
    }
    if (complaint.statusCode !== 201) log(`demo province: no complaint recorded (${complaint.statusCode})`);
    if (complaint.statusCode === 201) {
      const { complaintId } = complaint.json<{ complaintId: string }>();
      await send('cb014', 'POST', `/complaints/${complaintId}/verification/start`, {});
      log('demo province: one complaint under verification');
    }
  }

  // This month's plans, filed for every other assignment, when this month has its cycles (see above): they start a
  // moment after the import.
  const month = dayOf(Date.now()).slice(0, 7);
  const hasThisMonth = async (row: Imported) => {
    const months = await send('ld01', 'GET', `/assignments/${row.assignmentId}/months`);
    return (
      months.statusCode === 200 &&
      months.json<{ months: { period: string }[] }>().months.some((m) => m.period === month)
    );
  };
  let filed = 0;
  for (const [i, row] of rows.entries()) {
    if (i % 2 === 1) continue;
    let ready = false;
    for (let attempt = 0; attempt < 40 && !ready; attempt += 1) {
      ready = await hasThisMonth(row);
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (!ready) {
      if (i === 0) break; // the first has none: this month is before the system
      continue;
    }
    const username = row.officialId.replace('official-', '').replace('-', '');
    const answer = await send(username, 'POST', `/assignments/${row.assignmentId}/months/${month}/plan`, {
      content: 'Làm việc với Ban Thường vụ, nắm tình hình tổ chức đảng và đội ngũ cán bộ',
      plannedFor: `${month}-20`,
      place: PLAN_PLACES[i % PLAN_PLACES.length],
    });
    if (answer.statusCode < 300) filed += 1;
  }
  log(`demo province: this month's plan filed for ${filed} of ${rows.length} running assignments`);
}
