/**
 * Generates the two Prisma clients (SQLite from the canonical schema, PostgreSQL from the derived
 * one) unless the generated code already matches its schema. A stamp file in each output folder
 * records the hash of the schema and the Prisma version it was generated from.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CANONICAL_SCHEMA_PATH, derivePostgresSchema, schemaPathFor, type Provider } from './migrations';

const require = createRequire(import.meta.url);
const STAMP = '.schema-stamp';

export async function ensurePrismaClients(opts: { log: (line: string) => void }): Promise<void> {
  const { log } = opts;
  await warnIfPostgresSchemaIsStale(log);
  let env: NodeJS.ProcessEnv | undefined;
  await Promise.all(
    (['sqlite', 'postgresql'] as const).map(async (provider) => {
      const target = await targetFor(provider);
      if ((await readFile(target.stampPath, 'utf8').catch(() => null)) === target.stamp && existsSync(target.entry)) {
        log(`prisma client (${provider}): reused ${path.relative(process.cwd(), target.outputDir)}`);
        return;
      }
      const started = performance.now();
      env ??= cliEnvironment(log);
      await runPrismaGenerate(target.schemaPath, env);
      await writeFile(target.stampPath, target.stamp);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      log(`prisma client (${provider}): generated ${path.relative(process.cwd(), target.outputDir)} in ${seconds} s`);
    }),
  );
}

async function targetFor(provider: Provider) {
  const schemaPath = schemaPathFor(provider);
  const schema = await readFile(schemaPath, 'utf8');
  const output = /generator\s+client\s*\{[^}]*output\s*=\s*"([^"]+)"/.exec(schema)?.[1];
  if (!output) throw new Error(`${schemaPath}: the client generator has no output path`);
  const outputDir = path.resolve(path.dirname(schemaPath), output);
  const hash = createHash('sha256').update(schema).digest('hex');
  return {
    schemaPath,
    outputDir,
    entry: path.join(outputDir, 'client.ts'),
    stampPath: path.join(outputDir, STAMP),
    stamp: `prisma ${prismaVersion()}\nschema sha256 ${hash}\n`,
  };
}

function prismaVersion(): string {
  return (require('prisma/package.json') as { version: string }).version;
}

/**
 * `prisma generate` does not use the native schema engine but still insists on finding or
 * downloading it. Where it is neither installed nor configured (offline machines), pointing
 * PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies the check.
 */
function cliEnvironment(log: (line: string) => void): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
  if (env.PRISMA_SCHEMA_ENGINE_BINARY || nativeSchemaEngineInstalled()) return env;
  log('prisma: no native schema engine installed; generating without it (PRISMA_SCHEMA_ENGINE_BINARY placeholder)');
  return { ...env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath };
}

/** Where the Prisma CLI looks for `schema-engine-<platform>`: @prisma/engines, then the prisma package. */
function nativeSchemaEngineInstalled(): boolean {
  const packageDirs = ['@prisma/engines', 'prisma'].flatMap((name) => {
    try {
      return [path.dirname(require.resolve(`${name}/package.json`))];
    } catch {
      return [];
    }
  });
  return packageDirs.some((dir) => readdirSync(dir).some((file) => file.startsWith('schema-engine-')));
}

function runPrismaGenerate(schemaPath: string, env: NodeJS.ProcessEnv): Promise<void> {
  const cli = require.resolve('prisma/build/index.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'generate', '--schema', schemaPath], {
      // The repository root: where prisma.config.ts and the tsconfig that shapes the generated imports live.
      cwd: path.dirname(path.dirname(CANONICAL_SCHEMA_PATH)),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`prisma generate --schema ${schemaPath} exited with ${code}:\n${output.trim()}`)),
    );
  });
}

async function warnIfPostgresSchemaIsStale(log: (line: string) => void): Promise<void> {
  const derived = derivePostgresSchema(await readFile(CANONICAL_SCHEMA_PATH, 'utf8'));
  const checkedIn = await readFile(schemaPathFor('postgresql'), 'utf8').catch(() => null);
  if (derived !== checkedIn) {
    log(
      'warning: prisma/postgresql/schema.prisma is out of date with prisma/schema.prisma; run `npm run migrate:new -- <name>`',
    );
  }
}
