/**
 * The decision as issued: its document made once, when the decision is recorded in the register, and kept as made,
 * so every later download, and every signed copy checked against it, is of exactly those bytes. The .docx is made at
 * once; the PDF is made from that stored .docx by LibreOffice the first time it is asked for (at once after the
 * decision when the service converts it, else on the first download), then kept. Each is written with its SHA-256 in
 * an audit row of its own on the chain (DECISION_DOCUMENT_ISSUED, naming the decision, the format and the hash; the
 * Decision's row, not its assignments': an assignment's trail stays the steps of its life).
 */
import { createHash } from 'node:crypto';
import { recordOnce, type Tx } from '../audit/log';
import type { Database, PrismaClient } from '../../prisma/database';
import { notFound } from '../refusal';
import { decisionDocumentFacts, decisionDocx, type DecisionDocumentFacts } from './document';
import { docxToPdf } from './pdf';
import { papersConfig, type PapersConfig } from './settings';

export const DECISION_DOCUMENT_ISSUED = 'DECISION_DOCUMENT_ISSUED';

export type DocumentFormat = 'docx' | 'pdf';

export const STORED = { docx: 'DOCX', pdf: 'PDF' } as const;
type StoredFormat = (typeof STORED)[DocumentFormat];

export interface IssuedDocument {
  decisionId: string;
  format: DocumentFormat;
  bytes: Buffer;
  /** Lower-case hex. */
  sha256: string;
  createdAt: Date;
}

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const select = { decisionId: true, format: true, bytes: true, sha256: true, createdAt: true } as const;

/** The document as stored, or null when it has not been made yet. Never makes one. */
export async function storedDocument(
  prisma: PrismaClient,
  decisionId: string,
  format: DocumentFormat,
): Promise<IssuedDocument | null> {
  const row = await prisma.decisionDocument.findUnique({
    where: { decisionId_format: { decisionId, format: STORED[format] } },
    select,
  });
  return row ? { ...row, format, bytes: Buffer.from(row.bytes) } : null;
}

/** The facts of a decision recorded in the register; a 404 for none, or for a number only reserved by an approval. */
export async function issuedDecisionFacts(prisma: PrismaClient, decisionId: string): Promise<DecisionDocumentFacts> {
  const decision = await prisma.decision.findUnique({ where: { id: decisionId }, select: { reservedAt: true } });
  if (!decision || decision.reservedAt) throw notFound('decision', decisionId);
  const facts = await decisionDocumentFacts(prisma, decisionId);
  if (!facts) throw notFound('decision', decisionId);
  return facts;
}

/** Where one register's documents are kept, and what their audit rows name. */
export interface DocumentRegister {
  /** The audit row's entity, and the prefix of its idempotency key. */
  entityType: string;
  keyPrefix: string;
  stored(prisma: PrismaClient, decisionId: string, format: DocumentFormat): Promise<IssuedDocument | null>;
  create(
    tx: Tx,
    row: { decisionId: string; format: StoredFormat; bytes: Uint8Array<ArrayBuffer>; sha256: string },
  ): Promise<unknown>;
}

/** A decision's document written once with its audit row; two first requests at once both answer the one kept. */
export async function storeIssued(
  db: Pick<Database, 'prisma' | 'provider'>,
  register: DocumentRegister,
  decision: { id: string; number: string },
  format: DocumentFormat,
  bytes: Buffer,
): Promise<IssuedDocument> {
  const sha256 = sha256Of(bytes);
  await recordOnce(
    db,
    {
      idempotencyKey: `${register.keyPrefix}:${decision.id}:${format}`,
      at: new Date().toISOString(),
      action: DECISION_DOCUMENT_ISSUED,
      entityType: register.entityType,
      entityId: decision.id,
      decisionNumber: decision.number,
      payload: { decisionId: decision.id, format, sha256, size: bytes.length },
    },
    async (tx) => {
      await register.create(tx, {
        decisionId: decision.id,
        format: STORED[format],
        bytes: new Uint8Array(bytes),
        sha256,
      });
    },
  );
  // The one whose audit row came first made the document.
  const stored = await register.stored(db.prisma, decision.id, format);
  if (!stored) throw new Error(`decision ${decision.id}: its ${format} document was not stored`);
  return stored;
}

const BOARD_REGISTER: DocumentRegister = {
  entityType: 'Decision',
  keyPrefix: 'decision-document',
  stored: storedDocument,
  create: (tx, row) => tx.decisionDocument.create({ data: row }),
};

const store = (
  db: Pick<Database, 'prisma' | 'provider'>,
  facts: DecisionDocumentFacts,
  format: DocumentFormat,
  bytes: Buffer,
): Promise<IssuedDocument> => storeIssued(db, BOARD_REGISTER, facts, format, bytes);

/**
 * The decision's document as issued, made and stored the first time (the PDF from the stored .docx). A 404 for no
 * recorded decision; a 503 PAPERS_UNAVAILABLE when the PDF is not made yet and LibreOffice cannot make it now.
 */
export async function readIssuedDocument(
  db: Pick<Database, 'prisma' | 'provider'>,
  decisionId: string,
  format: DocumentFormat,
  config: PapersConfig = papersConfig(),
): Promise<IssuedDocument> {
  const stored = await storedDocument(db.prisma, decisionId, format);
  if (stored) return stored;
  const facts = await issuedDecisionFacts(db.prisma, decisionId);
  if (format === 'docx') return store(db, facts, 'docx', await decisionDocx(facts, config));
  const docx = await readIssuedDocument(db, decisionId, 'docx', config);
  return store(db, facts, 'pdf', await docxToPdf(docx.bytes, config.sofficePath));
}
