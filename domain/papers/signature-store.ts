/**
 * A decision's signed PDF, accepted once its signature was verified (./signature-verify.ts): checked against the
 * final PDF as issued and stored (./issued.ts), then kept with its SHA-256 in a DECISION_SIGNED row on the audit
 * chain, in one transaction. Uploaded by the decision's signer, or by the administrator (the Board's clerk) on their
 * behalf; one signed copy per decision (the same file again answers as accepted; another is refused).
 */
import { createHash } from 'node:crypto';
import type { Caller } from '../caller';
import { recordOnce } from '../audit/log';
import { Refusal } from '../refusal';
import type { Actor } from '../../machines/actor';
import type { Database, PrismaClient } from '../../prisma/database';
import { issuedDecisionFacts, storedDocument } from './issued';
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
export const mayHandInSignedCopy = (actor: Actor, signerId: string): boolean =>
  actor.id === signerId || actor.roles.includes('ADMINISTRATOR');

const statusSelect = { decisionId: true, signerName: true, signingTime: true, sha256: true, uploadedAt: true } as const;

/** The decision's signature as `actor` reads it: whether they may hand in the signed copy depends on who they are. */
export async function signatureStatus(
  prisma: PrismaClient,
  decisionId: string,
  actor: Actor,
  signerId: string,
): Promise<SignatureStatus> {
  const row = await prisma.signedDecisionDocument.findUnique({ where: { decisionId }, select: statusSelect });
  if (row) return { ...row, signed: true, verdict: 'VERIFIED', mayHandIn: false };
  return { ...unsigned(decisionId), mayHandIn: mayHandInSignedCopy(actor, signerId) };
}

/** The signed copy as kept, or null. */
export async function signedDocument(prisma: PrismaClient, decisionId: string) {
  const row = await prisma.signedDecisionDocument.findUnique({ where: { decisionId } });
  return row ? { ...row, bytes: Buffer.from(row.bytes) } : null;
}

/** Who may hand in the signed copy: its signer, or the administrator on their behalf. */
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
  { actor, userId }: Caller,
  decisionId: string,
  file: { fileName: string; content: Buffer<ArrayBuffer> },
  env: NodeJS.ProcessEnv = process.env,
): Promise<SignatureStatus> {
  const facts = await issuedDecisionFacts(db.prisma, decisionId);
  if (!mayHandInSignedCopy(actor, facts.signing.signerId))
    throw new Refusal(403, 'FORBIDDEN', "A decision's signed copy is handed in by its signer or the administrator", {
      reason: 'NOT_THE_SIGNER',
    });
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  const already = await signatureStatus(db.prisma, decisionId, actor, facts.signing.signerId);
  if (already.signed) {
    if (already.sha256 === sha256) return already;
    throw new Refusal(409, 'ALREADY_SIGNED', 'The decision has a verified signed copy already');
  }
  const issued = await storedDocument(db.prisma, decisionId, 'pdf');
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
    signerName: facts.signing.signerName,
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
      idempotencyKey: `decision-signed:${decisionId}`,
      at: new Date().toISOString(),
      actorId: actor.id,
      action: DECISION_SIGNED,
      entityType: 'Decision',
      entityId: decisionId,
      decisionNumber: facts.number,
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
      await tx.signedDecisionDocument.create({
        data: {
          decisionId,
          fileName: file.fileName,
          bytes: new Uint8Array(file.content),
          sha256,
          signerName: verdict.signerName,
          signingTime: verdict.signingTime,
          certificateSerial: verdict.certificateSerial,
          uploadedById: actor.id,
        },
      });
    },
  );
  return signatureStatus(db.prisma, decisionId, actor, facts.signing.signerId);
}
