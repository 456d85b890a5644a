/**
 * A Standing Committee's decision on who monitors a commune (domain/commune-decisions/) as its paper: its facts read
 * from the records (the decision, its proposal, the leader and the agency, the link it makes and the one it ends, the
 * programme's legal basis, the signing member), composed by machines/papers/commune-decision-paper.ts, laid out by its
 * Word template and made a PDF by LibreOffice (pdf.ts), as the Board's decisions are (issued.ts). Issued once and
 * kept as made: the .docx right after the approval that recorded the decision (issueCommuneDecisionDocx; on the first
 * download instead when it cannot be made then), the PDF from that stored .docx the first time it is asked for; each
 * with its SHA-256 in an audit row of its own (DECISION_DOCUMENT_ISSUED on the StandingCommitteeDecision). Its signed
 * copy, by the approving member, is kept as the Board's are (signature-store.ts, COMMUNE_DECISION_SIGNED_REGISTER).
 */
import { dayOf } from '../../machines/calendar';
import { holdsOn } from '../../machines/agency-access';
import {
  communeDecisionPaper,
  type CommuneDecisionFacts,
  type CommuneDecisionGround,
  type LeaderInPaper,
} from '../../machines/papers/commune-decision-paper';
import { signingBlock } from '../../machines/signing-block';
import type { Database, PrismaClient } from '../../prisma/database';
import { notFound } from '../refusal';
import { communeDecisionPapersConfig, type CommuneDecisionPapersConfig } from './commune-decision-settings';
import { fillTemplate } from './document';
import { type DocumentFormat, type DocumentRegister, type IssuedDocument, STORED, storeIssued } from './issued';
import { docxToPdf } from './pdf';
import type { SignedRegister } from './signature-store';

export interface CommuneDecisionDocumentFacts extends CommuneDecisionFacts {
  id: string;
  areaId: string;
  /** The leaders it names: the one appointed, and the one whose link a reassignment ends. */
  leaderUserIds: string[];
  /** The heads today of those leaders' agencies. */
  headUserIds: string[];
}

const member = {
  select: {
    userId: true,
    title: true,
    user: { select: { displayName: true } },
    agency: {
      select: { name: true, members: { where: { isHead: true }, select: { userId: true, from: true, until: true } } },
    },
  },
} as const;

type MemberRow = {
  userId: string;
  title: string;
  user: { displayName: string };
  agency: { name: string; members: { userId: string; from: string; until: string | null }[] };
};

const inPaper = (m: MemberRow): LeaderInPaper => ({
  fullName: m.user.displayName,
  title: m.title,
  agencyName: m.agency.name,
});

/** The decision's facts; a 404 for no such decision. */
export async function communeDecisionFacts(
  prisma: PrismaClient,
  decisionId: string,
  config: CommuneDecisionPapersConfig,
): Promise<CommuneDecisionDocumentFacts> {
  const decision = await prisma.standingCommitteeDecision.findUnique({
    where: { id: decisionId },
    select: {
      id: true,
      number: true,
      issuedOn: true,
      kind: true,
      signerUserId: true,
      proposal: {
        select: {
          programmeId: true,
          areaId: true,
          memberId: true,
          endsLinkId: true,
          ground: true,
          from: true,
          linkId: true,
          createdAt: true,
        },
      },
    },
  });
  const proposal = decision?.proposal;
  if (!decision || !proposal) throw notFound('decision', decisionId);
  const [programme, area, signer, leader, made, ended] = await Promise.all([
    prisma.programme.findUniqueOrThrow({ where: { id: proposal.programmeId }, select: { legalBasis: true } }),
    prisma.area.findUniqueOrThrow({ where: { id: proposal.areaId }, select: { name: true } }),
    prisma.user.findUnique({ where: { id: decision.signerUserId }, select: { displayName: true } }),
    prisma.agencyMember.findUniqueOrThrow({ where: { id: proposal.memberId }, ...member }),
    proposal.linkId
      ? prisma.agencyLeaderArea.findUnique({ where: { id: proposal.linkId }, select: { from: true } })
      : null,
    proposal.endsLinkId
      ? prisma.agencyLeaderArea.findUnique({
          where: { id: proposal.endsLinkId },
          select: { from: true, decisionNumber: true, member },
        })
      : null,
  ]);
  const today = dayOf(Date.now());
  const heads = [leader, ...(ended ? [ended.member] : [])].flatMap((m) =>
    m.agency.members.filter((h) => holdsOn(h, today)).map((h) => h.userId),
  );
  const kind = decision.kind === 'REASSIGNMENT' ? 'REASSIGNMENT' : 'APPOINTMENT';
  return {
    id: decision.id,
    areaId: proposal.areaId,
    number: decision.number,
    issuedOn: decision.issuedOn,
    kind,
    legalBasis: programme.legalBasis,
    proposedOn: dayOf(proposal.createdAt.getTime()),
    communeName: area.name,
    leader: inPaper(leader),
    from: made?.from ?? (proposal.from > decision.issuedOn ? proposal.from : decision.issuedOn),
    ends: ended ? { leader: inPaper(ended.member), from: ended.from, decisionNumber: ended.decisionNumber } : null,
    ground: (proposal.ground as CommuneDecisionGround | null) ?? null,
    signing: signingBlock({
      signerId: decision.signerUserId,
      signerName: signer?.displayName ?? decision.signerUserId,
      capacity: 'COLLECTIVE',
      body: config.body,
      signerTitle: config.signerTitle,
    }),
    leaderUserIds: [...new Set([leader.userId, ...(ended ? [ended.member.userId] : [])])],
    headUserIds: [...new Set(heads)],
  };
}

/** The decision's .docx from its template; a template that does not fill names its fault (422). */
export function communeDecisionDocx(facts: CommuneDecisionFacts, config: CommuneDecisionPapersConfig): Promise<Buffer> {
  return fillTemplate(config.templatePath, communeDecisionPaper(facts, config.paper));
}

const select = { decisionId: true, bytes: true, sha256: true, createdAt: true } as const;

/** The document as stored, or null when it has not been made yet. Never makes one. */
export async function storedCommuneDecisionDocument(
  prisma: PrismaClient,
  decisionId: string,
  format: DocumentFormat,
): Promise<IssuedDocument | null> {
  const row = await prisma.standingCommitteeDecisionDocument.findUnique({
    where: { decisionId_format: { decisionId, format: STORED[format] } },
    select,
  });
  return row ? { ...row, format, bytes: Buffer.from(row.bytes) } : null;
}

const COMMUNE_DECISION_REGISTER: DocumentRegister = {
  entityType: 'StandingCommitteeDecision',
  keyPrefix: 'sc-decision-document',
  stored: storedCommuneDecisionDocument,
  create: (tx, row) => tx.standingCommitteeDecisionDocument.create({ data: row }),
};

const store = (
  db: Pick<Database, 'prisma' | 'provider'>,
  facts: CommuneDecisionDocumentFacts,
  format: DocumentFormat,
  bytes: Buffer,
): Promise<IssuedDocument> => storeIssued(db, COMMUNE_DECISION_REGISTER, facts, format, bytes);

/**
 * The decision's document as issued, made and stored the first time (the PDF from the stored .docx). The caller has
 * read the facts (and decided the reader may see them). A 503 PAPERS_UNAVAILABLE when the PDF is not made yet and
 * LibreOffice cannot make it now.
 */
export async function readIssuedCommuneDecisionDocument(
  db: Pick<Database, 'prisma' | 'provider'>,
  facts: CommuneDecisionDocumentFacts,
  format: DocumentFormat,
  config: CommuneDecisionPapersConfig = communeDecisionPapersConfig(),
): Promise<IssuedDocument> {
  const stored = await storedCommuneDecisionDocument(db.prisma, facts.id, format);
  if (stored) return stored;
  if (format === 'docx') return store(db, facts, 'docx', await communeDecisionDocx(facts, config));
  const docx = await readIssuedCommuneDecisionDocument(db, facts, 'docx', config);
  return store(db, facts, 'pdf', await docxToPdf(docx.bytes, config.sofficePath));
}

/**
 * The decision's .docx issued right after the approval that recorded it (and again on a retried approval, which finds
 * it kept). The approval stands whatever happens here: a paper that cannot be made now (a province's template that
 * does not fill, a setting that does not parse) is left to the first download, which makes it or names the fault, and
 * the fault is logged.
 */
export async function issueCommuneDecisionDocx(
  db: Pick<Database, 'prisma' | 'provider'>,
  decisionId: string,
): Promise<IssuedDocument | null> {
  try {
    const config = communeDecisionPapersConfig();
    const facts = await communeDecisionFacts(db.prisma, decisionId, config);
    return await readIssuedCommuneDecisionDocument(db, facts, 'docx', config);
  } catch (error) {
    console.warn(
      `papers: Standing Committee decision ${decisionId}: its document is left to its first download: ${(error as Error).message}`,
    );
    return null;
  }
}

/** The Standing Committee's decisions as signed: by the member who approved (a user), checked against the PDF issued. */
export const COMMUNE_DECISION_SIGNED_REGISTER: SignedRegister = {
  entityType: 'StandingCommitteeDecision',
  keyPrefix: 'sc-decision-signed',
  signerIdOf: ({ userId }) => userId,
  async signing(prisma, decisionId) {
    const decision = await prisma.standingCommitteeDecision.findUnique({
      where: { id: decisionId },
      select: { number: true, signerUserId: true },
    });
    if (!decision) throw notFound('decision', decisionId);
    const signer = await prisma.user.findUnique({
      where: { id: decision.signerUserId },
      select: { displayName: true },
    });
    // The name the paper prints under the signature (communeDecisionFacts' signing block).
    const signerName = (signer?.displayName ?? decision.signerUserId).normalize('NFC');
    return { number: decision.number, signerId: decision.signerUserId, signerName };
  },
  issuedPdf: (prisma, decisionId) => storedCommuneDecisionDocument(prisma, decisionId, 'pdf'),
  signed: (prisma, decisionId) => prisma.standingCommitteeSignedDocument.findUnique({ where: { decisionId } }),
  create: (tx, row) =>
    tx.standingCommitteeSignedDocument.create({ data: { ...row, bytes: new Uint8Array(row.bytes) } }),
};
