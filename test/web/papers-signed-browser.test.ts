/**
 * A decision's signed copy in headless Chromium against the real API: the decision is approved and its final PDF
 * issued, the signer signs that PDF (in the test, with a certificate of a test CA configured as the root). On the
 * assignment's page the Head of the Board, who is not its signer, sees it unsigned and no form; the signer sees the
 * form, uploads the signed PDF and sees "Đã ký số" with the verification's verdict; the inbox's latest decisions and
 * the auditor's search show it "Đã ký số" from the lists' own answers. Screenshots:
 * test-artifacts/screenshots/signed-assignment.png, signed-inbox.png, signed-audit.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIssuedDocument } from '../../domain/papers/issued';
import { dayOf } from '../../machines/calendar';
import { type BrowserSuite, logIn, newContext, screenshot, startBrowserSuite, watchErrors } from '../support/browser';
import { signPdf } from '../support/signed-pdf';
import { makeTestCa } from '../support/test-ca';

const AREA = 'area-na-hoangmai';
const OFFICIAL = 'official-cb-022';
const SIGNER = 'official-ld-02';
const REGISTER = 'QĐ/BTCTU';
const rootsBefore = process.env.PAPERS_SIGNING_ROOTS;
let suite: BrowserSuite | undefined;

beforeAll(async () => {
  suite = await startBrowserSuite();
}, 180_000);

afterAll(async () => {
  if (rootsBefore === undefined) delete process.env.PAPERS_SIGNING_ROOTS;
  else process.env.PAPERS_SIGNING_ROOTS = rootsBefore;
  await suite?.close();
});

describe('the signed decision in the browser', () => {
  it('the signer, not the Head, sees the upload form; uploads the signed PDF and sees "Đã ký số" on the assignment page, the inbox and the auditor\'s search', async () => {
    const { browser, web, h } = suite!;
    const ca = await makeTestCa();
    process.env.PAPERS_SIGNING_ROOTS = ca.root.pem;
    const today = dayOf(await h.env.currentTimeMs());
    const page = await (await newContext(browser, web.baseUrl)).newPage();
    const errors = watchErrors(page);

    // Proposed and approved over the API, as the inbox would.
    const tokenOf = async (username: string) => {
      const login = await page.request.post('/auth/login', { data: { username, password: `DiaBan@${username}` } });
      return ((await login.json()) as { token: string }).token;
    };
    const proposer = await tokenOf('ld04');
    const proposed = await page.request.post('/assignments', {
      headers: { authorization: `Bearer ${proposer}` },
      data: { areaId: AREA, officialId: OFFICIAL, effectiveFrom: today, reason: 'Phân công theo dõi địa bàn' },
    });
    expect(proposed.status(), await proposed.text()).toBe(201);
    const assignmentId = ((await proposed.json()) as { assignmentId: string }).assignmentId;
    const approved = await page.request.post(`/assignments/${assignmentId}/approve`, {
      headers: { authorization: `Bearer ${await tokenOf('ld02')}` },
      data: { decision: { number: `1-${REGISTER}`, issuedOn: today, signerId: SIGNER, summary: 'Phân công' } },
    });
    expect(approved.status(), await approved.text()).toBe(200);
    const { decisionId } = await h.db.prisma.assignment.findUniqueOrThrow({ where: { id: assignmentId } });
    const issued = await readIssuedDocument(h.db, decisionId!, 'pdf');
    const signerName = (await h.db.prisma.official.findUniqueOrThrow({ where: { id: SIGNER } })).fullName;
    const signed = await signPdf(issued.bytes, await ca.signer(signerName), [ca.root]);

    // The Head of the Board reads the decision but is not its signer: no form (the API's mayHandIn).
    const head = await (await newContext(browser, web.baseUrl)).newPage();
    await logIn(head, 'ld01');
    await head.goto(`/app/assignments/${encodeURIComponent(assignmentId)}`);
    await expect
      .poll(() => head.getByTestId('decision-signature').textContent(), { timeout: 30_000 })
      .toContain('Chưa có bản ký số');
    expect(await head.getByRole('form', { name: 'Tải lên bản đã ký số' }).count()).toBe(0);
    await head.context().close();

    await logIn(page, 'ld02');
    await page.goto(`/app/assignments/${encodeURIComponent(assignmentId)}`);
    const form = page.getByRole('form', { name: 'Tải lên bản đã ký số' });
    await form.getByLabel('Bản PDF đã ký số').setInputFiles({
      name: 'QD-1-da-ky.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(signed),
    });
    await form.getByRole('button', { name: 'Tải lên bản đã ký số' }).click();
    await expect
      .poll(() => page.getByTestId('decision-signed').textContent(), { timeout: 30_000 })
      .toContain('Đã ký số');
    expect(await page.getByTestId('decision-signed').textContent()).toContain('chữ ký đã được xác minh');
    expect(await page.getByTestId('decision-signed').textContent()).toContain(signerName);
    await screenshot(page, 'signed', 'assignment');

    // The inbox's latest decisions, from GET /decisions and its `signature`.
    await page.goto('/app/inbox');
    const listed = page.getByTestId('recent-decisions').locator(`li[data-decision="1-${REGISTER}"]`);
    await expect.poll(() => listed.textContent(), { timeout: 30_000 }).toContain('Đã ký số');
    expect(await listed.textContent()).toContain('chữ ký đã được xác minh');
    await screenshot(page, 'signed', 'inbox');
    expect(errors).toEqual([]);

    // The auditor's search, from GET /assignments and its decision's `signature`.
    const auditor = await (await newContext(browser, web.baseUrl)).newPage();
    const auditorErrors = watchErrors(auditor);
    await logIn(auditor, 'cb014');
    const official = (await h.db.prisma.official.findUniqueOrThrow({ where: { id: OFFICIAL } })).fullName;
    await auditor.goto(`/app/audit?q=${encodeURIComponent(official)}`);
    const row = auditor.getByRole('row', { name: new RegExp(`1-${REGISTER}`) });
    await expect.poll(() => row.first().textContent(), { timeout: 30_000 }).toContain('Đã ký số');
    await screenshot(auditor, 'signed', 'audit');
    expect(auditorErrors).toEqual([]);
  });
});
