/**
 * The administrator's agencies and the dashboard's programme picker in headless Chromium, against the real API and a
 * fresh seeded database with the demonstration's map and second programme (seed 001). The administrator creates an
 * agency head's account outside the Board, then enters an agency and the head as its member through the page (POST /agencies, POST /agencies/{id}/members), each audited, and sees a refusal
 * beside the form; a Board leader picks the second programme on the dashboard, whose lists and export then carry it.
 * Screenshots: test-artifacts/screenshots/agencies-admin-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoMap } from '../../prisma/demo/map-2025';
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
const OUTSIDE = 'Lãnh đạo cơ quan cấp tỉnh, Ủy viên Ban Thường vụ Tỉnh ủy (Quy định 26)';

beforeAll(async () => {
  suite = await startBrowserSuite();
  await seedDemoMap(suite.h.db.prisma);
  expect(await seedProgramme26(suite.h.db.prisma)).toMatchObject({ agencies: 3 });
});

afterAll(async () => {
  await suite?.close();
});

describe("the administrator's agencies and the dashboard's programme in the browser", () => {
  it('the administrator enters an agency and a member, each audited; a refused member is said beside the form', async () => {
    const { browser, web, h } = suite!;
    const page = await (await newContext(browser, web.baseUrl)).newPage();
    const errors = watchErrors(page);
    const audited = async () => ({
      created: await h.db.prisma.auditEvent.count({ where: { action: 'AGENCY_CREATED' } }),
      added: await h.db.prisma.auditEvent.count({ where: { action: 'AGENCY_MEMBER_ADDED' } }),
    });
    const before = await audited();
    await logIn(page, U.admin);
    // The agency's head's account first: outside the Board, naming no official.
    await page.goto('/app/accounts');
    const accountForm = page.getByRole('form', { name: 'Cấp tài khoản mới' });
    await accountForm.getByLabel('Tài khoản cho').selectOption({ label: OUTSIDE });
    await accountForm.getByLabel('Tên đăng nhập').fill('sxd.gd');
    await accountForm.getByLabel('Tên hiển thị').fill('Nguyễn Hữu Tâm');
    await accountForm.getByLabel('Người đứng đầu cơ quan, đơn vị cấp tỉnh').check();
    await accountForm.getByRole('button', { name: 'Cấp tài khoản' }).click();
    await page.getByRole('status').filter({ hasText: 'Mật khẩu dùng một lần của sxd.gd' }).waitFor();
    const headAccount = await h.db.prisma.user.findUniqueOrThrow({
      where: { username: 'sxd.gd' },
      include: { roles: { select: { role: true } } },
    });
    expect(headAccount).toMatchObject({ officialId: null });
    expect(headAccount.roles.map((r) => r.role).sort()).toEqual(['AGENCY_HEAD', 'AGENCY_LEADER']);

    await page.goto('/app/agencies');
    await page.getByRole('heading', { name: 'Cơ quan, đơn vị có cán bộ theo dõi xã, phường' }).waitFor();
    const list = page.getByRole('table', { name: 'Các cơ quan, đơn vị đã nhập' });
    await expect.poll(() => list.textContent()).toContain('Sở Tài chính');

    const agencyForm = page.getByRole('form', { name: 'Thêm cơ quan, đơn vị' });
    await agencyForm.getByLabel('Mã cơ quan').fill('SXD');
    await agencyForm.getByLabel('Tên cơ quan, đơn vị').fill('Sở Xây dựng');
    await agencyForm.getByRole('button', { name: 'Thêm cơ quan' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thêm cơ quan, đơn vị Sở Xây dựng.' }).waitFor();
    await expect.poll(() => list.textContent()).toContain('Sở Xây dựng');
    const agency = await h.db.prisma.agency.findUniqueOrThrow({ where: { code: 'SXD' } });

    const memberForm = page.getByRole('form', { name: 'Thêm thành viên của cơ quan' });
    await memberForm.getByLabel('Cơ quan, đơn vị của thành viên').selectOption({ label: 'SXD Sở Xây dựng' });
    const account = memberForm.getByLabel('Tài khoản');
    await expect.poll(() => account.locator('option').allTextContents()).toContain('Phạm Thị Thu Trang (stc.pgd1)');
    // Not a head's account: the API's refusal is shown beside the form, nothing is entered.
    await account.selectOption({ label: 'Phạm Thị Thu Trang (stc.pgd1)' });
    await memberForm.getByLabel('Chức vụ (Giám đốc Sở, Phó Trưởng ban…)').fill('Giám đốc Sở');
    await memberForm.getByLabel('Là người đứng đầu cơ quan').check();
    await memberForm.getByRole('button', { name: 'Thêm thành viên' }).click();
    const refusal = memberForm.getByRole('alert');
    await expect.poll(() => refusal.textContent()).toContain('Thao tác trái quy định');
    expect(await refusal.textContent()).toContain('AGENCY_HEAD');
    expect(await h.db.prisma.agencyMember.count({ where: { agencyId: agency.id } })).toBe(0);

    await expect.poll(() => account.locator('option').allTextContents()).toContain('Nguyễn Hữu Tâm (sxd.gd)');
    await account.selectOption({ label: 'Nguyễn Hữu Tâm (sxd.gd)' });
    await memberForm.getByRole('button', { name: 'Thêm thành viên' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thêm Nguyễn Hữu Tâm vào Sở Xây dựng.' }).waitFor();
    const row = list.getByRole('row').filter({ hasText: 'Sở Xây dựng' });
    await expect.poll(() => row.textContent()).toContain('1');
    const member = await h.db.prisma.agencyMember.findFirstOrThrow({
      where: { agencyId: agency.id },
      include: { user: { select: { username: true } } },
    });
    expect(member).toMatchObject({ title: 'Giám đốc Sở', isHead: true, until: null });
    expect(member.user.username).toBe('sxd.gd');
    expect(await audited()).toEqual({ created: before.created + 1, added: before.added + 1 });
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'agencies-admin', 'entered');
    expect(errors).toEqual([]);
  });

  it("a Board leader picks the second programme on the dashboard: its lists and the export carry the programme's filter", async () => {
    const { browser, web } = suite!;
    const page = await (await newContext(browser, web.baseUrl)).newPage();
    const errors = watchErrors(page);
    const asked: string[] = [];
    page.on('request', (request) => asked.push(request.url()));
    await logIn(page, U.leader);
    await page.goto('/app/dashboard');
    const picker = page.getByLabel('Chương trình theo dõi');
    await expect.poll(() => picker.locator('option').allTextContents()).toContain(PROGRAMME_26.name);
    await picker.selectOption({ label: PROGRAMME_26.name });
    await expect.poll(() => new URL(page.url()).searchParams.get('programmeId')).toBe(PROGRAMME_26_ID);
    const filtered = (path: string) =>
      asked.some((url) => url.includes(path) && new URL(url).searchParams.get('programmeId') === PROGRAMME_26_ID);
    await expect.poll(() => filtered('/dashboard/summary')).toBe(true);
    await expect.poll(() => filtered('/dashboard/overdue')).toBe(true);
    await expect.poll(() => filtered('/dashboard/rotations-due')).toBe(true);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Kế hoạch, báo cáo quá hạn' }).click();
    expect((await download).suggestedFilename()).toBe('overdue.xlsx');
    expect(filtered('/exports/overdue.xlsx')).toBe(true);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'agencies-admin', 'dashboard-programme');
    expect(errors).toEqual([]);
  });
});
