/**
 * The Standing Committee's decisions page in headless Chromium against the real API and a fresh seeded database with
 * the demonstration's map and second programme (seed 001): the Board's staff proposes (through the API) that an agency
 * leader monitor a ward; a Standing Committee member logs in, lands on the page, opens the proposal and approves it with
 * the decision's number in the Standing Committee's register; the link is made with that number. Screenshot:
 * test-artifacts/screenshots/commune-decisions-member.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommuneProposal } from '../../contracts/commune-decisions';
import { seedDemoMap, unitId } from '../../prisma/demo/map-2025';
import { PROGRAMME_26_ID, seedProgramme26 } from '../../prisma/demo/programme-26';
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

beforeAll(async () => {
  suite = await startBrowserSuite();
  await seedDemoMap(suite.h.db.prisma);
  expect(await seedProgramme26(suite.h.db.prisma)).toMatchObject({ agencies: 3 });
});

afterAll(async () => {
  await suite?.close();
});

describe("the Standing Committee's decisions page in the browser", () => {
  it('a Standing Committee member approves a proposal of the Board staff with the decision of the Standing Committee', async () => {
    const { browser, web, h } = suite!;
    // The Board's staff proposes through the API, as the web app would.
    const json = { 'content-type': 'application/json' };
    const login = await fetch(`${web.baseUrl}/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username: 'cb011', password: 'DiaBan@cb011' }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const proposed = await fetch(`${web.baseUrl}/commune-proposals`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${token}` },
      body: JSON.stringify({
        programmeId: PROGRAMME_26_ID,
        areaId: unitId('16690'),
        memberId: 'agency-na-stc-stc.pgd1',
        reason: 'Phân công theo dõi phường',
      }),
    });
    expect(proposed.status).toBe(201);
    const proposal = (await proposed.json()) as CommuneProposal;

    const page = await (await newContext(browser, web.baseUrl)).newPage();
    const errors = watchErrors(page);
    await logIn(page, 'btv.01');
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/app/commune-decisions');
    await page.getByRole('heading', { name: 'Ban Thường vụ phân công cán bộ theo dõi xã, phường' }).waitFor();
    const pending = page.getByRole('table', { name: 'Đề xuất chờ quyết định' });
    await expect.poll(() => pending.textContent(), { timeout: 15_000 }).toContain('Phạm Thị Thu Trang');
    await page.getByRole('button', { name: /^Quyết định đề xuất: .* — Phạm Thị Thu Trang$/ }).click();
    await page.getByLabel('Số quyết định (ví dụ 5-QĐ/TU)').fill('9-QĐ/TU');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'commune-decisions', 'member');
    await page.getByRole('button', { name: 'Đồng ý, ban hành quyết định' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã ban hành quyết định 9-QĐ/TU' }).waitFor({ timeout: 15_000 });
    const decided = page.getByRole('table', { name: 'Đề xuất đã quyết định' });
    await expect.poll(() => decided.textContent(), { timeout: 15_000 }).toContain('9-QĐ/TU');

    const link = await h.db.prisma.agencyLeaderArea.findFirstOrThrow({ where: { id: `commune-link-${proposal.id}` } });
    expect(link).toMatchObject({
      memberId: 'agency-na-stc-stc.pgd1',
      areaId: unitId('16690'),
      decisionNumber: '9-QĐ/TU',
    });
    expect(errors).toEqual([]);
  });
});
