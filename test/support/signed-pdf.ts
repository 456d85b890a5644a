/** A PDF signed in the test as a signer's tool would: an incremental PAdES signature (@libpdf/core) over the file. */
import { CryptoKeySigner, PDF } from '@libpdf/core';
import type { Issued } from './test-ca';

export async function signPdf(
  pdf: Uint8Array,
  signer: Issued,
  chain: readonly Issued[],
  signingTime = new Date(),
): Promise<Uint8Array> {
  const document = await PDF.load(pdf);
  const key = new CryptoKeySigner(
    signer.keys.privateKey,
    signer.der,
    'RSA',
    'RSASSA-PKCS1-v1_5',
    chain.map((c) => c.der),
  );
  const { bytes } = await document.sign({ signer: key, reason: 'Ký ban hành', signingTime });
  return bytes;
}

/** A small PDF of one page, standing for an issued decision. */
export async function onePagePdf(): Promise<Uint8Array> {
  const pdf = PDF.create();
  pdf.addPage();
  return pdf.save();
}
