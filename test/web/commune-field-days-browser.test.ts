/**
 * The days at the commune in the browser: a leader files the first quarter's report with the days they spent in the
 * commune (typed dd/mm/yyyy; the programme's form asks for none) and sees them beside the report; the agency's head
 * then sees the count on their page, with the days on hover. The link's year is the API's (the process's) today, its
 * run owing the whole year and staying open past the year's end (as in test/api/commune-field-days.test.ts), so it
 * holds on any day. Screenshot: test-artifacts/screenshots/commune-field-days-leader.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../machines/calendar';
import { communeMonitoringWorkflowId } from '../../machines/commune-filings';
import { DEFAULT_POLICY, PolicySchema } from '../../machines/policy';
import {
  type BrowserSuite,
  logIn,
  newContext,
  screenshot,
  startBrowserSuite,
  unlabelledControls,
  watchErrors,
} from '../support/browser';
import { type CommuneLinkFixture, createCommuneLinks, TEST_YEARLY } from '../support/commune-link';

let suite: BrowserSuite | undefined;
let f: CommuneLinkFixture;
const year = Number(dayOf(Date.now()).slice(0, 4));

beforeAll(async () => {
  suite = await startBrowserSuite();
  const { h } = suite;
  f = await createCommuneLinks(h.db.prisma, {
    tag: 'webdays',
    from: `${year}-01-01`,
    areaIds: [h.people.areas[1]!.id, h.people.areas[2]!.id],
    publishedById: h.people.leaders[0]!.id,
  });
  await h.db.prisma.programmeVersion.update({
    where: { programmeId_label: { programmeId: f.programmeId, label: 'test.other-1' } },
    data: {
      policy: PolicySchema.parse({
        ...DEFAULT_POLICY,
        version: 'test.other-1',
        yearly: { ...TEST_YEARLY, escalateToStandingCommitteeOfficeAfterWorkingDays: 60 },
      }),
    },
  });
  await h.client.workflow.start('communeMonitoringWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: communeMonitoringWorkflowId(f.linkId),
    args: [{ linkId: f.linkId, year }],
  });
});

afterAll(async () => {
  await suite?.close();
});

describe('the days at the commune in the browser', () => {
  it("a leader files a report with their days at the commune, and the agency's head sees them", async () => {
    const { browser, web, h } = suite!;
    await expect
      .poll(() => h.db.prisma.communeFiling.count({ where: { linkId: f.linkId } }), { timeout: 30_000 })
      .toBe(5);
    const page = await (await newContext(browser, web.baseUrl)).newPage();
    const errors = watchErrors(page);
    await logIn(page, 'webdays.leader');
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/app/commune-filings');

    // The programme is a plan: its form asks for no days.
    const programmeRow = page.getByRole('row', { name: /Chương trình theo dõi năm/ });
    await programmeRow.getByRole('button', { name: 'Nộp' }).click();
    await page.getByLabel('Nội dung').waitFor();
    expect(await page.getByLabel('Ngày đi cơ sở trong kỳ báo cáo').count()).toBe(0);

    const quarterRow = page.getByRole('row', { name: new RegExp(`${year}-Q1`) });
    await quarterRow.getByRole('button', { name: 'Nộp' }).click();
    await page.getByRole('heading', { name: `Báo cáo định kỳ ${year}-Q1` }).waitFor();
    await page.getByLabel('Nội dung').fill('Báo cáo quý I');
    await page.getByLabel('Ngày đi cơ sở trong kỳ báo cáo').fill(`1/1/${year}, 01/01/${year}`);
    expect(await unlabelledControls(page)).toEqual([]);
    await page.locator('form').getByRole('button', { name: 'Nộp' }).click();
    await expect.poll(() => quarterRow.textContent(), { timeout: 15_000 }).toContain(`01/01/${year}`);
    await screenshot(page, 'commune-field-days', 'leader');
    expect(errors).toEqual([]);

    const head = await (await newContext(browser, web.baseUrl)).newPage();
    await logIn(head, 'webdays.head');
    await head.goto('/app/agencies');
    const days = head.locator(`abbr[title="Ngày đi cơ sở: 01/01/${year}"]`);
    await days.waitFor({ timeout: 15_000 });
    expect(await days.textContent()).toBe('1');
  });
});
