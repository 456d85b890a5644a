/**
 * The Standing Committee's decision issued at its approval and signed, through the HTTP API on a fresh seeded database
 * with the demonstration's map and second programme, and LibreOffice: its .docx is kept (with its audit row) as soon
 * as the member approves, before anyone downloads it, and an approval whose paper cannot be made still stands (the
 * download makes it later). Its final PDF, downloaded, is signed in the test by a certificate from a test CA (the
 * configured root) naming the member who approved, and handed in as a multipart upload: refused with its reason when
 * one byte changed, when signed by another person, when by a certificate outside the root, before the PDF is issued,
 * by another member; accepted from the member (or the administrator on their behalf), kept with its hash on the audit
 * chain, the decision then "đã ký số" in the proposals' list; read by the decision's readers only, each read audited.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommuneProposal, CommuneProposalList } from '../../contracts/commune-decisions';
import type { SignatureStatus } from '../../contracts/signatures';
import { sha256Of } from '../../domain/papers/issued';
import { DECISION_SIGNED } from '../../domain/papers/signature-store';
import { addDays, dayOf } from '../../machines/calendar';
import { seedDemoMap, unitId } from '../../prisma/demo/map-2025';
import { PROGRAMME_26_ID, seedProgramme26 } from '../../prisma/demo/programme-26';
import { errorOf, SEEDED_USERS as U } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import { signPdf } from '../support/signed-pdf';
import { makeTestCa, type TestCa } from '../support/test-ca';

let suite: ApiSuite | undefined;
const s = () => suite!;
let ca: TestCa;
const STAFF = U.departmentHead;
/** Phạm Thị Thu Trang, Phó Giám đốc Sở Tài chính, whose agency's head is stc.gd. */
const PGD1 = 'agency-na-stc-stc.pgd1';
/** Hồ Đức Lương, Phó Giám đốc Sở Nông nghiệp và Môi trường, whose agency's head is snnmt.gd. */
const SNNMT_PGD2 = 'agency-na-snnmt-snnmt.pgd2';
const rootsBefore = process.env.PAPERS_SIGNING_ROOTS;
const templateBefore = process.env.PAPERS_SC_TEMPLATE;

const today = () => dayOf(Date.now());
/** Approved by btv.01, signed by btv.01. */
let first = { id: '', number: '' };
/** Approved by btv.02 while the province's template could not be filled; signed copy handed in by the administrator. */
let second = { id: '', number: '' };

async function approve(areaCode: string, memberId: string, member: string, number: string) {
  const { api } = s();
  const proposed = await api.call('POST', '/commune-proposals', STAFF, {
    programmeId: PROGRAMME_26_ID,
    areaId: unitId(areaCode),
    memberId,
    reason: 'Phân công theo dõi',
    from: addDays(today(), 1),
  });
  expect(proposed.statusCode, proposed.body).toBe(201);
  const decided = await api.call('POST', `/commune-proposals/${proposed.json<CommuneProposal>().id}/decision`, member, {
    outcome: 'APPROVE',
    decision: { number, issuedOn: today() },
  });
  expect(decided.statusCode, decided.body).toBe(200);
  return { id: decided.json<CommuneProposal>().decision!.id, number };
}

beforeAll(async () => {
  suite = await startApiSuite();
  ca = await makeTestCa();
  process.env.PAPERS_SIGNING_ROOTS = ca.root.pem;
  const prisma = s().h.db.prisma;
  await seedDemoMap(prisma);
  expect(await seedProgramme26(prisma)).toMatchObject({ agencies: 3 });
  first = await approve('16690', PGD1, 'btv.01', '5-QĐ/TU');
  // A province's template that cannot be read: the approval stands, its paper is left to the first download.
  process.env.PAPERS_SC_TEMPLATE = '/nonexistent/commune-decision.docx';
  try {
    second = await approve('16681', SNNMT_PGD2, 'btv.02', '6-QĐ/TU');
  } finally {
    if (templateBefore === undefined) delete process.env.PAPERS_SC_TEMPLATE;
    else process.env.PAPERS_SC_TEMPLATE = templateBefore;
  }
}, 120_000);

afterAll(async () => {
  if (rootsBefore === undefined) delete process.env.PAPERS_SIGNING_ROOTS;
  else process.env.PAPERS_SIGNING_ROOTS = rootsBefore;
  await suite?.close();
});

async function download(url: string, username: string) {
  const token = await s().api.tokenOf(username);
  return s().app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
}

async function handIn(decisionId: string, file: Uint8Array, username: string) {
  const boundary = `----dia-ban-${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="QD-TU-signed.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    Buffer.from(file),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const token = await s().api.tokenOf(username);
  return s().app.inject({
    method: 'POST',
    url: `/commune-decisions/${decisionId}/signed-document`,
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

const reasonOf = (response: { statusCode: number; body: string; json(): unknown }) => {
  expect(response.statusCode, response.body).toBe(422);
  const error = errorOf(response as never);
  expect(error.code).toBe('SIGNATURE_REFUSED');
  return error.reason;
};

const documents = (decisionId: string) =>
  s().h.db.prisma.standingCommitteeDecisionDocument.findMany({ where: { decisionId }, orderBy: { format: 'asc' } });
const issuedRows = (decisionId: string) =>
  s().h.db.prisma.auditEvent.findMany({
    where: { action: 'DECISION_DOCUMENT_ISSUED', entityType: 'StandingCommitteeDecision', entityId: decisionId },
  });
const reads = (decisionId: string) =>
  s().h.db.prisma.auditEvent.count({
    where: { action: 'CONFIDENTIAL_READ', entityType: 'StandingCommitteeDecision', entityId: decisionId },
  });
const signerNameOf = async (username: string) =>
  (await s().h.db.prisma.user.findUniqueOrThrow({ where: { username } })).displayName;

/** The decision's `signature` as the proposals' list shows it. */
async function listedSignature(decisionId: string, username: string) {
  const list = await s().api.call('GET', '/commune-proposals?status=APPROVED', username);
  expect(list.statusCode, list.body).toBe(200);
  const decision = list.json<CommuneProposalList>().items.find((p) => p.decision?.id === decisionId)?.decision;
  expect(decision, decisionId).toBeDefined();
  return decision!.signature;
}

describe("the Standing Committee's decision as issued", () => {
  it('has its .docx kept with its audit row right after the approval, before any download', async () => {
    const rows = await documents(first.id);
    expect(rows.map((r) => r.format)).toEqual(['DOCX']);
    expect(rows[0]!.sha256).toBe(sha256Of(rows[0]!.bytes));
    expect((await issuedRows(first.id)).map((r) => r.payload)).toEqual([
      expect.objectContaining({ decisionId: first.id, format: 'docx', sha256: rows[0]!.sha256 }),
    ]);
    expect(await reads(first.id)).toBe(0);
    // The first download answers the document kept at the approval.
    const response = await download(`/commune-decisions/${first.id}/document.docx`, 'btv.02');
    expect(response.statusCode, response.body).toBe(200);
    expect(sha256Of(response.rawPayload)).toBe(rows[0]!.sha256);
    expect(await issuedRows(first.id)).toHaveLength(1);
  });

  it('stands approved when its paper cannot be made then, and the first download makes it', async () => {
    const proposal = await s().h.db.prisma.communeLinkProposal.findFirstOrThrow({ where: { decisionId: second.id } });
    expect(proposal.status).toBe('APPROVED');
    expect(await documents(second.id)).toEqual([]);
    expect(await issuedRows(second.id)).toEqual([]);
    const response = await download(`/commune-decisions/${second.id}/document.docx`, U.auditor);
    expect(response.statusCode, response.body).toBe(200);
    expect((await documents(second.id)).map((r) => [r.format, r.sha256])).toEqual([
      ['DOCX', sha256Of(response.rawPayload)],
    ]);
  });
});

describe("the Standing Committee's decision as signed", () => {
  let issued: Uint8Array;

  it('is refused before its PDF is issued, then when one byte changed, signed by another, outside the root, or handed in by another member', async () => {
    const signerName = await signerNameOf('btv.01');
    const signer = await ca.signer(signerName);
    const early = await handIn(first.id, new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]), 'btv.01');
    expect(early.statusCode, early.body).toBe(409);
    expect(errorOf(early).code).toBe('FINAL_PDF_NOT_ISSUED');

    const pdf = await download(`/commune-decisions/${first.id}/document.pdf`, 'btv.01');
    expect(pdf.statusCode, pdf.body).toBe(200);
    issued = new Uint8Array(pdf.rawPayload);

    const signed = await signPdf(issued, signer, [ca.root]);
    const changed = signed.slice();
    changed[Math.floor(issued.length / 2)] = changed[Math.floor(issued.length / 2)]! ^ 0x01;
    expect(reasonOf(await handIn(first.id, changed, 'btv.01'))).toBe('SIGNATURE_INVALID');
    const other = await ca.signer(await signerNameOf('btv.02'));
    expect(reasonOf(await handIn(first.id, await signPdf(issued, other, [ca.root]), 'btv.01'))).toBe(
      'SIGNER_NOT_EXPECTED',
    );
    const foreign = await makeTestCa('Foreign Root CA');
    const impostor = await foreign.signer(signerName);
    expect(reasonOf(await handIn(first.id, await signPdf(issued, impostor, [foreign.root]), 'btv.01'))).toBe(
      'CERTIFICATE_NOT_TRUSTED',
    );
    expect(reasonOf(await handIn(first.id, issued, 'btv.01'))).toBe('NO_SIGNATURE');

    const notSigner = await handIn(first.id, signed, 'btv.02');
    expect(notSigner.statusCode, notSigner.body).toBe(403);
    expect(errorOf(notSigner).reason).toBe('NOT_THE_SIGNER');
    // A role the upload does not admit: Board staff.
    expect((await handIn(first.id, signed, STAFF)).statusCode).toBe(403);

    const mayHandIn = async (username: string) => {
      const status = await s().api.call('GET', `/commune-decisions/${first.id}/signature`, username);
      expect(status.statusCode, `${username}: ${status.body}`).toBe(200);
      return status.json<SignatureStatus>();
    };
    expect(await mayHandIn('btv.01')).toMatchObject({ signed: false, verdict: null, mayHandIn: true });
    expect((await mayHandIn(U.admin)).mayHandIn).toBe(true);
    expect((await mayHandIn('btv.02')).mayHandIn).toBe(false);
    expect((await mayHandIn(U.auditor)).mayHandIn).toBe(false);
    expect((await mayHandIn('stc.pgd1')).mayHandIn).toBe(false);
    // Another agency's head: their role calls the route, the decision is not theirs to read.
    expect((await s().api.call('GET', `/commune-decisions/${first.id}/signature`, 'snnmt.gd')).statusCode).toBe(403);
    expect(await listedSignature(first.id, U.auditor)).toBeNull();
    expect((await download(`/commune-decisions/${first.id}/signed-document`, 'btv.01')).statusCode).toBe(404);
    expect(await s().h.db.prisma.auditEvent.count({ where: { action: DECISION_SIGNED, entityId: first.id } })).toBe(0);
  }, 120_000);

  it('signed by the member who approved, under the root, is accepted, kept on the audit chain, listed "đã ký số", read by its readers', async () => {
    const signerName = await signerNameOf('btv.01');
    const signed = await signPdf(issued, await ca.signer(signerName), [ca.root]);
    const sha256 = createHash('sha256').update(signed).digest('hex');
    const accepted = await handIn(first.id, signed, 'btv.01');
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.headers.location).toBe(`/commune-decisions/${first.id}/signed-document`);
    expect(accepted.json<SignatureStatus>()).toMatchObject({ decisionId: first.id, signed: true, sha256, signerName });

    const rows = await s().h.db.prisma.auditEvent.findMany({
      where: { action: DECISION_SIGNED, entityType: 'StandingCommitteeDecision', entityId: first.id },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.decisionNumber).toBe(first.number);
    expect(rows[0]!.payload).toMatchObject({ sha256, issuedSha256: sha256Of(issued), signerName });

    expect(await listedSignature(first.id, U.auditor)).toEqual({
      signerName,
      verdict: 'VERIFIED',
      signingTime: expect.any(String),
      certificateSerial: expect.any(String),
      uploadedAt: expect.any(String),
    });

    // Read by the decision's readers (the auditor, the leader it names, her agency's head), each read audited.
    const before = await reads(first.id);
    for (const username of [U.auditor, 'stc.pgd1', 'stc.gd']) {
      const back = await download(`/commune-decisions/${first.id}/signed-document`, username);
      expect(back.statusCode, `${username}: ${back.body}`).toBe(200);
      expect(back.headers['content-type']).toBe('application/pdf');
      expect(back.headers['x-content-sha256']).toBe(sha256);
      expect(sha256Of(back.rawPayload)).toBe(sha256);
    }
    expect(await reads(first.id)).toBe(before + 3);
    // Not by another agency's head, nor a role outside its readers (an official, the administrator): unaudited.
    for (const username of ['snnmt.gd', U.official, U.admin]) {
      const refused = await download(`/commune-decisions/${first.id}/signed-document`, username);
      expect(refused.statusCode, `${username}: ${refused.body}`).toBe(403);
    }
    expect(await reads(first.id)).toBe(before + 3);

    // The same file again answers the same; another signed copy after it is refused.
    expect((await handIn(first.id, signed, 'btv.01')).statusCode).toBe(201);
    const again = await handIn(
      first.id,
      await signPdf(issued, await ca.signer(signerName), [ca.root], new Date(Date.now() + 1000)),
      'btv.01',
    );
    expect(again.statusCode, again.body).toBe(409);
    expect(errorOf(again).code).toBe('ALREADY_SIGNED');
    expect(await s().h.db.prisma.auditEvent.count({ where: { action: DECISION_SIGNED, entityId: first.id } })).toBe(1);
  }, 60_000);

  it('is handed in by the administrator on behalf of the member who approved', async () => {
    const pdf = await download(`/commune-decisions/${second.id}/document.pdf`, 'btv.02');
    expect(pdf.statusCode, pdf.body).toBe(200);
    const signerName = await signerNameOf('btv.02');
    const signed = await signPdf(new Uint8Array(pdf.rawPayload), await ca.signer(signerName), [ca.root]);
    const accepted = await handIn(second.id, signed, U.admin);
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json<SignatureStatus>()).toMatchObject({ signed: true, signerName, mayHandIn: false });
    expect(await listedSignature(second.id, 'btv.01')).toMatchObject({ signerName, verdict: 'VERIFIED' });
  }, 120_000);

  it('is described in the OpenAPI document with its roles', async () => {
    const document = (await s().app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const upload = document.paths['/commune-decisions/{id}/signed-document'].post;
    expect(upload.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({
      type: 'string',
      format: 'binary',
    });
    expect(upload['x-roles']).toEqual(['STANDING_COMMITTEE_MEMBER', 'ADMINISTRATOR']);
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(['201', '403', '409', '422']));
    expect(document.paths['/commune-decisions/{id}/signed-document'].get).toBeDefined();
    expect(document.paths['/commune-decisions/{id}/signature'].get['x-roles']).toContain('ADMINISTRATOR');
  });
});
