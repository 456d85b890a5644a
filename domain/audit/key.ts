import { randomBytes } from 'node:crypto';

/** The shortest audit key accepted: as long as AUTH_SECRET's minimum, 256 bits of hex or more of text. */
export const AUDIT_KEY_MIN_LENGTH = 32;

let current: Buffer | undefined;

/**
 * Sets the process's audit key: the HMAC secret of every audit row's hash. The service sets it once at start-up
 * (AUDIT_KEY, or the development key file under DATA_DIR; worker/audit-key-file.ts); it is never stored in the
 * database, so whoever can rewrite the table cannot recompute the hashes.
 */
export function useAuditKey(key: string): void {
  if (key.length < AUDIT_KEY_MIN_LENGTH)
    throw new Error(`the audit key must be at least ${AUDIT_KEY_MIN_LENGTH} characters`);
  current = Buffer.from(key, 'utf8');
}

/**
 * The process's audit key. Unset (tests and tools that write and verify in one process), a random key per process,
 * like the development AUTH_SECRET: rows it hashes verify only in that process.
 */
export function auditKey(): Buffer {
  current ??= randomBytes(32);
  return current;
}
