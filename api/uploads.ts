/**
 * Files as streamed multipart uploads (@fastify/multipart): each route reads one file part with its kind's own size
 * limit (domain/uploads/kinds.ts), past which it answers 413 naming the limit while the rest of the stream is
 * drained; the content's real type is checked before the route sees the bytes. JSON's 1 MiB body limit does not
 * apply to multipart bodies: the kind's limit does.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkedMediaType } from '../domain/uploads/media-type';
import { type MediaType, sizeLabel, UPLOAD_KINDS, type UploadKindName } from '../domain/uploads/kinds';
import { Refusal } from './errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A multipart route: the file's field and kind, for the OpenAPI document (api/openapi.ts). */
    upload?: { field: string; kind: UploadKindName };
  }
}

export interface Upload {
  fileName: string;
  mediaType: MediaType;
  content: Buffer<ArrayBuffer>;
}

/** Beside the one file, a form carries nothing large. */
const FORM_LIMITS = { fields: 10, fieldSize: 64 * 1024, fieldNameSize: 100, files: 1, parts: 12, headerPairs: 100 };

export function addUploads(app: FastifyInstance): void {
  void app.register(multipart, { limits: FORM_LIMITS, throwFileSizeLimit: true });
}

const invalid = (path: string, message: string) =>
  new Refusal(400, 'INVALID_INPUT', 'The request is invalid', { issues: [{ path, message }] });

/** A file name as stored and sent back in Content-Disposition: no folders, no control characters. */
function cleanFileName(name: string | undefined, fallback: string): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const clean = [...base]
    .filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 255);
  return clean || fallback;
}

function tooLarge(kind: UploadKindName): Refusal {
  const { name, maxBytes } = UPLOAD_KINDS[kind];
  return new Refusal(413, 'FILE_TOO_LARGE', `A ${name} is at most ${sizeLabel(maxBytes)}`, {
    rule: 'FILE_SIZE_LIMIT',
    kind,
    limitBytes: maxBytes,
  });
}

/** The multipart library's own refusals, as the API's declared ones. */
function asRefusal(error: unknown, kind: UploadKindName): Refusal {
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(kind);
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return new Refusal(413, 'FORM_TOO_LARGE', 'A form carries one file and at most 10 small fields', {
      rule: 'FORM_LIMITS',
    });
  if (error instanceof Refusal) return error;
  // Reading the request is all that happens here: any other failure is a body the parser could not read.
  return invalid('', `the multipart body could not be read: ${(error as Error).message}`);
}

/**
 * The one file of a multipart/form-data request, in field `field`, of kind `kind`: 415 when the request is not
 * multipart or the content (an empty one too) is not of an accepted type, 413 past the kind's limit, 400 when the
 * file is missing.
 */
export async function readUpload(request: FastifyRequest, field: string, kind: UploadKindName): Promise<Upload> {
  if (!request.isMultipart())
    throw new Refusal(415, 'UNSUPPORTED_MEDIA_TYPE', `Send multipart/form-data with the file in the field "${field}"`, {
      rule: 'MULTIPART_FORM',
    });
  try {
    const part = await request.file({ limits: { ...FORM_LIMITS, fileSize: UPLOAD_KINDS[kind].maxBytes } });
    if (!part) throw invalid(field, 'a file is required');
    if (part.fieldname !== field) {
      part.file.resume();
      throw invalid(field, `the file is sent in the field "${field}"`);
    }
    // Collected by Buffer.concat: a buffer of its own, never a shared one.
    const content = (await part.toBuffer()) as Buffer<ArrayBuffer>;
    if (part.file.truncated) throw tooLarge(kind);
    const mediaType = checkedMediaType(UPLOAD_KINDS[kind], part.mimetype ?? '', content);
    return { fileName: cleanFileName(part.filename, `${field}`), mediaType, content };
  } catch (error) {
    throw asRefusal(error, kind);
  }
}

/** How a stored file goes back: as an attachment under its own name, never rendered by the browser. */
export function attachmentHeaders(fileName: string, mediaType: string): Record<string, string> {
  return {
    'content-type': mediaType,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'x-content-type-options': 'nosniff',
  };
}
