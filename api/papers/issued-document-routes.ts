/**
 * A register's decisions as issued, at three addresses under its base: `{base}/:id/document?format=`, and
 * `{base}/:id/document.docx` and `.pdf`. Each answers the stored document as an attachment named after its number,
 * with its SHA-256 in `Repr-Digest` (RFC 9530) and `X-Content-SHA256`. The Board's decisions (api/papers/routes.ts) and
 * the Standing Committee's (api/commune-decisions/papers.ts) differ only in who reads and what is audited: `read`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DocumentFormat, IssuedDocument } from '../../domain/papers/issued';
import type { Role } from '../../machines/roles';
import { IdParamsSchema } from '../params';
import type { ZodTypeProvider } from '../zod-provider';
import { DocumentQuerySchema } from './schemas';

export const DOCUMENT_MEDIA = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

export const PAPERS_UNAVAILABLE =
  ' 503 `PAPERS_UNAVAILABLE` with Retry-After when the PDF is not made yet and LibreOffice is not installed, busy or too slow.';

const HASH_HEADERS = {
  'repr-digest': { type: 'string', description: "The document's SHA-256 as RFC 9530 writes it: sha-256=:<base64>:" },
  'x-content-sha256': { type: 'string', description: "The document's SHA-256, lower-case hex" },
} as const;

export const documentContent = (formats: readonly DocumentFormat[]) =>
  Object.fromEntries(formats.map((f) => [DOCUMENT_MEDIA[f], { schema: { type: 'string', format: 'binary' } }]));

export interface IssuedDocumentRoutes {
  /** e.g. `/decisions`. */
  base: string;
  roles: readonly Role[];
  tags: string[];
  /** The summary of the address that takes `?format=`. */
  summary: string;
  /** What the per-format summaries call the decision, e.g. "The written decision". */
  subject: string;
  /** Who reads it, what is audited, what the document is. */
  readers: string;
  /** The document for this reader, its read audited; refuses (403, 404) as the register's rule says. */
  read(
    request: FastifyRequest,
    id: string,
    format: DocumentFormat,
  ): Promise<{ number: string; issued: IssuedDocument }>;
}

export function registerIssuedDocumentRoutes(fastify: FastifyInstance, routes: IssuedDocumentRoutes): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const config = { roles: routes.roles };

  async function send(request: FastifyRequest, reply: FastifyReply, id: string, format: DocumentFormat) {
    const { number, issued } = await routes.read(request, id, format);
    const fileName = `Quyet-dinh-${number.replace(/[^\p{L}\p{N}-]+/gu, '-')}.${format}`;
    return reply
      .header('content-type', DOCUMENT_MEDIA[format])
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .header('repr-digest', `sha-256=:${Buffer.from(issued.sha256, 'hex').toString('base64')}:`)
      .header('x-content-sha256', issued.sha256)
      .send(issued.bytes);
  }

  app.get(
    `${routes.base}/:id/document`,
    {
      config,
      schema: {
        tags: routes.tags,
        summary: routes.summary,
        description: routes.readers + PAPERS_UNAVAILABLE,
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
      `${routes.base}/:id/document.${format}`,
      {
        config,
        schema: {
          tags: routes.tags,
          summary: `${routes.subject} as issued, as ${format === 'pdf' ? 'a PDF' : 'a Word document'}: the same as GET ${routes.base}/{id}/document?format=${format}`,
          description: routes.readers + (format === 'pdf' ? PAPERS_UNAVAILABLE : ''),
          params: IdParamsSchema,
          response: {
            200: {
              description: `The document (${DOCUMENT_MEDIA[format]}), as an attachment named after its number`,
              headers: HASH_HEADERS,
              content: documentContent([format]),
            },
          },
        },
      },
      async (request, reply) => send(request, reply, request.params.id, format),
    );
  }
}
