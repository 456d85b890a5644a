/**
 * The comment forms' page in headless Chromium against the real API: a commune's committee opens the form requested of
 * it, answers each criterion of the version, asks for another monitor with its reason and sends it; the form then shows
 * as sent. Screenshot: test-artifacts/screenshots/commune-comments-committee.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../machines/calendar';
import { communeCommentWorkflowId, DEFAULT_COMMENT_CRITERIA } from '../../machines/commune-comment';
import { PolicySchema } from '../../machines/policy';
import { seedDemoMap, unitId } from '../../prisma/demo/map-2025';
import { PROGRAMME_26_FIRST_VERSION, PROGRAMME_26_ID, seedProgramme26 } from '../../prisma/demo/programme-26';
import { communeCommentWorkflow } from '../../workflows/commune-comment.workflow';
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
// The page shows the year of the browser's clock; the form is requested at once on the server's first day.
const year = Number(dayOf(Date.now()).slice(0, 4));

beforeAll(async () => {
  suite = await startBrowserSuite();
  const { prisma } = suite.h.db;
  await seedDemoMap(prisma);
  await seedProgramme26(prisma);
  const today = dayOf(suite.h.startedAt);
  const admin = await prisma.user.findUniqueOrThrow({ where: { username: 'admin' } });
  const comment = { ...PROGRAMME_26_FIRST_VERSION.yearly!.comment, requestOn: today.slice(5) };
  await prisma.programmeVersion.create({
    data: {
      programmeId: PROGRAMME_26_ID,
      label: 'test.comment-browser-1',
      policy: PolicySchema.parse({
        ...PROGRAMME_26_FIRST_VERSION,
        version: 'test.comment-browser-1',
        yearly: { ...PROGRAMME_26_FIRST_VERSION.yearly!, comment },
      }),
      effectiveFrom: today,
      publishedById: admin.id,
    },
  });
  const link = await prisma.agencyLeaderArea.findFirstOrThrow({
    where: { programmeId: PROGRAMME_26_ID, areaId: unitId('17110') },
  });
  await suite.h.client.workflow.start(communeCommentWorkflow, {
    taskQueue: suite.h.taskQueue,
    workflowId: communeCommentWorkflowId(link.id),
    args: [{ linkId: link.id, year }],
  });
});

afterAll(async () => {
  await suite?.close();
});

describe("the commune committee's comment form in the browser", () => {
  it('the committee answers each criterion, asks for another monitor and sends the form', async () => {
    const { browser, web, h } = suite!;
    await expect
      .poll(() => h.db.prisma.communeComment.count({ where: { year, state: 'REQUESTED' } }), { timeout: 30_000 })
      .toBe(1);
    const page = await (await newContext(browser, web.baseUrl)).newPage();
    const errors = watchErrors(page);
    await logIn(page, 'duhoangmai');
    await page.goto('/app/commune-comments');
    await page.getByRole('heading', { name: 'Phiếu nhận xét cán bộ lãnh đạo theo dõi xã, phường' }).waitFor();
    await page.getByRole('button', { name: 'Mở phiếu' }).click();
    await page.getByLabel('Mức độ hoàn thành nhiệm vụ').selectOption('GOOD');
    for (const criterion of DEFAULT_COMMENT_CRITERIA)
      await page.getByLabel(criterion.label).fill(`Nhận xét: ${criterion.label}`);
    await page.getByLabel('Nhận xét chung').fill('Đồng chí nắm chắc tình hình cơ sở.');
    await page.getByLabel('Đề nghị Ban Thường vụ phân công người khác theo dõi').check();
    await page.getByLabel('Lý do đề nghị thay người theo dõi').fill('Đồng chí ít về phường trong năm.');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'commune-comments', 'committee');
    await page.getByRole('button', { name: 'Gửi phiếu nhận xét' }).click();
    await page.getByText('Đã gửi phiếu').first().waitFor({ timeout: 20_000 });
    const row = await h.db.prisma.communeComment.findFirstOrThrow({ where: { year } });
    expect(row).toMatchObject({ state: 'SUBMITTED', level: 'GOOD', requestsAnotherMonitor: true });
    expect(errors).toEqual([]);
  });
});
