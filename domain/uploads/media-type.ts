/**
 * A file's real type from its first bytes, not from what the sender declared: a PDF starts with `%PDF-`, a PNG and a
 * JPEG with their signatures, a .docx is a zip holding `word/document.xml`. Anything else (HTML, a script, a zip of
 * something else) has no type here, and is refused.
 */
import { unzipSync } from 'fflate';
import { Refusal } from '../refusal';
import { MEDIA_TYPES, type MediaType, type UploadKind } from './kinds';

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Whether a zip holds a Word document's main part; the entries' names are read, none is inflated. */
function isWordDocument(bytes: Uint8Array): boolean {
  let found = false;
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        if (entry.name === 'word/document.xml') found = true;
        return false;
      },
    });
  } catch {
    return false;
  }
  return found;
}

export function sniffMediaType(bytes: Uint8Array): MediaType | undefined {
  if (startsWith(bytes, PDF)) return MEDIA_TYPES.pdf;
  if (startsWith(bytes, PNG)) return MEDIA_TYPES.png;
  if (startsWith(bytes, JPEG)) return MEDIA_TYPES.jpeg;
  if (startsWith(bytes, ZIP) && isWordDocument(bytes)) return MEDIA_TYPES.docx;
  return undefined;
}

/** What a sender declares when it does not know: the content then decides. */
const UNDECLARED = new Set(['', 'application/octet-stream']);

/**
 * The media type a file is stored and served with: the declared one must be one the kind accepts (or none), and
 * the content must be of it. 415 otherwise, naming the rule: ACCEPTED_MEDIA_TYPE or CONTENT_MATCHES_MEDIA_TYPE.
 */
export function checkedMediaType(kind: UploadKind, declared: string, bytes: Uint8Array): MediaType {
  const declaredType = declared.split(';')[0]!.trim().toLowerCase();
  const accepted = kind.accepts as readonly string[];
  if (!UNDECLARED.has(declaredType) && !accepted.includes(declaredType)) {
    throw new Refusal(415, 'UNSUPPORTED_MEDIA_TYPE', `A ${kind.name} is one of: ${accepted.join(', ')}`, {
      rule: 'ACCEPTED_MEDIA_TYPE',
      declared: declaredType,
      accepted,
    });
  }
  const actual = sniffMediaType(bytes);
  if (!actual || !accepted.includes(actual) || (!UNDECLARED.has(declaredType) && actual !== declaredType)) {
    throw new Refusal(
      415,
      'CONTENT_TYPE_MISMATCH',
      `The file's content is not ${UNDECLARED.has(declaredType) ? `one of: ${accepted.join(', ')}` : `a ${declaredType} file`} (a ${kind.name} is checked by its first bytes)`,
      { rule: 'CONTENT_MATCHES_MEDIA_TYPE', declared: declaredType, detected: actual ?? 'unknown' },
    );
  }
  return actual;
}
