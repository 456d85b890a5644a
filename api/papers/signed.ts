/**
 * A decision's signed PDF: handed in as a multipart upload by its signer or the administrator, accepted only once its
 * signature is verified against the final PDF as issued (domain/papers/signature-store.ts; 422 SIGNATURE_REFUSED
 * naming the reason otherwise), then downloaded as kept; and whether the decision is signed ("đã ký số"). One set of
 * routes for every register (registerSignedDocumentRoutes): the Board's decisions here, the Standing Committee's in
 * api/commune-decisions/papers.ts, differing in their base, roles, words, register and who reads.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { SignatureStatusSchema } from '../../contracts/signatures';
import { issuedDecisionFacts } from '../../domain/papers/issued';
import {
  acceptSignedDocument,
  BOARD_SIGNED_REGISTER,
  mayHandInSignedCopy,
  type SignedRegister,
  signatureStatus,
  signedDocument,
  UPLOADERS,
} from '../../domain/papers/signature-store';
import { SIGNATURE_REFUSALS } from '../../domain/papers/signature-verify';
import { confidential, notFound } from '../../domain/refusal';
import { mayReadDecision } from '../../machines/access';
import { type Role, STAFF } from '../../machines/roles';
import { auditConfidentialRead, type ConfidentialRecord } from '../audited-read';
import { principal } from '../auth/plugin';
import type { Database } from '../../prisma/database';
import type { RouteDeps } from '../deps';
import { IdParamsSchema } from '../params';
import { attachmentHeaders, readUpload } from '../uploads';
import type { ZodTypeProvider } from '../zod-provider';

const REASONS = Object.keys(SIGNATURE_REFUSALS).join(', ');

export interface SignedDocumentRoutes {
  db: Pick<Database, 'prisma' | 'provider'>;
  /** e.g. `/decisions`. */
  base: string;
  tags: string[];
  register: SignedRegister;
  /** The roles that may call the upload: the signers' and the administrator's; the signer rule decides. */
  uploaders: readonly Role[];
  /** The roles that may call the reads; `reader` decides. */
  readers: readonly Role[];
  /** Who signs, for the descriptions, e.g. "the decision's signer". */
  signer: string;
  /** Who reads, for the descriptions. */
  readersText: string;
  /** Whether the caller reads the decision (a 404 for none), and what a read of its signed copy audits. */
  reader(request: FastifyRequest, id: string): Promise<{ reads: boolean; record: ConfidentialRecord }>;
}

export function registerSignedDocumentRoutes(fastify: FastifyInstance, routes: SignedDocumentRoutes): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = routes;
  const { prisma } = db;
  const { base, tags, register } = routes;

  app.post(
    `${base}/:id/signed-document`,
    {
      config: { roles: routes.uploaders, upload: { field: 'file', kind: 'signedDecision' } },
      schema: {
        tags,
        summary: "Hand in the decision's PDF as its signer signed it (multipart, field 'file'); kept once verified",
        description: `By ${routes.signer}, or the administrator on their behalf (403 NOT_THE_SIGNER otherwise). The file must be the final PDF as issued (GET ${base}/{id}/document?format=pdf; 409 FINAL_PDF_NOT_ISSUED before it is made) with a PAdES/CMS signature over the whole file but the signature, by a certificate that chains to a configured root (PAPERS_SIGNING_ROOTS) and names the signer, signed after the issue; otherwise 422 SIGNATURE_REFUSED with \`reason\`: ${REASONS}. Kept with its SHA-256 in a DECISION_SIGNED audit row (on the ${register.entityType}); the same file again answers the same; another after it, 409 ALREADY_SIGNED.`,
        consumes: ['multipart/form-data'],
        params: IdParamsSchema,
        response: { 201: SignatureStatusSchema },
      },
    },
    async (request, reply) => {
      const upload = await readUpload(request, 'file', 'signedDecision');
      const status = await acceptSignedDocument(db, register, principal(request), request.params.id, upload);
      return reply.code(201).header('location', `${base}/${request.params.id}/signed-document`).send(status);
    },
  );

  app.get(
    `${base}/:id/signed-document`,
    {
      config: { roles: routes.readers },
      schema: {
        tags,
        summary: 'The decision as signed: the verified signed PDF, as kept',
        description: `Read by those who read the decision (${routes.readersText}; 403 otherwise), each read audited; 404 before a signed copy is kept.`,
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
      const { reads, record } = await routes.reader(request, id);
      if (!reads) throw confidential(`Decision ${id}`);
      const signed = await signedDocument(prisma, register, id);
      if (!signed) throw notFound('signed decision', id);
      await auditConfidentialRead(db, request, record);
      return reply
        .headers({ ...attachmentHeaders(signed.fileName, 'application/pdf'), 'x-content-sha256': signed.sha256 })
        .send(signed.bytes);
    },
  );

  app.get(
    `${base}/:id/signature`,
    {
      config: { roles: [...new Set<Role>([...routes.readers, ...routes.uploaders])] },
      schema: {
        tags,
        summary: 'Whether the decision is signed ("đã ký số"): the signer named by the certificate, the signing time',
        description: `Read by those who read the decision (${routes.readersText}), and by the administrator who hands its signed copy in (403 otherwise). \`verdict\` is VERIFIED once a signed copy is kept (one is kept only once verified); \`mayHandIn\` says whether the caller may hand in the signed copy now (${routes.signer} or the administrator, while unsigned).`,
        params: IdParamsSchema,
        response: { 200: SignatureStatusSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { reads } = await routes.reader(request, id);
      const caller = principal(request);
      const { signerId } = await register.signing(prisma, id);
      // The administrator hands the signed copy in on the signer's behalf without reading the decision: the status
      // carries none of its content (whether signed, by whom, when, the file's hash).
      if (!reads && !mayHandInSignedCopy(register, caller, signerId)) throw confidential(`Decision ${id}`);
      return signatureStatus(prisma, register, id, caller, signerId);
    },
  );
}

export const signedDocumentRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma, provider }) => {
  registerSignedDocumentRoutes(fastify, {
    db: { prisma, provider },
    base: '/decisions',
    tags: ['decisions'],
    register: BOARD_SIGNED_REGISTER,
    uploaders: UPLOADERS,
    readers: STAFF,
    signer: "the decision's signer",
    readersText: 'leadership, the auditor, the officials it names',
    async reader(request, id) {
      const facts = await issuedDecisionFacts(prisma, id);
      return {
        reads: mayReadDecision(principal(request).actor, facts),
        record: { entityType: 'Decision', entityId: id, assignmentId: facts.assignmentIds[0] },
      };
    },
  });
};
