/**
 * The roots a signed decision's certificate must chain to, from the configuration: PAPERS_SIGNING_ROOTS holds PEM
 * text (one or more certificates) or the path of a PEM file. In Vietnam, the government cipher board's root for the
 * Party's special-purpose certificates; in the tests, a CA made in the test.
 */
import { readFileSync } from 'node:fs';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/g;

export function certificatesFromPem(pem: string): pkijs.Certificate[] {
  return [...pem.matchAll(PEM_BLOCK)].map((block) => {
    const der = new Uint8Array(Buffer.from(block[1]!.replace(/\s/g, ''), 'base64'));
    const asn1 = asn1js.fromBER(der.buffer);
    if (asn1.offset === -1) throw new Error('PAPERS_SIGNING_ROOTS holds a certificate that is not DER');
    return new pkijs.Certificate({ schema: asn1.result });
  });
}

/** The configured roots; none when the variable is unset. A value that is neither PEM nor a readable file throws. */
export function signatureRoots(env: NodeJS.ProcessEnv = process.env): pkijs.Certificate[] {
  const value = env.PAPERS_SIGNING_ROOTS?.trim();
  if (!value) return [];
  const pem = value.includes('-----BEGIN CERTIFICATE-----') ? value : readFileSync(value, 'utf8');
  const roots = certificatesFromPem(pem);
  if (roots.length === 0) throw new Error('PAPERS_SIGNING_ROOTS names no PEM certificate');
  return roots;
}
