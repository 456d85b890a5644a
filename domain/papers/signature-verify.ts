/**
 * Verifies a decision's PDF as its signer signed it (PAdES / CMS, detached): the signature's /ByteRange covers the
 * whole file but the signature itself; the CMS signature is valid over those bytes; the file begins with exactly the
 * final PDF we issued (its SHA-256 is the stored one); the signer's certificate chains to a configured root at the
 * signing time and names the expected signer; it was signed after the decision was issued and not in the future.
 * Pure apart from the cryptography: the caller brings the bytes, the issued document, the roots and the facts.
 * Each failure is a distinct reason the API names (422 SIGNATURE_REFUSED with `reason`).
 */
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export const SIGNATURE_REFUSALS = {
  NO_SIGNATURE: 'The file carries no PDF signature (/ByteRange and /Contents)',
  SIGNATURE_NOT_COVERING_FILE: "The signature's /ByteRange does not cover the whole file but the signature itself",
  SIGNATURE_MALFORMED: "The signature's /Contents is not a CMS SignedData",
  SIGNATURE_INVALID: 'The signature does not verify over the bytes it covers: the file was changed after signing',
  NOT_THE_ISSUED_DOCUMENT: 'The signed file does not begin with exactly the final PDF issued for this decision',
  NO_TRUSTED_ROOT_CONFIGURED: 'No trusted signing root is configured (PAPERS_SIGNING_ROOTS)',
  CERTIFICATE_NOT_TRUSTED: "The signer's certificate does not chain to a configured root, or was not valid then",
  SIGNER_NOT_EXPECTED: "The signer's certificate does not name the decision's signer",
  SIGNING_TIME_MISSING: 'The signature carries no signing time among its signed attributes',
  SIGNED_BEFORE_ISSUE: 'The signing time is before the decision was issued',
  SIGNING_TIME_IN_FUTURE: 'The signing time is in the future',
} as const;
export type SignatureRefusal = keyof typeof SIGNATURE_REFUSALS;

export interface VerifiedSignature {
  ok: true;
  /** The subject CN of the signer's certificate. */
  signerName: string;
  signingTime: Date;
  /** Lower-case hex of the whole signed file. */
  sha256: string;
  certificateSerial: string;
}
export type SignatureVerdict = VerifiedSignature | { ok: false; reason: SignatureRefusal; message: string };

export interface SignatureExpectation {
  /** The final PDF as issued and stored; the signed file must begin with exactly these bytes. */
  issued: Uint8Array;
  /** Its SHA-256 as stored beside it (lower-case hex). */
  issuedSha256: string;
  /** Trusted roots, DER or pkijs certificates (./signing-roots.ts reads them from the configuration). */
  roots: readonly pkijs.Certificate[];
  /** The decision's signer's full name, as on the certificate's subject CN. */
  signerName: string;
  /** When the decision was issued: a signing time before it is refused. */
  issuedAt: Date;
  now?: Date;
}

/** Our own engine over node's WebCrypto: a library may set pkijs's global one to its own (@libpdf/core does). */
const ENGINE = new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto: webcrypto as unknown as Crypto });

const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
const OID_COMMON_NAME = '2.5.4.3';
/** A signer's clock may run a little apart from ours. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

const refuse = (reason: SignatureRefusal): SignatureVerdict => ({
  ok: false,
  reason,
  message: SIGNATURE_REFUSALS[reason],
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A name as people write it: NFC, single spaces, no case. */
const sameName = (a: string, b: string) => {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
  return norm(a) === norm(b);
};

interface SignatureField {
  byteRange: [number, number, number, number];
  contents: Uint8Array;
}

/** The last signature dictionary's /ByteRange and its /Contents where the range's gap says. */
function lastSignature(file: Uint8Array): SignatureField | undefined {
  const text = Buffer.from(file.buffer, file.byteOffset, file.byteLength).toString('latin1');
  const matches = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const last = matches.at(-1);
  if (!last) return undefined;
  const byteRange = [1, 2, 3, 4].map((i) => Number(last[i])) as SignatureField['byteRange'];
  const [, gapStart, gapEnd] = byteRange;
  const gap = gapEnd > gapStart && gapEnd <= text.length ? text.slice(gapStart, gapEnd) : '';
  const hex = /^<([0-9A-Fa-f\s]*)>$/.exec(gap)?.[1]?.replace(/\s/g, '') ?? '';
  return { byteRange, contents: new Uint8Array(Buffer.from(hex.length % 2 ? '' : hex, 'hex')) };
}

function commonName(certificate: pkijs.Certificate): string | undefined {
  const value = certificate.subject.typesAndValues.find((t) => t.type === OID_COMMON_NAME)?.value;
  return value ? String(value.valueBlock.value) : undefined;
}

function signingTimeOf(signerInfo: pkijs.SignerInfo): Date | undefined {
  const attribute = signerInfo.signedAttrs?.attributes.find((a) => a.type === OID_SIGNING_TIME);
  const value = attribute?.values[0] as { toDate?: () => Date } | undefined;
  return value?.toDate?.();
}

function signedDataOf(contents: Uint8Array): pkijs.SignedData | undefined {
  try {
    const asn1 = asn1js.fromBER(contents.slice().buffer);
    if (asn1.offset === -1) return undefined;
    const info = new pkijs.ContentInfo({ schema: asn1.result });
    if (info.contentType !== pkijs.ContentInfo.SIGNED_DATA) return undefined;
    const signed = new pkijs.SignedData({ schema: info.content });
    return signed.signerInfos.length === 1 ? signed : undefined;
  } catch {
    return undefined;
  }
}

export async function verifySignedDecision(
  file: Uint8Array,
  expected: SignatureExpectation,
): Promise<SignatureVerdict> {
  const field = lastSignature(file);
  if (!field) return refuse('NO_SIGNATURE');
  const [start, firstLength, secondStart, secondLength] = field.byteRange;
  if (start !== 0 || secondStart <= firstLength || secondStart + secondLength !== file.length || !field.contents.length)
    return refuse('SIGNATURE_NOT_COVERING_FILE');

  const signed = signedDataOf(field.contents);
  if (!signed) return refuse('SIGNATURE_MALFORMED');
  const covered = Buffer.concat([file.subarray(0, firstLength), file.subarray(secondStart)]);
  let signerCertificate: pkijs.Certificate | undefined;
  try {
    const result = await signed.verify({ signer: 0, data: new Uint8Array(covered).buffer, extendedMode: true }, ENGINE);
    if (!result.signatureVerified) return refuse('SIGNATURE_INVALID');
    signerCertificate = result.signerCertificate ?? undefined;
  } catch (error) {
    const { signatureVerified } = error as { signatureVerified?: boolean | null };
    return refuse(signatureVerified === undefined ? 'SIGNATURE_MALFORMED' : 'SIGNATURE_INVALID');
  }
  if (!signerCertificate) return refuse('SIGNATURE_MALFORMED');

  const { issued } = expected;
  if (
    sha256(issued) !== expected.issuedSha256.toLowerCase() ||
    issued.length > firstLength ||
    !Buffer.from(file.subarray(0, issued.length)).equals(Buffer.from(issued))
  )
    return refuse('NOT_THE_ISSUED_DOCUMENT');

  const signingTime = signingTimeOf(signed.signerInfos[0]!);
  if (!signingTime || Number.isNaN(signingTime.getTime())) return refuse('SIGNING_TIME_MISSING');

  if (expected.roots.length === 0) return refuse('NO_TRUSTED_ROOT_CONFIGURED');
  try {
    const chain = new pkijs.CertificateChainValidationEngine({
      trustedCerts: [...expected.roots],
      certs: [...(signed.certificates ?? []).filter((c) => c instanceof pkijs.Certificate), signerCertificate],
      checkDate: signingTime,
    });
    const verdict = await chain.verify({}, ENGINE);
    const path = verdict.certificatePath ?? [];
    if (
      !verdict.result ||
      !path.length ||
      (path[0] !== signerCertificate && !sameCertificate(path[0]!, signerCertificate))
    )
      return refuse('CERTIFICATE_NOT_TRUSTED');
  } catch {
    return refuse('CERTIFICATE_NOT_TRUSTED');
  }

  const name = commonName(signerCertificate);
  if (!name || !sameName(name, expected.signerName)) return refuse('SIGNER_NOT_EXPECTED');
  if (signingTime.getTime() < expected.issuedAt.getTime() - CLOCK_SKEW_MS) return refuse('SIGNED_BEFORE_ISSUE');
  if (signingTime.getTime() > (expected.now ?? new Date()).getTime() + CLOCK_SKEW_MS)
    return refuse('SIGNING_TIME_IN_FUTURE');

  return {
    ok: true,
    signerName: name,
    signingTime,
    sha256: sha256(file),
    certificateSerial: Buffer.from(signerCertificate.serialNumber.valueBlock.valueHexView).toString('hex'),
  };
}

function sameCertificate(a: pkijs.Certificate, b: pkijs.Certificate): boolean {
  return Buffer.from(a.toSchema().toBER(false)).equals(Buffer.from(b.toSchema().toBER(false)));
}
