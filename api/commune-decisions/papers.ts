/**
 * The Standing Committee's decisions as papers: the decision on who monitors a commune, as issued, its .docx from its
 * Word template and its PDF made by LibreOffice, kept as made (domain/papers/commune-decision.ts), for those who read
 * it (machines/access.ts mayReadCommuneDecision), each read audited. The same addresses as the Board's decisions'
 * (GET /decisions/{id}/document…), under /commune-decisions.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { communeDecisionFacts, readIssuedCommuneDecisionDocument } from '../../domain/papers/commune-decision';
import { communeDecisionPapersConfig } from '../../domain/papers/commune-decision-settings';
import type { DocumentFormat } from '../../domain/papers/issued';
import { confidential } from '../../domain/refusal';
import { mayReadCommuneDecision } from '../../machines/access';
import { COMMUNE_PROPOSAL_READERS } from '../../machines/commune-decisions';
import type { Role } from '../../machines/roles';
import { auditConfidentialRead } from '../audited-read';
import { principal } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';
import { IdParamsSchema } from '../params';
import { DocumentQuerySchema } from '../papers/schemas';

/** Who may call: the proposals' readers, the leaders and heads of agencies, the communes' committees; the rule decides. */
export const COMMUNE_DECISION_PAPER_READERS = [
  ...new Set<Role>([...COMMUNE_PROPOSAL_READERS, 'AGENCY_LEADER', 'AGENCY_HEAD', 'AREA_COMMITTEE']),
];

const MEDIA = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

const READERS =
  "Read by those who prepare, decide and audit the Standing Committee's proposals (Board leadership, department heads, Standing Committee members, the auditor), by the leaders it names (the one appointed; the one whose link a reassignment ends), by the heads of their agencies today and by the commune's Party committee; anyone else 403. Each read audited (CONFIDENTIAL_READ of the StandingCommitteeDecision). The document is the one issued: made the first time it is asked for and kept (the PDF from that .docx), its SHA-256 in the `Repr-Digest` (RFC 9530) and `X-Content-SHA256` headers and in its DECISION_DOCUMENT_ISSUED audit row. It carries no confidential detail: a reassignment on the commune committee's request is written as the regulation's ground, and the proposal's reason is not printed. 404 for an unknown decision.";
const UNAVAILABLE =
  ' 503 `PAPERS_UNAVAILABLE` with Retry-After when the PDF is not made yet and LibreOffice is not installed, busy or too slow.';
const HASH_HEADERS = {
  'repr-digest': { type: 'string', description: "The document's SHA-256 as RFC 9530 writes it: sha-256=:<base64>:" },
  'x-content-sha256': { type: 'string', description: "The document's SHA-256, lower-case hex" },
} as const;
const documentContent = (formats: readonly DocumentFormat[]) =>
  Object.fromEntries(formats.map((f) => [MEDIA[f], { schema: { type: 'string', format: 'binary' } }]));

export const communeDecisionPaperRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma, provider }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = { prisma, provider };
  const config = communeDecisionPapersConfig();
  const tags = ['commune-decisions'];

  async function send(request: FastifyRequest, reply: FastifyReply, id: string, format: DocumentFormat) {
    const facts = await communeDecisionFacts(prisma, id, config);
    const { actor, userId } = principal(request);
    if (!mayReadCommuneDecision({ userId, roles: actor.roles, areaId: actor.areaId }, facts))
      throw confidential(`Decision ${id}`);
    const issued = await readIssuedCommuneDecisionDocument(db, facts, format, config);
    await auditConfidentialRead(db, request, { entityType: 'StandingCommitteeDecision', entityId: id });
    const fileName = `Quyet-dinh-${facts.number.replace(/[^\p{L}\p{N}-]+/gu, '-')}.${format}`;
    return reply
      .header('content-type', MEDIA[format])
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .header('repr-digest', `sha-256=:${Buffer.from(issued.sha256, 'hex').toString('base64')}:`)
      .header('x-content-sha256', issued.sha256)
      .send(issued.bytes);
  }

  app.get(
    '/commune-decisions/:id/document',
    {
      config: { roles: COMMUNE_DECISION_PAPER_READERS },
      schema: {
        tags,
        summary:
          "The Standing Committee's decision on who monitors a commune as issued, in the Party's format: a PDF or its Word document",
        description: READERS + UNAVAILABLE,
        params: IdParamsSchema,
        querystring: DocumentQuerySchema,
        response: {
          200: {
            description: 'The document, as an attachment named after its number',
            headers: HASH_HEADERS,
            content: documentContent(['pdf', 'docx']),
          },
        },
      },
    },
    async (request, reply) => send(request, reply, request.params.id, request.query.format),
  );

  for (const format of ['docx', 'pdf'] as const) {
    app.get(
      `/commune-decisions/:id/document.${format}`,
      {
        config: { roles: COMMUNE_DECISION_PAPER_READERS },
        schema: {
          tags,
          summary: `The Standing Committee's decision as issued, as ${format === 'pdf' ? 'a PDF' : 'a Word document'}: the same as GET /commune-decisions/{id}/document?format=${format}`,
          description: READERS + (format === 'pdf' ? UNAVAILABLE : ''),
          params: IdParamsSchema,
          response: {
            200: {
              description: `The document (${MEDIA[format]}), as an attachment named after its number`,
              headers: HASH_HEADERS,
              content: documentContent([format]),
            },
          },
        },
      },
      async (request, reply) => send(request, reply, request.params.id, format),
    );
  }
};
