/**
 * The audit log's signing keys and where its checkpoints go besides the anchor workflow: set once at start-up
 * (AUDIT_SIGNING_KEY, or outside production a key file under DATA_DIR; AUDIT_CHECKPOINT_FILE; WITNESS_URL). The keys
 * are never written to the database: whoever can rewrite the table cannot sign a checkpoint of the rewritten log.
 */
import { randomBytes } from 'node:crypto';
import { parseSignerKey, type SignerKey, signerKeyFromSeed } from '../../machines/tlog/note';

/** The origin (and key name) of a log whose key was generated outside production. */
export const DEVELOPMENT_ORIGIN = 'dia-ban.invalid/audit-log';

export interface AuditSigning {
  /** The current key first; during a rotation, the keys it replaces after it (each checkpoint is signed by all). */
  keys: SignerKey[];
  /** The append-only file every signed checkpoint is added to; none when unset. */
  checkpointFile?: string | undefined;
  /** The `tlog-witness` submission prefix each checkpoint is sent to; none when unset. */
  witnessUrl?: string | undefined;
}

let current: AuditSigning | undefined;

/** Parses AUDIT_SIGNING_KEY: one or more `PRIVATE+KEY+…` keys, the current one first, all of one name (the origin). */
export function parseSigningKeys(text: string): SignerKey[] {
  const keys = text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((k) => parseSignerKey(k));
  if (keys.length === 0) throw new Error('no signing key');
  if (keys.some((k) => k.name !== keys[0]!.name)) throw new Error('the signing keys name one origin');
  return keys;
}

export function useAuditSigning(signing: AuditSigning): void {
  current = signing;
}

/** The process's signing settings; unset (tests, tools), a random key per process and no file, no witness. */
export function auditSigning(): AuditSigning {
  current ??= { keys: [signerKeyFromSeed(DEVELOPMENT_ORIGIN, randomBytes(32))] };
  return current;
}

/** The log's origin: its current key's name. */
export const auditOrigin = () => auditSigning().keys[0]!.name;
