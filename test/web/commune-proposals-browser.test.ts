/**
 * The second programme's forms and the dashboard's programme in headless Chromium, against the real API and a fresh
 * seeded database with the demonstration's map and second programme (seed 001). A Board leader proposes through the
 * page that an agency leader monitor a ward (a commune already monitored is refused, the rule said beside its field);
 * a Standing Committee member decides it (a number of the Board's register refused by name, then the Standing
 * Committee's number); the Board leader proposes a reassignment of a commune (the commune's request without its
 * comment form refused, then another ground with its reason). A department head finds the page in the menu, proposes
 * a leader chosen from GET /agency-leaders (one read, no agency's monitoring, no refusal), sees the reassignment's
 * commune request closed to them with the reason, and a Standing Committee member sees the proposal pending. Then the
 * Board leader picks the second programme on the
 * dashboard: the areas are its communes with their agency leaders, the meetings panel and the exports of plans and
 * reports carry the programme, as the reports page's exports carry its month and programme.
 * Screenshots: test-artifacts/screenshots/commune-proposals-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REGISTER } from '../../machines/decision-number';
import { DEFAULT_PROGRAMME_ID } from '../../machines/programme';
import { seedDemoMap, unitId } from '../../prisma/demo/map-2025';
import { PROGRAMME_26, PROGRAMME_26_ID, seedProgramme26 } from '../../prisma/demo/programme-26';
import { SEEDED_USERS as U } from '../support/api-client';
import {
  type BrowserSuite,
  logIn,
  newContext,
  screenshot,
  startBrowserSuite,
  unlabelledControls,
  watchErrors,
} from '../support/browser';

let suite: BrowserSuite | undefined;
const PGD1 = 'agency-na-stc-stc.pgd1';
const SNNMT_PGD2 = 'agency-na-snnmt-snnmt.pgd2';
const BTGDV_PTB1 = 'agency-na-btgdv-btgdv.ptb1';

beforeAll(async () => {
  suite = await startBrowserSuite();
  await seedDemoMap(suite.h.db.prisma);
  expect(await seedProgramme26(suite.h.db.prisma)).toMatchObject({ agencies: 3 });
});

afterAll(async () => {
  await suite?.close();
});

describe('the second programme in the browser: proposals, decisions, reassignments and the dashboard', () => {
  it('a Board leader proposes and a Standing Committee member decides through the forms; a reassignment is proposed on its ground; refusals are named', async () => {
    const { browser, web, h } = suite!;
    const { prisma } = h.db;
    const staff = await (await newContext(browser, web.baseUrl)).newPage();
    const errors = watchErrors(staff);
    await logIn(staff, U.leader);
    await staff.goto('/app/commune-decisions');
    await staff.getByRole('button', { name: 'Trình phân công theo dõi xã, phường' }).click();
    const form = staff.getByRole('form', { name: 'Đề xuất phân công cán bộ theo dõi xã, phường' });
    const commune = form.getByLabel('Xã, phường');
    await expect.poll(() => commune.locator('option').count(), { timeout: 15_000 }).toBeGreaterThan(1);

    // A commune another leader monitors: refused with the rule in words, beside the commune.
    await commune.selectOption(unitId('17971'));
    await form.getByLabel('Cán bộ lãnh đạo được đề xuất').selectOption(PGD1);
    await form.getByLabel('Lý do, căn cứ').fill('Phân công theo dõi phường');
    await form.getByRole('button', { name: 'Trình đề xuất phân công' }).click();
    const monitored = 'Xã, phường này đã có cán bộ lãnh đạo theo dõi theo chương trình';
    await form.getByRole('alert').filter({ hasText: monitored }).first().waitFor({ timeout: 15_000 });
    await expect.poll(() => commune.getAttribute('aria-invalid')).toBe('true');
    expect(await unlabelledControls(staff)).toEqual([]);
    await screenshot(staff, 'commune-proposals', 'refused');

    // A ward nobody monitors: proposed.
    await commune.selectOption(unitId('16690'));
    await form.getByRole('button', { name: 'Trình đề xuất phân công' }).click();
    await staff.getByRole('status').filter({ hasText: 'Đã trình Ban Thường vụ' }).waitFor({ timeout: 15_000 });
    const proposal = await prisma.communeLinkProposal.findFirstOrThrow({
      where: { areaId: unitId('16690'), memberId: PGD1, status: 'PENDING' },
    });

    // The Standing Committee member decides: the Board's register refused by name, then the Standing Committee's.
    const member = await (await newContext(browser, web.baseUrl)).newPage();
    const memberErrors = watchErrors(member);
    await logIn(member, 'btv.01');
    await expect.poll(() => new URL(member.url()).pathname, { timeout: 15_000 }).toBe('/app/commune-decisions');
    await member.getByRole('button', { name: /^Quyết định đề xuất: .* — Phạm Thị Thu Trang$/ }).click();
    const number = member.getByLabel('Số quyết định (ví dụ 5-QĐ/TU)');
    await number.fill(`12-${DEFAULT_REGISTER}`);
    await member.getByRole('button', { name: 'Đồng ý, ban hành quyết định' }).click();
    await member
      .getByRole('alert')
      .filter({ hasText: 'Số quyết định thuộc sổ văn bản của Ban Tổ chức' })
      .first()
      .waitFor({ timeout: 15_000 });
    await expect.poll(() => number.getAttribute('aria-invalid')).toBe('true');
    await number.fill('9-QĐ/TU');
    await member.getByRole('button', { name: 'Đồng ý, ban hành quyết định' }).click();
    await member.getByRole('status').filter({ hasText: 'Đã ban hành quyết định 9-QĐ/TU' }).waitFor({ timeout: 15_000 });
    await expect
      .poll(
        async () =>
          (await prisma.agencyLeaderArea.findUnique({ where: { id: `commune-link-${proposal.id}` } }))?.decisionNumber,
      )
      .toBe('9-QĐ/TU');

    // The Board leader proposes that Kim Liên go to another leader.
    const kimLien = await prisma.agencyLeaderArea.findFirstOrThrow({ where: { areaId: unitId('17971'), until: null } });
    await staff.getByRole('button', { name: 'Trình điều chỉnh phân công' }).click();
    const reassign = staff.getByRole('form', { name: 'Đề xuất điều chỉnh phân công theo dõi' });
    const link = reassign.getByLabel('Xã, phường và cán bộ đang theo dõi');
    await expect.poll(() => link.locator('option').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await link.selectOption(kimLien.id);
    await reassign.getByLabel('Cán bộ lãnh đạo được đề xuất').selectOption(SNNMT_PGD2);
    await reassign.getByLabel('Đảng ủy xã đề nghị thay cán bộ theo dõi').check();
    await reassign.getByLabel('Lý do, căn cứ').fill('Điều chỉnh theo yêu cầu công tác');
    await reassign.getByRole('button', { name: 'Trình đề xuất điều chỉnh' }).click();
    // No comment form of Kim Liên asks for another monitor: the commune's request is refused by name.
    await reassign
      .getByRole('alert')
      .filter({ hasText: 'cần chọn phiếu nhận xét có đề nghị thay cán bộ theo dõi' })
      .first()
      .waitFor({ timeout: 15_000 });
    await reassign.getByLabel('Lý do khác').check();
    await reassign.getByRole('button', { name: 'Trình đề xuất điều chỉnh' }).click();
    await staff
      .getByRole('status')
      .filter({ hasText: 'Đã trình Ban Thường vụ: Xã Kim Liên' })
      .waitFor({ timeout: 15_000 });
    expect(
      await prisma.communeLinkProposal.findFirst({
        where: { kind: 'REASSIGNMENT', endsLinkId: kimLien.id, memberId: SNNMT_PGD2, status: 'PENDING' },
        select: { ground: true, reason: true },
      }),
    ).toEqual({ ground: 'OTHER', reason: 'Điều chỉnh theo yêu cầu công tác' });
    expect(await unlabelledControls(staff)).toEqual([]);
    await screenshot(staff, 'commune-proposals', 'reassignment');
    expect(errors).toEqual([]);
    expect(memberErrors).toEqual([]);
  });

  it('a department head finds the page in the menu, proposes a leader from GET /agency-leaders, and a Standing Committee member sees it pending', async () => {
    const { browser, web, h } = suite!;
    const { prisma } = h.db;
    const staff = await (await newContext(browser, web.baseUrl)).newPage();
    const errors = watchErrors(staff);
    const answered: { path: string; status: number }[] = [];
    staff.on('response', (r) => answered.push({ path: new URL(r.url()).pathname, status: r.status() }));
    await logIn(staff, U.departmentHead);
    await staff.getByRole('navigation').getByRole('link', { name: 'Phân công theo dõi xã' }).click();
    await staff.getByRole('button', { name: 'Trình phân công theo dõi xã, phường' }).click();
    const form = staff.getByRole('form', { name: 'Đề xuất phân công cán bộ theo dõi xã, phường' });
    const commune = form.getByLabel('Xã, phường');
    const leader = form.getByLabel('Cán bộ lãnh đạo được đề xuất');
    await expect.poll(() => commune.locator('option').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await expect
      .poll(() => leader.locator('option').allTextContents())
      .toContain('Võ Thị Mai Hương (Phó Trưởng ban, Ban Tuyên giáo và Dân vận Tỉnh ủy)');
    // One read of the leaders, none of the agencies' monitoring (closed to a department head), no refusal.
    expect(answered.filter((r) => r.path === '/agency-leaders')).toEqual([{ path: '/agency-leaders', status: 200 }]);
    expect(answered.filter((r) => r.path.startsWith('/agencies'))).toEqual([]);
    expect(answered.filter((r) => r.status === 403)).toEqual([]);

    // A ward nobody monitors under the programme.
    const monitored = new Set(
      (await prisma.agencyLeaderArea.findMany({ where: { until: null }, select: { areaId: true } })).map(
        (l) => l.areaId,
      ),
    );
    const free = (
      await commune
        .locator('option')
        .evaluateAll((options) =>
          options.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })),
        )
    ).find((o) => o.value && !monitored.has(o.value));
    expect(free).toBeDefined();
    await commune.selectOption(free!.value);
    await leader.selectOption(BTGDV_PTB1);
    await form.getByLabel('Lý do, căn cứ').fill('Phòng đề xuất phân công theo dõi');
    await form.getByRole('button', { name: 'Trình đề xuất phân công' }).click();
    await staff.getByRole('status').filter({ hasText: 'Đã trình Ban Thường vụ' }).waitFor({ timeout: 15_000 });
    expect(
      await prisma.communeLinkProposal.findFirst({
        where: { areaId: free!.value, memberId: BTGDV_PTB1, status: 'PENDING' },
        select: { proposedById: true, kind: true },
      }),
    ).toEqual({ proposedById: `user-${U.departmentHead}`, kind: 'APPOINTMENT' });

    // The reassignment form: the commune's request is not a ground the department head can name; it says why.
    await staff.getByRole('button', { name: 'Trình điều chỉnh phân công' }).click();
    const reassign = staff.getByRole('form', { name: 'Đề xuất điều chỉnh phân công theo dõi' });
    await reassign.getByText('chỉ Lãnh đạo Ban xem được').waitFor({ timeout: 15_000 });
    expect(await reassign.getByLabel('Lý do khác').isChecked()).toBe(true);
    expect(await reassign.getByLabel('Đảng ủy xã đề nghị thay cán bộ theo dõi').count()).toBe(0);
    expect(answered.filter((r) => r.path === '/commune-comments')).toEqual([]);
    expect(await unlabelledControls(staff)).toEqual([]);
    await screenshot(staff, 'commune-proposals', 'department-head');

    // The Standing Committee member sees it among the proposals to decide.
    const member = await (await newContext(browser, web.baseUrl)).newPage();
    await logIn(member, 'btv.01');
    await member
      .getByRole('button', { name: `Quyết định đề xuất: ${free!.label} — Võ Thị Mai Hương` })
      .waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
  });

  it("a Board leader picks the second programme on the dashboard: its communes and leaders, its meetings panel and its exports; the reports page's exports carry its filters", async () => {
    const { browser, web } = suite!;
    const page = await (await newContext(browser, web.baseUrl)).newPage();
    const errors = watchErrors(page);
    const answered: { url: string; status: number }[] = [];
    page.on('response', (response) => answered.push({ url: response.url(), status: response.status() }));
    const filtered = (path: string, programmeId = PROGRAMME_26_ID) =>
      answered.some(
        (r) =>
          r.url.includes(path) && new URL(r.url).searchParams.get('programmeId') === programmeId && r.status === 200,
      );
    await logIn(page, U.leader);
    // A unit of the Board's own programme, which the second programme's table must not hold.
    const token = await page.evaluate(
      () => (JSON.parse(localStorage.getItem('diaban.session')!) as { token: string }).token,
    );
    const boards = await fetch(`${web.baseUrl}/dashboard/areas?limit=1&programmeId=${DEFAULT_PROGRAMME_ID}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const boardArea = ((await boards.json()) as { items: { name: string }[] }).items[0];

    await page.goto('/app/dashboard');
    const picker = page.getByLabel('Chương trình theo dõi');
    await expect.poll(() => picker.locator('option').allTextContents()).toContain(PROGRAMME_26.name);
    await picker.selectOption({ label: PROGRAMME_26.name });
    const areas = page.getByRole('table', { name: 'Địa bàn và cán bộ theo dõi' });
    await expect.poll(() => filtered('/dashboard/areas'), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => areas.textContent(), { timeout: 15_000 }).toContain('Nguyễn Thị Bích Thủy');
    expect(await areas.textContent()).toContain('Xã Kim Liên');
    expect(boardArea).toBeDefined();
    expect(await areas.textContent()).not.toContain(boardArea!.name);
    await expect.poll(() => filtered('/dashboard/field-time')).toBe(true);
    await expect.poll(() => filtered('/dashboard/group-sessions')).toBe(true);

    const plans = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Kế hoạch tháng', exact: true }).click();
    expect((await plans).suggestedFilename()).toBe('plans.xlsx');
    expect(filtered('/exports/plans.xlsx')).toBe(true);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'commune-proposals', 'dashboard');

    // The reports page: its month and programme go with its exports.
    await page.goto('/app/reports');
    const programme = page.getByLabel('Chương trình theo dõi');
    await expect.poll(() => programme.locator('option').allTextContents()).toContain(PROGRAMME_26.name);
    await programme.selectOption({ label: PROGRAMME_26.name });
    const reports = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Báo cáo tháng', exact: true }).click();
    expect((await reports).suggestedFilename()).toBe('reports.xlsx');
    const asked = answered.filter((r) => r.url.includes('/exports/reports.xlsx')).at(-1);
    expect(asked && new URL(asked.url).searchParams.get('programmeId')).toBe(PROGRAMME_26_ID);
    expect(asked && new URL(asked.url).searchParams.get('month')).toMatch(/^\d{4}-\d{2}$/);
    expect(asked?.status).toBe(200);
    expect(errors).toEqual([]);
  });
});
