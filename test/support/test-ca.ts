/**
 * A certificate authority made in the test: a root, and signers' certificates it issues (RSA 2048, SHA-256), with
 * their keys, as PEM and DER. pkijs over node's WebCrypto: no fixture key lives in the repository.
 */
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const crypto = webcrypto as unknown as Crypto;
pkijs.setEngine('node-webcrypto', new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto }));

const ALGORITHM = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
} as const;
const DAY_MS = 24 * 60 * 60 * 1000;
const OID = { commonName: '2.5.4.3', organization: '2.5.4.10', basicConstraints: '2.5.29.19', keyUsage: '2.5.29.15' };

export interface Issued {
  certificate: pkijs.Certificate;
  der: Uint8Array;
  pem: string;
  keys: CryptoKeyPair;
}

function name(commonName: string, organization: string): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({ type: OID.commonName, value: new asn1js.Utf8String({ value: commonName }) }),
      new pkijs.AttributeTypeAndValue({
        type: OID.organization,
        value: new asn1js.Utf8String({ value: organization }),
      }),
    ],
  });
}

let serial = 1;

async function issue(
  subject: { commonName: string; organization: string },
  issuer: Issued | undefined,
  isCa: boolean,
): Promise<Issued> {
  const keys = (await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ value: (Date.now() % 1_000_000_000) + serial++ });
  certificate.subject = name(subject.commonName, subject.organization);
  certificate.issuer = issuer ? issuer.certificate.subject : certificate.subject;
  certificate.notBefore.value = new Date(Date.now() - 30 * DAY_MS);
  certificate.notAfter.value = new Date(Date.now() + 365 * DAY_MS);
  const usage = new Uint8Array([isCa ? 0x06 : 0xc0]); // keyCertSign|cRLSign, or digitalSignature|nonRepudiation
  certificate.extensions = [
    new pkijs.Extension({
      extnID: OID.basicConstraints,
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: isCa }).toSchema().toBER(false),
      parsedValue: new pkijs.BasicConstraints({ cA: isCa }),
    }),
    new pkijs.Extension({
      extnID: OID.keyUsage,
      critical: true,
      extnValue: new asn1js.BitString({ valueHex: usage, unusedBits: 1 }).toBER(false),
    }),
  ];
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  await certificate.sign(issuer ? issuer.keys.privateKey : keys.privateKey, 'SHA-256');
  const der = new Uint8Array(certificate.toSchema(true).toBER(false));
  const pem = `-----BEGIN CERTIFICATE-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trim()}\n-----END CERTIFICATE-----\n`;
  return { certificate, der, pem, keys };
}

export interface TestCa {
  root: Issued;
  signer(commonName: string): Promise<Issued>;
}

export async function makeTestCa(commonName = 'Test Root CA', organization = 'Dia ban tests'): Promise<TestCa> {
  const root = await issue({ commonName, organization }, undefined, true);
  return { root, signer: (cn) => issue({ commonName: cn, organization }, root, false) };
}
