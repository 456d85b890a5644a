/**
 * A decision's signed PDF over real HTTP against the real Temporal server, a fresh seeded database and LibreOffice:
 * the final PDF issued at the decision is downloaded, signed in the test by the signer's certificate from a test CA
 * (the configured root), and handed in as a multipart upload. Accepted once verified, kept with its hash on the audit
 * chain, the decision then "đã ký số"; refused with its reason when one byte changed, when signed by another person,
 * when by a certificate outside the root; handed in only by the signer or the administrator.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignatureStatus } from '../../contracts/signatures';
import { DECISION_SIGNED } from '../../domain/papers/signature-store';
import { errorOf, SEEDED_USERS as USERS } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import { signPdf } from '../support/signed-pdf';
import { issueDecisionToSign, SIGNING_REGISTER as REGISTER } from '../support/issued-decision';
import { type Issued, makeTestCa, type TestCa } from '../support/test-ca';

let suite: ApiSuite;
let decisionId: string;
let assignmentId: string;
let issued: Uint8Array;
let ca: TestCa;
let signer: Issued;
let signerName: string;
const rootsBefore = process.env.PAPERS_SIGNING_ROOTS;

beforeAll(async () => {
  suite = await startApiSuite();
  ca = await makeTestCa();
  process.env.PAPERS_SIGNING_ROOTS = ca.root.pem;
  ({ decisionId, assignmentId, issued, signerName, signer } = await issueDecisionToSign(suite, ca));
}, 180_000);

afterAll(async () => {
  if (rootsBefore === undefined) delete process.env.PAPERS_SIGNING_ROOTS;
  else process.env.PAPERS_SIGNING_ROOTS = rootsBefore;
  await suite?.close();
});

async function download(url: string, username: string) {
  const token = await suite.api.tokenOf(username);
  return suite.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
}

async function handIn(file: Uint8Array, username: string = USERS.leader, type = 'application/pdf') {
  const boundary = `----dia-ban-${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="QD-1-signed.pdf"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    Buffer.from(file),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const token = await suite.api.tokenOf(username);
  return suite.app.inject({
    method: 'POST',
    url: `/decisions/${decisionId}/signed-document`,
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

/** The decision's signature as the register (GET /decisions) and the assignments' list (GET /assignments) show it. */
async function listedSignature(username: string) {
  const register = await suite.api.call('GET', `/decisions?register=${encodeURIComponent(REGISTER)}`, username);
  expect(register.statusCode, register.body).toBe(200);
  const entry = register.json<{ items: { id: string; signature: unknown }[] }>().items.find((d) => d.id === decisionId);
  const list = await suite.api.call('GET', '/assignments?officialId=official-cb-016&limit=100', username);
  expect(list.statusCode, list.body).toBe(200);
  const listed = list
    .json<{ items: { id: string; decision: { id: string; signature: unknown } | null }[] }>()
    .items.find((a) => a.id === assignmentId);
  expect(listed?.decision?.id).toBe(decisionId);
  return { register: entry?.signature, assignments: listed?.decision?.signature };
}

const reasonOf = (response: { statusCode: number; json(): unknown }) => {
  expect(response.statusCode).toBe(422);
  const error = errorOf(response as never);
  expect(error.code).toBe('SIGNATURE_REFUSED');
  return error.reason;
};

describe("a decision's signed PDF", () => {
  it('is refused when one byte changed, when signed by another person, when by a certificate outside the root', async () => {
    const signed = await signPdf(issued, signer, [ca.root]);
    const changed = signed.slice();
    changed[Math.floor(issued.length / 2)] = changed[Math.floor(issued.length / 2)]! ^ 0x01;
    expect(reasonOf(await handIn(changed))).toBe('SIGNATURE_INVALID');

    const other = await ca.signer('Trần Thị Bình');
    expect(reasonOf(await handIn(await signPdf(issued, other, [ca.root])))).toBe('SIGNER_NOT_EXPECTED');

    const foreign = await makeTestCa('Foreign Root CA');
    const impostor = await foreign.signer(signerName);
    expect(reasonOf(await handIn(await signPdf(issued, impostor, [foreign.root])))).toBe('CERTIFICATE_NOT_TRUSTED');

    expect(reasonOf(await handIn(issued))).toBe('NO_SIGNATURE');
    const html = await handIn(Buffer.from('<html><script>alert(1)</script></html>'));
    expect(html.statusCode).toBe(415);
    const notSigner = await handIn(signed, USERS.head);
    expect(notSigner.statusCode).toBe(403);
    expect(errorOf(notSigner).reason).toBe('NOT_THE_SIGNER');

    const status = await suite.api.call('GET', `/decisions/${decisionId}/signature`, USERS.leader);
    expect(status.json<SignatureStatus>()).toMatchObject({ signed: false, verdict: null, mayHandIn: true });
    // The form is offered to whom the rule lets hand it in: the signer and the administrator, not the Head nor the auditor.
    const mayHandIn = async (username: string) =>
      (await suite.api.call('GET', `/decisions/${decisionId}/signature`, username)).json<SignatureStatus>().mayHandIn;
    expect(await mayHandIn(USERS.admin)).toBe(true);
    expect(await mayHandIn(USERS.head)).toBe(false);
    expect(await mayHandIn(USERS.auditor)).toBe(false);
    expect(await listedSignature(USERS.auditor)).toEqual({ register: null, assignments: null });
    expect((await download(`/decisions/${decisionId}/signed-document`, USERS.leader)).statusCode).toBe(404);
  });

  it('signed by its signer under the root, is accepted, kept with its hash on the audit chain, and shows "đã ký số"', async () => {
    const signed = await signPdf(issued, signer, [ca.root]);
    const sha256 = createHash('sha256').update(signed).digest('hex');
    const accepted = await handIn(signed);
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json<SignatureStatus>()).toMatchObject({ decisionId, signed: true, sha256 });

    const status = await suite.api.call('GET', `/decisions/${decisionId}/signature`, USERS.auditor);
    expect(status.json<SignatureStatus>()).toMatchObject({ signed: true, sha256, signerName: expect.any(String) });

    const back = await download(`/decisions/${decisionId}/signed-document`, USERS.leader);
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(back.headers['x-content-type-options']).toBe('nosniff');
    expect(String(back.headers['content-disposition'])).toMatch(/^attachment;/);
    expect(createHash('sha256').update(back.rawPayload).digest('hex')).toBe(sha256);

    const rows = await suite.h.db.prisma.auditEvent.findMany({
      where: { action: DECISION_SIGNED, entityType: 'Decision', entityId: decisionId },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toMatchObject({ sha256, issuedSha256: createHash('sha256').update(issued).digest('hex') });

    // Where the decision is listed, it shows "Đã ký số": the signer the certificate names and the verdict.
    const shown = {
      signerName,
      verdict: 'VERIFIED',
      signingTime: expect.any(String),
      certificateSerial: expect.any(String),
    };
    expect(await listedSignature(USERS.auditor)).toEqual({
      register: expect.objectContaining(shown),
      assignments: expect.objectContaining(shown),
    });
    expect(await listedSignature(USERS.leader)).toMatchObject({ register: shown });
    expect((await suite.api.call('GET', `/decisions/${decisionId}/signature`, USERS.admin)).json()).toMatchObject({
      signed: true,
      verdict: 'VERIFIED',
      mayHandIn: false,
    });

    // The same file again answers the same; another signed copy after it is refused.
    expect((await handIn(signed)).statusCode).toBe(201);
    const again = await handIn(await signPdf(issued, signer, [ca.root], new Date(Date.now() + 1000)));
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('ALREADY_SIGNED');
    expect(await suite.h.db.prisma.auditEvent.count({ where: { action: DECISION_SIGNED, entityId: decisionId } })).toBe(
      1,
    );
  });

  it('is described in the OpenAPI document as multipart/form-data with a binary file, with its roles', async () => {
    const document = (await suite.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operation = document.paths['/decisions/{id}/signed-document'].post;
    const form = operation.requestBody.content['multipart/form-data'].schema;
    expect(form.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(form.properties.file.description).toContain('20 MiB');
    expect(operation['x-roles']).toEqual(['BOARD_LEADER', 'HEAD_OF_BOARD', 'ADMINISTRATOR']);
    expect(Object.keys(operation.responses)).toEqual(
      expect.arrayContaining(['201', '403', '409', '413', '415', '422']),
    );
  });
});
