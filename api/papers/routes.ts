/**
 * The papers: the committee's terms the Party registers number in (entered by the administrator when a congress
 * closes), read by the administrator, leadership and the auditor; a written decision as issued, its .docx from the
 * Word template and its PDF made by LibreOffice, kept as made, for those who read the decision (machines/access.ts),
 * each read audited. The records are domain/papers/.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { CommitteeTermSchema } from '../../contracts/papers';
import { decisionDraft } from '../../domain/papers/draft';
import { issuedDecisionFacts, readIssuedDocument } from '../../domain/papers/issued';
import { papersConfig } from '../../domain/papers/settings';
import { committeeTerms, recordCommitteeTerm } from '../../domain/papers/terms';
import { confidential } from '../../domain/refusal';
import { mayReadDecision } from '../../machines/access';
import { LEADERSHIP, LEADERSHIP_AND_AUDITOR, PERSONNEL_READERS, STAFF } from '../../machines/roles';
import { dayOf } from '../../machines/calendar';
import { EXPORT_MAX_ROWS } from '../../domain/exports/table';
import { auditConfidentialRead, readerOf } from '../audited-read';
import { principal } from '../auth/plugin';
import { IdParamsSchema } from '../params';
import type { RouteDeps } from '../deps';
import { decisions } from '../exports/lists';
import { listFile } from '../exports/routes';
import type { ZodTypeProvider } from '../zod-provider';
import {
  DOCUMENT_MEDIA as MEDIA,
  documentContent,
  PAPERS_UNAVAILABLE as UNAVAILABLE,
  registerIssuedDocumentRoutes,
} from './issued-document-routes';
import { CommitteeTermBodySchema, DocumentQuerySchema, RegisterExportQuerySchema } from './schemas';

const ADMINISTRATOR = ['ADMINISTRATOR'] as const;

export const paperRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma, provider }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = { prisma, provider };
  const config = papersConfig();

  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

  app.get(
    '/decisions/register.xlsx',
    {
      config: { roles: LEADERSHIP_AND_AUDITOR },
      schema: {
        tags: ['decisions'],
        summary:
          'The register of written decisions as an Excel workbook: the entries of GET /decisions for the same filters',
        description: `The workbook of GET /exports/decisions.xlsx (the same builder, Vietnamese headers) under the register's file name: every entry at once, in the register's order; a text cell that a spreadsheet would read as a formula is written with a leading apostrophe. 413 \`EXPORT_TOO_LARGE\` past ${EXPORT_MAX_ROWS} rows.`,
        querystring: RegisterExportQuerySchema,
        response: {
          200: {
            description: 'The workbook (.xlsx), as an attachment',
            content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } },
          },
        },
      },
    },
    async (request, reply) => {
      const workbook = await listFile(db, request, decisions, request.query, 'xlsx', 'vi');
      return reply
        .header('content-type', XLSX)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'attachment; filename="so-quyet-dinh.xlsx"')
        .send(workbook);
    },
  );

  /** The document as issued (stored once, domain/papers/issued.ts), to those who read the decision; each read audited. */
  const READERS =
    'Read by leadership and the auditor, and by an official the decision names (403 otherwise); each read audited (CONFIDENTIAL_READ of the Decision). The document is the one issued: made once when the decision was recorded in the register and kept (the PDF made from that .docx the first time it is asked for), its SHA-256 in the `Repr-Digest` (RFC 9530) and `X-Content-SHA256` headers and in its DECISION_DOCUMENT_ISSUED audit row. 404 for a number only reserved by an approval not yet recorded.';
  registerIssuedDocumentRoutes(fastify, {
    base: '/decisions',
    roles: STAFF,
    tags: ['decisions'],
    summary: "The written decision as issued, in the Party's format: a PDF (A4, fonts embedded) or its Word document",
    subject: 'The written decision',
    readers: READERS,
    async read(request, id, format) {
      const facts = await issuedDecisionFacts(prisma, id);
      if (!mayReadDecision(principal(request).actor, facts)) throw confidential(`Decision ${id}`);
      const issued = await readIssuedDocument(db, id, format, config);
      await auditConfidentialRead(db, request, {
        entityType: 'Decision',
        entityId: id,
        assignmentId: facts.assignmentIds[0],
      });
      return { number: facts.number, issued };
    },
  });

  app.get(
    '/assignments/:id/decision-draft',
    {
      config: { roles: LEADERSHIP },
      schema: {
        tags: ['decisions'],
        summary:
          "The draft of the decision the assignment's pending proposal awaits: no number nor day yet, marked DỰ THẢO, signed in the reader's capacity",
        description:
          'For Board leadership before approving; made on each request and never kept (the decision as approved is issued by GET /decisions/{id}/document). 404 without a pending proposal; 403 for a proposal resting on a ground the reader may not see. An audited read of the assignment.' +
          UNAVAILABLE,
        params: IdParamsSchema,
        querystring: DocumentQuerySchema,
        response: {
          200: {
            description: 'The draft, as an attachment',
            content: documentContent(['pdf', 'docx']),
          },
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { format } = request.query;
      const { actor } = principal(request);
      const draft = await decisionDraft(prisma, actor, id, format, dayOf(Date.now()), config);
      await draft.filter?.audit(db, readerOf(request));
      await auditConfidentialRead(db, request, { entityType: 'Assignment', entityId: id, assignmentId: id });
      return reply
        .header('content-type', MEDIA[format])
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="Du-thao-quyet-dinh.${format}"`)
        .send(draft.bytes);
    },
  );

  app.get(
    '/committee-terms',
    {
      config: { roles: PERSONNEL_READERS },
      schema: {
        tags: ['decisions'],
        summary: "The committee's terms, the latest first: a Party register numbers from 1 in each",
        response: { 200: z.object({ items: z.array(CommitteeTermSchema) }) },
      },
    },
    async () => ({ items: await committeeTerms(prisma) }),
  );

  app.post(
    '/committee-terms',
    {
      config: { roles: ADMINISTRATOR },
      schema: {
        tags: ['decisions'],
        summary: 'Record a term of the committee: from its first day, Party registers number from 1 again',
        description:
          'The day the congress closed. The same day again answers the term on record (200). 422 `RuleViolated` with `rule`: TERM_STARTS_IN_FUTURE (after today in Vietnam), TERM_STARTS_BEFORE_NUMBERED_DECISION (a Party register already numbered a decision on or after that day in its earlier period). Audited (COMMITTEE_TERM_RECORDED).',
        body: CommitteeTermBodySchema,
        response: { 200: CommitteeTermSchema, 201: CommitteeTermSchema },
      },
    },
    async (request, reply) => {
      const { term, created } = await recordCommitteeTerm(db, principal(request), request.body);
      return reply.code(created ? 201 : 200).send(term);
    },
  );
};
