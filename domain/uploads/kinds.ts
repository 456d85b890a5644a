/**
 * The kinds of file the service takes, each with its own limit and the media types it accepts. A file travels as a
 * streamed multipart upload (api/uploads.ts), never as base64 in JSON, and its content's real type is checked
 * (./media-type.ts) before anything is stored.
 */
export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
export type MediaType = (typeof MEDIA_TYPES)[keyof typeof MEDIA_TYPES];

export interface UploadKind {
  /** Named in refusals and in the documentation. */
  readonly name: string;
  readonly maxBytes: number;
  readonly accepts: readonly MediaType[];
}

const MiB = 1024 * 1024;

export const UPLOAD_KINDS = {
  /** A meeting's invitation (giấy mời) as the area sent it: a scan, a photo or the Word file. */
  invitation: {
    name: 'invitation document',
    maxBytes: 10 * MiB,
    accepts: [MEDIA_TYPES.pdf, MEDIA_TYPES.png, MEDIA_TYPES.jpeg, MEDIA_TYPES.docx],
  },
  /** A decision's final PDF signed by its signer: the issued PDF plus the signature, with room for the chain. */
  signedDecision: { name: 'signed decision', maxBytes: 20 * MiB, accepts: [MEDIA_TYPES.pdf] },
} as const satisfies Record<string, UploadKind>;
export type UploadKindName = keyof typeof UPLOAD_KINDS;

/** "10 MiB" for a refusal or a document. */
export function sizeLabel(bytes: number): string {
  return bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes} bytes`;
}
