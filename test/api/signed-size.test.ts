/**
 * A decision's signed PDF of several megabytes over real HTTP (a streamed multipart upload) against the real Temporal
 * server, a fresh seeded database and LibreOffice: a signed copy of about 5 MB (the signer's tool appended an
 * attachment before signing, as an appearance or an annex would be) is accepted and verified under the 20 MiB limit;
 * a file over the limit is answered 413 naming the limit while /healthz keeps answering, and nothing is kept.
 */
import { randomBytes } from 'node:crypto';
import { CryptoKeySigner, PDF } from '@libpdf/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignatureStatus } from '../../contracts/signatures';
import { UPLOAD_KINDS } from '../../domain/uploads/kinds';
import { errorOf, SEEDED_USERS as USERS } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import { issueDecisionToSign } from '../support/issued-decision';
import { type Issued, makeTestCa, type TestCa } from '../support/test-ca';

const MiB = 1024 * 1024;
let suite: ApiSuite;
let decisionId: string;
let issued: Uint8Array;
let ca: TestCa;
let signer: Issued;
const rootsBefore = process.env.PAPERS_SIGNING_ROOTS;

beforeAll(async () => {
  suite = await startApiSuite();
  ca = await makeTestCa();
  process.env.PAPERS_SIGNING_ROOTS = ca.root.pem;
  ({ decisionId, issued, signer } = await issueDecisionToSign(suite, ca));
}, 180_000);

afterAll(async () => {
  if (rootsBefore === undefined) delete process.env.PAPERS_SIGNING_ROOTS;
  else process.env.PAPERS_SIGNING_ROOTS = rootsBefore;
  await suite?.close();
});

async function baseUrl(): Promise<string> {
  await suite.api.tokenOf(USERS.leader); // the client listens on first use
  const address = suite.app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server does not listen');
  return `http://127.0.0.1:${address.port}`;
}

/** The issued PDF with an attachment of `annexBytes` random bytes appended, then signed: one incremental update. */
async function signedWithAnnex(annexBytes: number): Promise<Uint8Array> {
  const document = await PDF.load(issued);
  document.attachments.add('phu-luc.bin', new Uint8Array(randomBytes(annexBytes)), {
    mimeType: 'application/octet-stream',
  });
  const key = new CryptoKeySigner(signer.keys.privateKey, signer.der, 'RSA', 'RSASSA-PKCS1-v1_5', [ca.root.der]);
  const { bytes } = await document.sign({ signer: key, reason: 'Ký ban hành' });
  return bytes;
}

async function handIn(file: Uint8Array) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)], { type: 'application/pdf' }), 'QD-1-da-ky.pdf');
  const response = await fetch(`${await baseUrl()}/decisions/${decisionId}/signed-document`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await suite.api.tokenOf(USERS.leader)}` },
    body: form,
  });
  const body = await response.text();
  return { statusCode: response.status, body, json: () => JSON.parse(body) as unknown };
}

describe("a decision's signed PDF of several megabytes", () => {
  it('over the 20 MiB limit is a 413 naming the limit, /healthz answering meanwhile, and nothing is kept', async () => {
    const limit = UPLOAD_KINDS.signedDecision.maxBytes;
    expect(limit).toBe(20 * MiB);
    const tooBig = Buffer.alloc(limit + MiB, 0x20);
    tooBig.write('%PDF-1.7\n', 0, 'latin1');
    const started = Date.now();
    const [refused, health] = await Promise.all([
      handIn(tooBig),
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const response = await fetch(`${await baseUrl()}/healthz`);
        return { status: response.status, afterMs: Date.now() - started };
      })(),
    ]);
    expect(refused.statusCode, refused.body).toBe(413);
    expect(errorOf(refused as never)).toMatchObject({
      code: 'FILE_TOO_LARGE',
      rule: 'FILE_SIZE_LIMIT',
      limitBytes: limit,
    });
    expect(errorOf(refused as never).message).toContain('20 MiB');
    expect(health.status).toBe(200);
    const status = await suite.api.call('GET', `/decisions/${decisionId}/signature`, USERS.leader);
    expect(status.json<SignatureStatus>()).toMatchObject({ signed: false });
  });

  it('of about 5 MB, under the limit, is accepted once verified and kept as handed in', async () => {
    const signed = await signedWithAnnex(5 * MiB);
    expect(signed.length).toBeGreaterThan(5 * MiB);
    expect(signed.length).toBeLessThan(UPLOAD_KINDS.signedDecision.maxBytes);
    const accepted = await handIn(signed);
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()).toMatchObject({ decisionId, signed: true, verdict: 'VERIFIED' });
    const back = await fetch(`${await baseUrl()}/decisions/${decisionId}/signed-document`, {
      headers: { authorization: `Bearer ${await suite.api.tokenOf(USERS.auditor)}` },
    });
    expect(back.status).toBe(200);
    expect(Buffer.from(await back.arrayBuffer()).equals(Buffer.from(signed))).toBe(true);
  });
});
