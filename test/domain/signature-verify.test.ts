/**
 * A signed decision verified: a test CA issues the signer's certificate, the issued PDF is signed in the test as a
 * signer's tool would (incremental PAdES), and each way a file can be wrong is refused with its own reason.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { certificatesFromPem } from '../../domain/papers/signature-roots';
import { type SignatureExpectation, verifySignedDecision } from '../../domain/papers/signature-verify';
import { onePagePdf, signPdf } from '../support/signed-pdf';
import { type Issued, makeTestCa, type TestCa } from '../support/test-ca';

const HOUR_MS = 60 * 60 * 1000;
let ca: TestCa;
let signer: Issued;
let issued: Uint8Array;
let expected: SignatureExpectation;

beforeAll(async () => {
  ca = await makeTestCa();
  signer = await ca.signer('Nguyễn Văn An');
  issued = await onePagePdf();
  expected = {
    issued,
    issuedSha256: createHash('sha256').update(issued).digest('hex'),
    roots: certificatesFromPem(ca.root.pem),
    signerName: 'Nguyễn Văn An',
    issuedAt: new Date(Date.now() - HOUR_MS),
  };
});

const reasonOf = async (file: Uint8Array, overrides: Partial<SignatureExpectation> = {}) => {
  const verdict = await verifySignedDecision(file, { ...expected, ...overrides });
  return verdict.ok ? 'ACCEPTED' : verdict.reason;
};

describe('a signed decision verified', () => {
  it('the issued PDF signed by its signer under the configured root is accepted, with the signer and time', async () => {
    const signed = await signPdf(issued, signer, [ca.root]);
    const verdict = await verifySignedDecision(signed, expected);
    expect(verdict).toMatchObject({ ok: true, signerName: 'Nguyễn Văn An' });
    if (!verdict.ok) return;
    expect(verdict.sha256).toBe(createHash('sha256').update(signed).digest('hex'));
    expect(Math.abs(verdict.signingTime.getTime() - Date.now())).toBeLessThan(HOUR_MS);
    // The name as people type it: other case, other spacing.
    expect(await reasonOf(signed, { signerName: '  nguyễn  văn AN ' })).toBe('ACCEPTED');
  });

  it('one byte changed anywhere is refused: in the issued part, in the signature, or after it', async () => {
    const signed = await signPdf(issued, signer, [ca.root]);
    const inIssued = signed.slice();
    inIssued[200] = inIssued[200]! ^ 0x01;
    expect(await reasonOf(inIssued)).toBe('SIGNATURE_INVALID');
    const atEnd = signed.slice();
    atEnd[atEnd.length - 10] = atEnd[atEnd.length - 10]! ^ 0x01;
    expect(await reasonOf(atEnd)).toBe('SIGNATURE_INVALID');
    const appended = new Uint8Array([...signed, ...Buffer.from('\n% more\n')]);
    expect(await reasonOf(appended)).toBe('SIGNATURE_NOT_COVERING_FILE');
  });

  it('signed by another person, or under a root not configured, is refused with its reason', async () => {
    const other = await ca.signer('Trần Thị Bình');
    expect(await reasonOf(await signPdf(issued, other, [ca.root]))).toBe('SIGNER_NOT_EXPECTED');
    const foreign = await makeTestCa('Foreign Root CA');
    const impostor = await foreign.signer('Nguyễn Văn An');
    expect(await reasonOf(await signPdf(issued, impostor, [foreign.root]))).toBe('CERTIFICATE_NOT_TRUSTED');
    expect(await reasonOf(await signPdf(issued, signer, [ca.root]), { roots: [] })).toBe('NO_TRUSTED_ROOT_CONFIGURED');
  });

  it('another document, a file with no signature, and a signature before the issue are refused', async () => {
    const another = await onePagePdf();
    const otherDocument = await signPdf(
      new Uint8Array([...another.subarray(0, -6), ...Buffer.from('%%EOF\n')]),
      signer,
      [ca.root],
    );
    expect(await reasonOf(otherDocument)).toBe('NOT_THE_ISSUED_DOCUMENT');
    expect(await reasonOf(issued)).toBe('NO_SIGNATURE');
    const early = await signPdf(issued, signer, [ca.root], new Date(Date.now() - 2 * HOUR_MS));
    expect(await reasonOf(early)).toBe('SIGNED_BEFORE_ISSUE');
    const future = await signPdf(issued, signer, [ca.root], new Date(Date.now() + 2 * HOUR_MS));
    expect(await reasonOf(future)).toBe('SIGNING_TIME_IN_FUTURE');
  });
});
