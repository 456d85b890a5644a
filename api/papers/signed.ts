/**
 * A decision's signed PDF: handed in as a multipart upload by its signer or the administrator, accepted only once its
 * signature is verified against the final PDF as issued (domain/papers/signature-store.ts; 422 SIGNATURE_REFUSED
 * naming the reason otherwise), then downloaded as kept; and whether the decision is signed ("đã ký số").
 */
import type { FastifyPluginAsync } from 'fastify';
import { SignatureStatusSchema } from '../../contracts/signatures';
import { issuedDecisionFacts } from '../../domain/papers/issued';
import {
  acceptSignedDocument,
  mayHandInSignedCopy,
  signatureStatus,
  signedDocument,
  UPLOADERS,
} from '../../domain/papers/signature-store';
import { SIGNATURE_REFUSALS } from '../../domain/papers/signature-verify';
import { confidential, notFound } from '../../domain/refusal';
import { mayReadDecision } from '../../machines/access';
import { STAFF } from '../../machines/roles';
import { auditConfidentialRead } from '../audited-read';
import { principal } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import { IdParamsSchema } from '../params';
import { attachmentHeaders, readUpload } from '../uploads';
import type { ZodTypeProvider } from '../zod-provider';

const REASONS = Object.keys(SIGNATURE_REFUSALS).join(', ');

export const signedDocumentRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma, provider }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = { prisma, provider };

  app.post(
    '/decisions/:id/signed-document',
    {
      config: { roles: UPLOADERS, upload: { field: 'file', kind: 'signedDecision' } },
      schema: {
        tags: ['decisions'],
        summary: "Hand in the decision's PDF as its signer signed it (multipart, field 'file'); kept once verified",
        description: `By the decision's signer, or the administrator on their behalf (403 NOT_THE_SIGNER otherwise). The file must be the final PDF as issued (GET /decisions/{id}/document?format=pdf; 409 FINAL_PDF_NOT_ISSUED before it is made) with a PAdES/CMS signature over the whole file but the signature, by a certificate that chains to a configured root (PAPERS_SIGNING_ROOTS) and names the signer, signed after the issue; otherwise 422 SIGNATURE_REFUSED with \`reason\`: ${REASONS}. Kept with its SHA-256 in a DECISION_SIGNED audit row; the same file again answers the same; another after it, 409 ALREADY_SIGNED.`,
        consumes: ['multipart/form-data'],
        params: IdParamsSchema,
        response: { 201: SignatureStatusSchema },
      },
    },
    async (request, reply) => {
      const upload = await readUpload(request, 'file', 'signedDecision');
      const status = await acceptSignedDocument(db, principal(request), request.params.id, upload);
      return reply.code(201).header('location', `/decisions/${request.params.id}/signed-document`).send(status);
    },
  );

  app.get(
    '/decisions/:id/signed-document',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['decisions'],
        summary: 'The decision as signed: the verified signed PDF, as kept',
        description:
          'Read by those who read the decision (leadership, the auditor, the officials it names; 403 otherwise), each read audited; 404 before a signed copy is kept.',
        params: IdParamsSchema,
        response: {
          200: {
            description: 'The signed PDF, as an attachment; its SHA-256 in X-Content-SHA256',
            headers: { 'x-content-sha256': { type: 'string', description: "The file's SHA-256, lower-case hex" } },
            content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
          },
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const facts = await issuedDecisionFacts(prisma, id);
      if (!mayReadDecision(principal(request).actor, facts)) throw confidential(`Decision ${id}`);
      const signed = await signedDocument(prisma, id);
      if (!signed) throw notFound('signed decision', id);
      await auditConfidentialRead(db, request, {
        entityType: 'Decision',
        entityId: id,
        assignmentId: facts.assignmentIds[0],
      });
      return reply
        .headers({ ...attachmentHeaders(signed.fileName, 'application/pdf'), 'x-content-sha256': signed.sha256 })
        .send(signed.bytes);
    },
  );

  app.get(
    '/decisions/:id/signature',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['decisions'],
        summary: 'Whether the decision is signed ("đã ký số"): the signer named by the certificate, the signing time',
        description:
          'Read by those who read the decision, and by the administrator who hands its signed copy in (403 otherwise). `verdict` is VERIFIED once a signed copy is kept (one is kept only once verified); `mayHandIn` says whether the caller may hand in the signed copy now (its signer or the administrator, while unsigned).',
        params: IdParamsSchema,
        response: { 200: SignatureStatusSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const facts = await issuedDecisionFacts(prisma, id);
      const { actor } = principal(request);
      // The administrator hands the signed copy in on the signer's behalf without reading the decision: the status
      // carries none of its content (whether signed, by whom, when, the file's hash).
      if (!mayReadDecision(actor, facts) && !mayHandInSignedCopy(actor, facts.signing.signerId))
        throw confidential(`Decision ${id}`);
      return signatureStatus(prisma, id, actor, facts.signing.signerId);
    },
  );
};
