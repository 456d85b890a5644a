/**
 * The programmes page in headless Chromium against the real API and a fresh seeded database: the administrator opens
 * the Board's programme, drafts a version whose rules contradict themselves and sees the refusal with its rule named
 * beside the field, corrects it, previews the changed field and the running assignments it reaches, publishes it from
 * a later day and finds it listed as pending; the version is on record with its audit row. Screenshots:
 * test-artifacts/screenshots/programmes-<page>.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runningAssignmentsWhere } from '../../domain/programmes/reads';
import { DEFAULT_PROGRAMME_ID } from '../../machines/programme';
import {
  type BrowserSuite,
  logIn,
  newContext,
  screenshot,
  startBrowserSuite,
  unlabelledControls,
  vnDay,
  watchErrors,
} from '../support/browser';

let suite: BrowserSuite | undefined;

beforeAll(async () => {
  suite = await startBrowserSuite();
});

afterAll(async () => {
  await suite?.close();
});

describe('the programmes page in the browser', () => {
  it('the administrator publishes a version of the Board programme and sees it listed', async () => {
    const { browser, web, h } = suite!;
    const prisma = h.db.prisma;
    const before = await prisma.programmeVersion.findMany({ where: { programmeId: DEFAULT_PROGRAMME_ID } });
    const latest = before.reduce((a, b) => (a.effectiveFrom > b.effectiveFrom ? a : b));
    const planDue = (latest.policy as { monthly: { planDueWorkingDayOfMonth: number } }).monthly
      .planDueWorkingDayOfMonth;
    const running = await prisma.assignment.count({ where: runningAssignmentsWhere(DEFAULT_PROGRAMME_ID) });
    // Two days ahead in Vietnam: a pending version, whatever the hour of the run.
    const effective = vnDay(Date.now() + 2 * 86_400_000);
    const label = `thu-${Date.now()}`;

    const admin = await (await newContext(browser, web.baseUrl)).newPage();
    const errors = watchErrors(admin);
    await logIn(admin, 'admin');
    await admin.getByRole('link', { name: 'Chương trình, quy định' }).click();
    await admin.getByRole('heading', { name: 'Chương trình theo dõi và các phiên bản quy định' }).waitFor();
    const programme = await prisma.programme.findUniqueOrThrow({ where: { id: DEFAULT_PROGRAMME_ID } });
    await admin.getByRole('button', { name: `Xem chương trình ${programme.name}` }).click();
    await admin.getByRole('heading', { name: `Các phiên bản của ${programme.name}` }).waitFor();
    await expect
      .poll(() => admin.getByRole('table', { name: `Các phiên bản của ${programme.name}` }).textContent())
      .toContain(latest.label);

    const draft = admin.getByRole('form', { name: 'Soạn phiên bản mới' });
    await draft.getByLabel(/^Tên phiên bản/).fill(label);
    await draft.getByLabel(/^Ngày hiệu lực/).fill(effective);
    await draft.getByLabel(/^Căn cứ, lý do ban hành/).fill('Kết luận của Ban Thường vụ về thời hạn kế hoạch');

    // A version at odds with itself: mandatory rotation before it is possible. Refused, the rule named.
    const mandatory = draft.getByLabel(/^Bắt buộc luân chuyển sau \(năm\)/);
    await mandatory.fill('2');
    await draft.getByRole('button', { name: 'Xem trước' }).click();
    const refusal = draft.getByRole('alert').filter({ hasText: 'ROTATION_MANDATORY_BEFORE_ELIGIBLE' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(
      'Thời hạn bắt buộc luân chuyển phải dài hơn thời hạn được luân chuyển.',
    );
    expect(await mandatory.getAttribute('aria-invalid')).toBe('true');
    expect(await draft.getByRole('button', { name: 'Ban hành' }).isDisabled()).toBe(true);
    expect(await unlabelledControls(admin)).toEqual([]);

    // Corrected, with the plan a day later: the preview names the field and the running assignments.
    await mandatory.fill('5');
    await draft.getByLabel(/^Hạn nộp kế hoạch: ngày làm việc thứ/).fill(String(planDue + 1));
    await draft.getByRole('button', { name: 'Xem trước' }).click();
    const preview = admin.getByRole('region', { name: 'Xem trước' });
    await preview.waitFor();
    const changes = await preview.getByRole('table', { name: 'Trường' }).textContent();
    expect(changes).toContain('Hạn nộp kế hoạch: ngày làm việc thứ … của tháng');
    expect(changes).toContain(String(planDue + 1));
    expect(changes).not.toContain('Bắt buộc luân chuyển');
    expect(await preview.textContent()).toContain(`${running} phân công đang chạy`);
    expect(await prisma.programmeVersion.count({ where: { programmeId: DEFAULT_PROGRAMME_ID } })).toBe(before.length);
    await screenshot(admin, 'programmes', 'preview');

    // Published: listed as pending from its day, on record with its audit row.
    await draft.getByRole('button', { name: 'Ban hành' }).click();
    await admin.getByText(`Đã ban hành phiên bản ${label}, hiệu lực từ ${effective}.`).waitFor();
    const row = admin.getByRole('row', { name: new RegExp(label) });
    await expect.poll(() => row.textContent()).toContain('Chờ hiệu lực');
    expect(await row.textContent()).toContain(effective);
    const stored = await prisma.programmeVersion.findFirstOrThrow({ where: { label } });
    expect(stored.programmeId).toBe(DEFAULT_PROGRAMME_ID);
    expect((stored.policy as { monthly: { planDueWorkingDayOfMonth: number } }).monthly.planDueWorkingDayOfMonth).toBe(
      planDue + 1,
    );
    expect(stored.note).toBe('Kết luận của Ban Thường vụ về thời hạn kế hoạch');
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: 'PROGRAMME_VERSION_PUBLISHED', entityId: DEFAULT_PROGRAMME_ID },
      orderBy: { seq: 'desc' },
    });
    expect(audit.payload).toMatchObject({ label, versionId: stored.id });
    await screenshot(admin, 'programmes', 'published');

    // The page in English.
    await admin.getByLabel('Ngôn ngữ').selectOption('en');
    await admin.getByRole('heading', { name: 'Monitoring programmes and their rule versions' }).waitFor();
    await admin.getByRole('form', { name: 'Draft a new version' }).waitFor();
    await admin.getByLabel('Language').selectOption('vi');
    expect(errors).toEqual([]);
  });

  it('Board staff without publishing rights do not find the page', async () => {
    const { browser, web } = suite!;
    const page = await (await newContext(browser, web.baseUrl)).newPage();
    await logIn(page, 'cb003');
    await page.getByRole('navigation').waitFor();
    expect(await page.getByRole('link', { name: 'Chương trình, quy định' }).count()).toBe(0);
  });
});
