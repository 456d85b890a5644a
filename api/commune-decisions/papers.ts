/**
 * The Standing Committee's decisions as papers: the decision on who monitors a commune, as issued, its .docx from its
 * Word template and its PDF made by LibreOffice, kept as made (domain/papers/commune-decision.ts), for those who read
 * it (machines/access.ts mayReadCommuneDecision), each read audited; and its signed copy, handed in by the member
 * who approved it or the administrator and kept once verified (api/papers/signed.ts). The same addresses as the
 * Board's decisions' (GET /decisions/{id}/document…, …/signed-document, …/signature), under /commune-decisions.
 */
import type { FastifyPluginAsync } from 'fastify';
import {
  COMMUNE_DECISION_SIGNED_REGISTER,
  communeDecisionFacts,
  readIssuedCommuneDecisionDocument,
} from '../../domain/papers/commune-decision';
import { communeDecisionPapersConfig } from '../../domain/papers/commune-decision-settings';
import { confidential } from '../../domain/refusal';
import { mayReadCommuneDecision } from '../../machines/access';
import { COMMUNE_LINK_DECIDERS, COMMUNE_PROPOSAL_READERS } from '../../machines/commune-decisions';
import type { Role } from '../../machines/roles';
import { auditConfidentialRead } from '../audited-read';
import { principal } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import { registerIssuedDocumentRoutes } from '../papers/issued-document-routes';
import { registerSignedDocumentRoutes } from '../papers/signed';

/** Who may call: the proposals' readers, the leaders and heads of agencies, the communes' committees; the rule decides. */
export const COMMUNE_DECISION_PAPER_READERS = [
  ...new Set<Role>([...COMMUNE_PROPOSAL_READERS, 'AGENCY_LEADER', 'AGENCY_HEAD', 'AREA_COMMITTEE']),
];

/** Who may hand in the signed copy: the member who approved it, or the administrator on their behalf. */
export const COMMUNE_DECISION_SIGNERS = [...new Set<Role>([...COMMUNE_LINK_DECIDERS, 'ADMINISTRATOR'])];

const READERS =
  "Read by those who prepare, decide and audit the Standing Committee's proposals (Board leadership, department heads, Standing Committee members, the auditor), by the leaders it names (the one appointed; the one whose link a reassignment ends), by the heads of their agencies today and by the commune's Party committee; anyone else 403. Each read audited (CONFIDENTIAL_READ of the StandingCommitteeDecision). The document is the one issued and kept: the .docx made right after the approval that recorded the decision (or, when it could not be made then, the first time it is asked for), the PDF from that .docx the first time it is asked for, its SHA-256 in the `Repr-Digest` (RFC 9530) and `X-Content-SHA256` headers and in its DECISION_DOCUMENT_ISSUED audit row. It carries no confidential detail: a reassignment on the commune committee's request is written as the regulation's ground, and the proposal's reason is not printed. 404 for an unknown decision.";

export const communeDecisionPaperRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma, provider }) => {
  const db = { prisma, provider };
  const config = communeDecisionPapersConfig();
  registerIssuedDocumentRoutes(fastify, {
    base: '/commune-decisions',
    roles: COMMUNE_DECISION_PAPER_READERS,
    tags: ['commune-decisions'],
    summary:
      "The Standing Committee's decision on who monitors a commune as issued, in the Party's format: a PDF or its Word document",
    subject: "The Standing Committee's decision",
    readers: READERS,
    async read(request, id, format) {
      const facts = await communeDecisionFacts(prisma, id, config);
      const { actor, userId } = principal(request);
      if (!mayReadCommuneDecision({ userId, roles: actor.roles, areaId: actor.areaId }, facts))
        throw confidential(`Decision ${id}`);
      const issued = await readIssuedCommuneDecisionDocument(db, facts, format, config);
      await auditConfidentialRead(db, request, { entityType: 'StandingCommitteeDecision', entityId: id });
      return { number: facts.number, issued };
    },
  });

  registerSignedDocumentRoutes(fastify, {
    db,
    base: '/commune-decisions',
    tags: ['commune-decisions'],
    register: COMMUNE_DECISION_SIGNED_REGISTER,
    uploaders: COMMUNE_DECISION_SIGNERS,
    readers: COMMUNE_DECISION_PAPER_READERS,
    signer: 'the Standing Committee member who approved it (its signer)',
    readersText:
      "those who prepare, decide and audit the Standing Committee's proposals, the leaders it names, the heads of their agencies today and the commune's Party committee",
    async reader(request, id) {
      const facts = await communeDecisionFacts(prisma, id, config);
      const { actor, userId } = principal(request);
      return {
        reads: mayReadCommuneDecision({ userId, roles: actor.roles, areaId: actor.areaId }, facts),
        record: { entityType: 'StandingCommitteeDecision', entityId: id },
      };
    },
  });
};
