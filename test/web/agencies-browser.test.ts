/**
 * The agency's page in headless Chromium against the real API and a fresh seeded database with the demonstration's
 * map and second programme (seed 001): an agency's head logs in, lands on the page of their agency's leaders, sees each
 * leader's communes with the yearly programme's due day and no other agency's leaders; Board leadership chooses among
 * every agency. Screenshot: test-artifacts/screenshots/agencies-head.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoMap } from '../../prisma/demo/map-2025';
import { seedProgramme26 } from '../../prisma/demo/programme-26';
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

describe("the agency's page in the browser", () => {
  it("an agency's head sees their own leaders' communes, and no other agency's", async () => {
    const { browser, web } = suite!;
    const page = await (await newContext(browser, web.baseUrl)).newPage();
    const errors = watchErrors(page);
    await logIn(page, 'stc.gd');
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/app/agencies');
    await page.getByRole('heading', { name: 'Cán bộ lãnh đạo của cơ quan theo dõi xã, phường' }).waitFor();
    await page.getByRole('heading', { name: 'Phạm Thị Thu Trang — Phó Giám đốc Sở' }).waitFor();
    const table = page.getByRole('table', { name: 'Các xã, phường do đồng chí Phạm Thị Thu Trang theo dõi' });
    await expect.poll(() => table.textContent()).toContain('Phường Hoàng Mai');
    expect(await table.textContent()).toContain('Chưa có hồ sơ');
    expect(await page.getByRole('main').textContent()).not.toContain('Nguyễn Thị Bích Thủy');
    expect(await page.getByLabel('Cơ quan, đơn vị').count()).toBe(0);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'agencies', 'head');
    expect(errors).toEqual([]);
  });

  it('Board leadership chooses among every agency', async () => {
    const { browser, web } = suite!;
    const page = await (await newContext(browser, web.baseUrl)).newPage();
    await logIn(page, 'ld01');
    await page.goto('/app/agencies');
    const choice = page.getByLabel('Cơ quan, đơn vị');
    await choice.waitFor();
    await choice.selectOption({ label: 'Sở Nông nghiệp và Môi trường' });
    await page.getByRole('heading', { name: 'Nguyễn Thị Bích Thủy — Phó Giám đốc Sở' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
  });
});
