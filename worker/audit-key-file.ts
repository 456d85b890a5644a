import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AUDIT_KEY_MIN_LENGTH } from '../domain/audit/key';
import { DEVELOPMENT_ORIGIN } from '../domain/audit/signing';
import { signerKeyFromSeed } from '../machines/tlog/note';
import { ConfigError } from './config';

/**
 * The development audit key: AUDIT_KEY unset outside production, a key generated on the first start and kept in a
 * file under DATA_DIR (readable by its owner only), outside the database, so a restart keeps verifying the chain.
 */
export async function developmentAuditKey(file: string): Promise<{ key: string; created: boolean }> {
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    return { key: await readKey(file), created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { key: await readKey(file), created: false };
  }
}

async function readKey(file: string): Promise<string> {
  const key = (await readFile(file, 'utf8')).trim();
  if (key.length < AUDIT_KEY_MIN_LENGTH)
    throw new ConfigError(
      'AUDIT_KEY',
      `the audit key file ${file} holds ${key.length} characters, not ${AUDIT_KEY_MIN_LENGTH} or more`,
    );
  return key;
}

/**
 * The development signing key of the audit log's checkpoints: AUDIT_SIGNING_KEY unset outside production, a key
 * generated on the first start into a file under DATA_DIR (readable by its owner only), so checkpoints keep verifying
 * with one public key across restarts.
 */
export async function developmentSigningKey(file: string): Promise<{ key: string; created: boolean }> {
  await mkdir(path.dirname(file), { recursive: true });
  const generated = signerKeyFromSeed(DEVELOPMENT_ORIGIN, randomBytes(32)).secret;
  try {
    await writeFile(file, `${generated}\n`, { flag: 'wx', mode: 0o600 });
    return { key: generated, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { key: (await readFile(file, 'utf8')).trim(), created: false };
  }
}
