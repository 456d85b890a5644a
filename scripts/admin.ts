/**
 * `npm run admin -- create <username> [--name "<display name>"]`: the first administrator (or another), with a
 * one-time password printed here once, to be changed at the first login.
 * `npm run admin -- reset <username>`: a locked-out administrator gets a new one-time password (and is reactivated if
 * deactivated); their sessions end. Other accounts are reset by an administrator in the app.
 *
 * Run on the server with the service's settings (DATABASE_URL, AUDIT_KEY in production, DATA_DIR), while the service
 * runs or not, on a database the service has migrated (it migrates at every start): it writes through the same audited
 * writes as the app, and names itself `command:admin` on the audit chain.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { accountByUsername } from '../domain/accounts/reads';
import { createAccount, reactivateAccount, resetPassword } from '../domain/accounts/writes';
import { useAuditKey } from '../domain/audit/key';
import { Refusal } from '../domain/refusal';
import { openDatabase, type PrismaClient } from '../prisma/database';
import { developmentAuditKey } from '../worker/audit-key-file';
import { AUDIT_KEY_MIN_LENGTH } from '../domain/audit/key';
import { ConfigError, DEFAULTS } from '../worker/config';

/**
 * Only the settings a write needs, read as the service reads them (worker/config.ts): the command must run where the
 * service's other settings (Temporal, the signing secrets) are not at hand.
 */
function settingsOf(env: NodeJS.ProcessEnv) {
  const dataDir = path.resolve(env.DATA_DIR || DEFAULTS.dataDir);
  const url = env.DATABASE_URL || `file:${path.join(dataDir, 'dia-ban.db')}`;
  return { dataDir, url, provider: url.startsWith('file:') ? ('sqlite' as const) : ('postgresql' as const) };
}

/** The audit chain's key: AUDIT_KEY, required in production; outside it, the key file the service made under DATA_DIR. */
async function auditKeyOf(env: NodeJS.ProcessEnv): Promise<string> {
  const key = env.AUDIT_KEY;
  if (key) {
    if (key.length < AUDIT_KEY_MIN_LENGTH)
      throw new ConfigError('AUDIT_KEY', `AUDIT_KEY must be at least ${AUDIT_KEY_MIN_LENGTH} characters`);
    return key;
  }
  if (env.NODE_ENV === 'production')
    throw new ConfigError(
      'AUDIT_KEY',
      "AUDIT_KEY must be set in production: the service's own, which keys the audit chain",
    );
  return (await developmentAuditKey(path.join(settingsOf(env).dataDir, 'audit.key'))).key;
}

/** Whether the service's migrations made the tables: the command does not migrate, the service may be running. */
async function isMigrated(prisma: PrismaClient): Promise<boolean> {
  try {
    await prisma.user.count();
    return true;
  } catch {
    return false;
  }
}

const USAGE = 'usage: npm run admin -- create <username> [--name "<display name>"] | reset <username>';
const BY = { command: 'command:admin' };

/** Runs the command; answers the exit code. `say` prints a line (the one-time password among them). */
export async function runAdminCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  say: (line: string) => void,
): Promise<number> {
  const [verb, username, ...rest] = args;
  if ((verb !== 'create' && verb !== 'reset') || !username || username.startsWith('-')) {
    say(USAGE);
    return 2;
  }
  const nameAt = rest.indexOf('--name');
  const displayName = nameAt >= 0 ? rest[nameAt + 1] : undefined;
  const { url, provider } = settingsOf(env);
  useAuditKey(await auditKeyOf(env));
  const database = openDatabase(url);
  try {
    if (!(await isMigrated(database.prisma))) {
      say('the database has no tables yet: start the service once (it migrates), or run `npm run migrate`, first');
      return 1;
    }
    const db = { prisma: database.prisma, provider };
    let answer;
    if (verb === 'create') {
      answer = await createAccount(db, BY, {
        username,
        displayName: displayName ?? username,
        roles: ['ADMINISTRATOR'],
      });
    } else {
      const found = await accountByUsername(database.prisma, username);
      if (!found) throw new Refusal(404, 'NOT_FOUND', `There is no account ${username}`);
      if (!found.administrator)
        throw new Refusal(422, 'NOT_AN_ADMINISTRATOR', `${username} is not an administrator: reset it in the app`);
      answer = await resetPassword(db, BY, found.id);
      if (!found.active) await reactivateAccount(db, BY, found.id);
    }
    say(`${verb === 'create' ? 'created' : 'reset'} the administrator ${username}`);
    say(`one-time password: ${answer.oneTimePassword}`);
    say('it is shown only now; it must be changed at the first login');
    return 0;
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    say(`refused: ${error.message}`);
    return 1;
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  runAdminCommand(process.argv.slice(2), process.env, (line) => console.log(`[admin] ${line}`)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(`[admin] failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
