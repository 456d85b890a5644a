/**
 * The agency leader's filings page in headless Chromium against the real API: a leader logs in, lands on the page of
 * their commune's filings (the year's programme, the quarterly reports, the yearly report, each with its due day), files
 * the year's programme and sees it filed on time. The link starts next year, so the page is the same on any day.
 * Screenshot: test-artifacts/screenshots/commune-filings-leader.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCommuneLinkWorkflows } from '../../activities/commune-links';
import { dayOf } from '../../machines/calendar';
import {
  type BrowserSuite,
  logIn,
  newContext,
  screenshot,
  startBrowserSuite,
  unlabelledControls,
  watchErrors,
} from '../support/browser';
import { type CommuneLinkFixture, createCommuneLinks } from '../support/commune-link';

let suite: BrowserSuite | undefined;
let f: CommuneLinkFixture;

beforeAll(async () => {
  suite = await startBrowserSuite();
  const { h } = suite;
  const year = Number(dayOf(h.startedAt).slice(0, 4)) + 1;
  f = await createCommuneLinks(h.db.prisma, {
    tag: 'web',
    from: `${year}-01-01`,
    areaIds: [h.people.areas[1]!.id, h.people.areas[2]!.id],
    publishedById: h.people.leaders[0]!.id,
  });
  await startCommuneLinkWorkflows(
    { client: h.client, taskQueue: h.taskQueue },
    [{ id: f.linkId, from: `${year}-01-01` }],
    dayOf(h.startedAt),
  );
});

afterAll(async () => {
  await suite?.close();
});

describe("the agency leader's filings page in the browser", () => {
  it('a leader lands on their commune, files the year’s programme and sees it filed on time', async () => {
    const { browser, web } = suite!;
    const page = await (await newContext(browser, web.baseUrl)).newPage();
    const filings = () => suite!.h.db.prisma.communeFiling.count({ where: { linkId: f.linkId } });
    await expect.poll(filings, { timeout: 30_000 }).toBe(5);
    const errors = watchErrors(page);
    await logIn(page, 'web.leader');
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/app/commune-filings');
    await page.getByRole('heading', { name: 'Chương trình và báo cáo theo dõi xã, phường' }).waitFor();
    const programmeRow = page.getByRole('row', { name: /Chương trình theo dõi năm/ });
    await programmeRow.waitFor();
    expect(await page.getByRole('row', { name: /Báo cáo định kỳ/ }).count()).toBe(3);
    await programmeRow.getByRole('button', { name: 'Nộp' }).click();
    await page.getByLabel('Nội dung').fill('Chương trình theo dõi xã năm nay');
    expect(await unlabelledControls(page)).toEqual([]);
    await page.locator('form').getByRole('button', { name: 'Nộp' }).click();
    await expect.poll(() => programmeRow.textContent(), { timeout: 15_000 }).toContain('Đã nộp đúng hạn');
    await screenshot(page, 'commune-filings', 'leader');
    expect(errors).toEqual([]);
  });
});
