/**
 * A decision's signed PDF, accepted once its signature was verified (./signature-verify.ts): checked against the
 * final PDF as issued and stored (./issued.ts, ./commune-decision.ts), then kept with its SHA-256 in a DECISION_SIGNED
 * row on the audit chain, in one transaction. Uploaded by the decision's signer, or by the administrator on their
 * behalf; one signed copy per decision (the same file again answers as accepted; another is refused). One
 * implementation for every register of decisions (the Board's, the Standing Committee's), each giving a
 * SignedRegister: where its issued PDFs and signed copies are kept, who signs a decision, what the audit row names.
 */
import { createHash } from 'node:crypto';
import type { Caller } from '../caller';
import { recordOnce, type Tx } from '../audit/log';
import { Refusal } from '../refusal';
import type { Database, PrismaClient } from '../../prisma/database';
import { issuedDecisionFacts, type IssuedDocument, storedDocument } from './issued';
import { signatureRoots } from './signature-roots';
import { verifySignedDecision } from './signature-verify';

export const DECISION_SIGNED = 'DECISION_SIGNED';

export interface SignatureStatus {
  decisionId: string;
  /** "đã ký số": a signed copy was verified and kept. */
  signed: boolean;
  signerName: string | null;
  signingTime: Date | null;
  sha256: string | null;
  uploadedAt: Date | null;
  /** A copy is kept only once verified: VERIFIED with one, null without. */
  verdict: 'VERIFIED' | null;
  /** Whether the caller may hand in the signed copy now (mayHandInSignedCopy, while unsigned). */
  mayHandIn: boolean;
}

/** A signed copy as kept, whichever register's. */
export interface SignedCopy {
  decisionId: string;
  fileName: string;
  bytes: Uint8Array;
  /** Lower-case hex of the signed file. */
  sha256: string;
  signerName: string;
  signingTime: Date;
  certificateSerial: string;
  uploadedById: string;
  uploadedAt: Date;
}

/** Who signs a decision: the signer's user id, and the name the certificate must carry. */
export interface Signing {
  number: string;
  signerId: string;
  signerName: string;
}

/** Where one register's issued PDFs and signed copies are kept, who signs its decisions, what its audit rows name. */
export interface SignedRegister {
  /** The audit row's entity, and the prefix of its idempotency key. */
  entityType: string;
  keyPrefix: string;
  /** The id the register names its signers by (an official's, a user's), as the caller has it. */
  signerIdOf(caller: Caller): string;
  /** The decision's number and signer; a 404 for no such decision. */
  signing(prisma: PrismaClient, decisionId: string): Promise<Signing>;
  /** The final PDF as issued, or null before it is made. Never makes one. */
  issuedPdf(prisma: PrismaClient, decisionId: string): Promise<IssuedDocument | null>;
  /** The signed copy as kept, or null. */
  signed(prisma: PrismaClient, decisionId: string): Promise<SignedCopy | null>;
  create(tx: Tx, row: Omit<SignedCopy, 'uploadedAt'>): Promise<unknown>;
}

/** The Board's decisions: its register (Decision), their documents (DecisionDocument), signed copies kept apart. */
export const BOARD_SIGNED_REGISTER: SignedRegister = {
  entityType: 'Decision',
  keyPrefix: 'decision-signed',
  signerIdOf: ({ actor }) => actor.id,
  async signing(prisma, decisionId) {
    const facts = await issuedDecisionFacts(prisma, decisionId);
    return { number: facts.number, signerId: facts.signing.signerId, signerName: facts.signing.signerName };
  },
  issuedPdf: (prisma, decisionId) => storedDocument(prisma, decisionId, 'pdf'),
  signed: (prisma, decisionId) => prisma.signedDecisionDocument.findUnique({ where: { decisionId } }),
  create: (tx, row) => tx.signedDecisionDocument.create({ data: { ...row, bytes: new Uint8Array(row.bytes) } }),
};

const unsigned = (decisionId: string): Omit<SignatureStatus, 'mayHandIn'> => ({
  decisionId,
  signed: false,
  signerName: null,
  signingTime: null,
  sha256: null,
  uploadedAt: null,
  verdict: null,
});

/** Who may hand in a decision's signed copy: its signer, or the administrator (the Board's clerk) on their behalf. */
export const mayHandInSignedCopy = (register: SignedRegister, caller: Caller, signerId: string): boolean =>
  register.signerIdOf(caller) === signerId || caller.actor.roles.includes('ADMINISTRATOR');

/** The decision's signature as `caller` reads it: whether they may hand in the signed copy depends on who they are. */
export async function signatureStatus(
  prisma: PrismaClient,
  register: SignedRegister,
  decisionId: string,
  caller: Caller,
  signerId: string,
): Promise<SignatureStatus> {
  const row = await register.signed(prisma, decisionId);
  if (row) {
    const { signerName, signingTime, sha256, uploadedAt } = row;
    return {
      decisionId,
      signerName,
      signingTime,
      sha256,
      uploadedAt,
      signed: true,
      verdict: 'VERIFIED',
      mayHandIn: false,
    };
  }
  return { ...unsigned(decisionId), mayHandIn: mayHandInSignedCopy(register, caller, signerId) };
}

/** The signed copy as kept, or null. */
export async function signedDocument(prisma: PrismaClient, register: SignedRegister, decisionId: string) {
  const row = await register.signed(prisma, decisionId);
  return row ? { ...row, bytes: Buffer.from(row.bytes) } : null;
}

/** Who may hand in the Board's signed copy: its signer, or the administrator on their behalf. */
export const UPLOADERS = ['BOARD_LEADER', 'HEAD_OF_BOARD', 'ADMINISTRATOR'] as const;

/** The configured roots; a configuration that cannot be read counts as none, and the refusal says so. */
function configuredRoots(env: NodeJS.ProcessEnv) {
  try {
    return signatureRoots(env);
  } catch {
    return [];
  }
}

export async function acceptSignedDocument(
  db: Pick<Database, 'prisma' | 'provider'>,
  register: SignedRegister,
  caller: Caller,
  decisionId: string,
  file: { fileName: string; content: Buffer<ArrayBuffer> },
  env: NodeJS.ProcessEnv = process.env,
): Promise<SignatureStatus> {
  const { actor, userId } = caller;
  const signing = await register.signing(db.prisma, decisionId);
  if (!mayHandInSignedCopy(register, caller, signing.signerId))
    throw new Refusal(403, 'FORBIDDEN', "A decision's signed copy is handed in by its signer or the administrator", {
      reason: 'NOT_THE_SIGNER',
    });
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  const already = await signatureStatus(db.prisma, register, decisionId, caller, signing.signerId);
  if (already.signed) {
    if (already.sha256 === sha256) return already;
    throw new Refusal(409, 'ALREADY_SIGNED', 'The decision has a verified signed copy already');
  }
  const issued = await register.issuedPdf(db.prisma, decisionId);
  if (!issued)
    throw new Refusal(
      409,
      'FINAL_PDF_NOT_ISSUED',
      "The decision's final PDF has not been issued yet: download it first",
    );
  const verdict = await verifySignedDecision(file.content, {
    issued: issued.bytes,
    issuedSha256: issued.sha256,
    roots: configuredRoots(env),
    signerName: signing.signerName,
    issuedAt: issued.createdAt,
  });
  if (!verdict.ok)
    throw new Refusal(422, 'SIGNATURE_REFUSED', verdict.message, {
      rule: 'SIGNATURE_VERIFIED',
      reason: verdict.reason,
    });
  await recordOnce(
    db,
    {
      idempotencyKey: `${register.keyPrefix}:${decisionId}`,
      at: new Date().toISOString(),
      actorId: actor.id,
      action: DECISION_SIGNED,
      entityType: register.entityType,
      entityId: decisionId,
      decisionNumber: signing.number,
      payload: {
        decisionId,
        sha256,
        size: file.content.length,
        issuedSha256: issued.sha256,
        signerName: verdict.signerName,
        signingTime: verdict.signingTime.toISOString(),
        certificateSerial: verdict.certificateSerial,
        userId,
      },
    },
    async (tx) => {
      await register.create(tx, {
        decisionId,
        fileName: file.fileName,
        bytes: new Uint8Array(file.content),
        sha256,
        signerName: verdict.signerName,
        signingTime: verdict.signingTime,
        certificateSerial: verdict.certificateSerial,
        uploadedById: actor.id,
      });
    },
  );
  return signatureStatus(db.prisma, register, decisionId, caller, signing.signerId);
}
