/**
 * The decision's papers in headless Chromium against the real API: the leader downloads the draft of a pending
 * appointment from the inbox (no number, DỰ THẢO), approves it with its number, and downloads the final PDF, the
 * decision as issued (the same bytes as the stored document, its hash in the header). Screenshot:
 * test-artifacts/screenshots/papers-inbox.png.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIssuedDocument, sha256Of } from '../../domain/papers/issued';
import { dayOf } from '../../machines/calendar';
import {
  type BrowserSuite,
  logIn,
  newContext,
  screenshot,
  startBrowserSuite,
  vnDay,
  watchErrors,
} from '../support/browser';

const run = promisify(execFile);
const AREA = { id: 'area-na-hoangmai', name: 'Thị xã Hoàng Mai' };
const OFFICIAL = 'official-cb-022';

let suite: BrowserSuite | undefined;
let dir: string;

beforeAll(async () => {
  suite = await startBrowserSuite();
  dir = await mkdtemp(path.join(tmpdir(), 'dia-ban-papers-web-'));
}, 180_000);

afterAll(async () => {
  await suite?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function textOf(download: Download): Promise<string> {
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const { stdout } = await run('pdftotext', ['-layout', file, '-']);
  return stdout.replace(/\s+/g, ' ');
}

const downloaded = async (page: Page, click: () => Promise<void>) => {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  return download;
};

describe('the decision in the browser', () => {
  it('the leader downloads the draft from the inbox, approves, and downloads the final PDF', async () => {
    const { browser, web, h } = suite!;
    const now = await h.env.currentTimeMs();
    const today = dayOf(now);
    const page = await (await newContext(browser, web.baseUrl)).newPage();
    const errors = watchErrors(page);

    // A department proposes the appointment (over the API, as the proposer's page would).
    const login = await page.request.post('/auth/login', { data: { username: 'ld04', password: 'DiaBan@ld04' } });
    const { token } = (await login.json()) as { token: string };
    const proposed = await page.request.post('/assignments', {
      headers: { authorization: `Bearer ${token}` },
      data: { areaId: AREA.id, officialId: OFFICIAL, effectiveFrom: today, reason: 'Phân công theo dõi địa bàn' },
    });
    expect(proposed.status(), await proposed.text()).toBe(201);
    const name = (await h.db.prisma.official.findUniqueOrThrow({ where: { id: OFFICIAL } })).fullName;

    await logIn(page, 'ld02');
    await page.goto('/app/inbox');
    const card = page.locator('section', { has: page.getByRole('heading', { name: `Phân công — ${AREA.name}` }) });
    await expect.poll(() => card.count(), { timeout: 30_000 }).toBe(1);
    const draftLinks = card.getByRole('group', { name: 'Dự thảo quyết định' });
    const draft = await downloaded(page, () => draftLinks.getByRole('button', { name: 'Tải PDF' }).click());
    const draftText = await textOf(draft);
    expect(draftText).toContain('DỰ THẢO');
    expect(draftText).toMatch(/Số -QĐ\/BTCTU/);
    expect(draftText).toContain(name);
    await screenshot(page, 'papers', 'inbox');

    const form = card.getByRole('form');
    await expect.poll(() => form.getByLabel('Số quyết định').inputValue()).toMatch(/^\d+-QĐ\/BTCTU$/);
    const number = await form.getByLabel('Số quyết định').inputValue();
    // Signed on the service's day (the harness's clock), as the decision may not precede the appointment.
    await form.getByLabel('Ngày ký (dd/mm/yyyy)').fill(vnDay(now));
    await form.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 30_000 })
      .toContain(`Đã phê duyệt đề xuất phân công — ${AREA.name}`);

    const finalLinks = page.getByRole('group', { name: `Quyết định số ${number}` });
    // The register holds the decision a moment after the approval: the link answers once it does.
    let final: Download | undefined;
    await expect
      .poll(
        async () => {
          final = await downloaded(page, () => finalLinks.getByRole('button', { name: 'Tải PDF' }).click()).catch(
            () => undefined,
          );
          return final !== undefined;
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(true);
    const finalText = await textOf(final!);
    expect(finalText).not.toContain('DỰ THẢO');
    expect(finalText).toContain(`Số ${number}`);
    expect(finalText).toContain(name);
    const decision = await h.db.prisma.decision.findFirstOrThrow({ where: { number } });
    const stored = await readIssuedDocument(h.db, decision.id, 'pdf');
    expect(sha256Of(await readFile(await final!.path()))).toBe(stored.sha256);
    await screenshot(page, 'papers', 'inbox-approved');
    expect(errors).toEqual([]);
  }, 240_000);
});
