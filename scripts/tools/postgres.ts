/**
 * A PostgreSQL server to create throwaway databases on: the one in TEST_POSTGRES_URL if set,
 * otherwise a private cluster started from the locally installed server binaries and removed on stop.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { chown, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { freePort } from '../../worker/ports';

export interface PostgresServer {
  /** The server's administrative URL (its `postgres` database). */
  readonly adminUrl: string;
  /** Creates a uniquely named database, empty or a copy of `template`, and returns its URL. */
  createDatabase(prefix?: string, template?: string): Promise<string>;
  /** Drops the databases created here and, for a private cluster, stops it and deletes its files. */
  stop(): Promise<void>;
}

export async function startPostgres(opts: { log?: (line: string) => void } = {}): Promise<PostgresServer> {
  const external = process.env.TEST_POSTGRES_URL;
  if (external) return onServer(external, async () => {});
  const cluster = await startCluster();
  opts.log?.(`started a throwaway PostgreSQL cluster on 127.0.0.1:${cluster.port} (${cluster.dir})`);
  return onServer(`postgresql://postgres@127.0.0.1:${cluster.port}/postgres`, cluster.stop);
}

function onServer(adminUrl: string, shutdown: () => Promise<void>): PostgresServer {
  const created: string[] = [];
  const admin = async (sql: string) => {
    const conn = await new PrismaPg({ connectionString: adminUrl }).connect();
    try {
      await conn.executeScript(sql);
    } finally {
      await conn.dispose();
    }
  };
  return {
    adminUrl,
    async createDatabase(prefix = 'dia_ban_test', template?: string) {
      const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
      await admin(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      try {
        for (const name of created.splice(0)) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await shutdown();
      }
    },
  };
}

// ───────────────────────── private cluster ─────────────────────────

interface Cluster {
  port: number;
  dir: string;
  stop(): Promise<void>;
}

async function startCluster(): Promise<Cluster> {
  const bin = findServerBinaries();
  const serverUser = serverUserWrapper();
  const dir = await mkdtemp(path.join(tmpdir(), 'dia-ban-pg-'));
  if (serverUser.owner) await chown(dir, serverUser.owner.uid, serverUser.owner.gid);
  const data = path.join(dir, 'data');
  const run = (tool: string, args: string[]) => {
    const [command, commandArgs] = serverUser.wrap(path.join(bin, tool), args);
    execFileSync(command, commandArgs, { stdio: 'pipe' });
  };
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-locale', '-E', 'UTF8', '--no-sync']);
  } catch (error) {
    removeDir();
    throw new Error(`initdb failed: ${commandOutput(error)}`);
  }
  const port = await freePort();
  // -F: no fsync, the cluster is thrown away; -k: the socket goes in our own directory, not a shared one.
  const serverOptions = `-h 127.0.0.1 -p ${port} -k ${dir} -F`;
  const stopSync = () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already stopped
    }
    removeDir();
  };
  try {
    run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '30', '-o', serverOptions, 'start']);
  } catch (error) {
    stopSync();
    throw new Error(`pg_ctl start failed: ${commandOutput(error)}`);
  }
  // A crashed test run must not leave a postgres process behind.
  process.once('exit', stopSync);
  return {
    port,
    dir,
    async stop() {
      process.removeListener('exit', stopSync);
      stopSync();
    },
  };
}

const INSTALL_HINT =
  'PostgreSQL server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin or on PATH. ' +
  'Install them (Debian/Ubuntu: `apt-get install postgresql`), or set TEST_POSTGRES_URL to a server ' +
  'where these tests may create databases (e.g. postgresql://postgres:secret@127.0.0.1:5432/postgres).';

export function findServerBinaries(): string {
  const debianRoot = '/usr/lib/postgresql';
  const debian = existsSync(debianRoot)
    ? readdirSync(debianRoot)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => path.join(debianRoot, v, 'bin'))
    : [];
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const found = [...debian, ...onPath].find(
    (d) => existsSync(path.join(d, 'initdb')) && existsSync(path.join(d, 'pg_ctl')),
  );
  if (!found) throw new Error(INSTALL_HINT);
  return found;
}

type Wrap = (command: string, args: string[]) => [string, string[]];

/** PostgreSQL refuses to run as root; as root, run its tools as the `postgres` system user. */
export function serverUserWrapper(): { wrap: Wrap; owner?: { uid: number; gid: number } } {
  if (process.getuid?.() !== 0) return { wrap: (command, args) => [command, args] };
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { wrap: (command, args) => ['runuser', ['-u', 'postgres', '--', command, ...args]], owner: { uid, gid } };
  } catch {
    throw new Error(
      'running as root, and PostgreSQL will not run as root: create a `postgres` system user ' +
        '(installing the postgresql package does) or set TEST_POSTGRES_URL',
    );
  }
}

function commandOutput(error: unknown): string {
  const e = error as { stderr?: Buffer; stdout?: Buffer; message?: string };
  return (e.stderr?.toString() || e.stdout?.toString() || e.message || String(error)).trim();
}
