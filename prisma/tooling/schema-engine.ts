/**
 * Prisma's schema engine (the part of `prisma migrate` that diffs schemas and applies migrations),
 * run in-process from its npm WebAssembly build and talking to the database through a Prisma driver
 * adapter. Unlike the CLI it needs no native binary, so it works offline.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { ApplyMigrationsOutput, DiffParams, DiffResult, MigrationList } from '@prisma/schema-engine-wasm';

export type { DiffParams, DiffResult, DiffTarget, MigrationList } from '@prisma/schema-engine-wasm';

export type Provider = 'sqlite' | 'postgresql';

/** The schema filter Prisma passes when prisma.config.ts declares no external tables or enums. */
export const NO_FILTER = { externalTables: [], externalEnums: [] } as const satisfies DiffParams['filters'];

/** Which provider a DATABASE_URL is for; throws a one-line message for anything else. */
export function providerOf(databaseUrl: string): Provider {
  if (/^file:./.test(databaseUrl)) return 'sqlite';
  if (/^postgres(ql)?:\/\/./.test(databaseUrl)) return 'postgresql';
  throw new Error(
    `DATABASE_URL must be a file: URL (SQLite) or a postgres:// URL (PostgreSQL); got "${redact(databaseUrl)}"`,
  );
}

/** `file:./data/x.db`, `file:/abs/x.db` or `file:///abs/x.db?mode=…` → the path better-sqlite3 opens. */
export function sqlitePathOf(databaseUrl: string): string {
  const withoutQuery = databaseUrl.replace(/^file:/, '').replace(/\?.*$/, '');
  return withoutQuery.startsWith('//') ? decodeURIComponent(new URL(`file:${withoutQuery}`).pathname) : withoutQuery;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

export interface SchemaEngine {
  readonly provider: Provider;
  diff(params: DiffParams): Promise<DiffResult>;
  /** Applies the unapplied migrations of `migrations`, recording them in `_prisma_migrations`. */
  applyMigrations(migrations: MigrationList): Promise<ApplyMigrationsOutput>;
  /** Frees the engine and closes every connection it opened (main and shadow databases). */
  dispose(): Promise<void>;
}

export interface OpenSchemaEngineOptions {
  /** Receives the engine's JSON log lines (tracing output); ignored by default. */
  onEngineLog?: (line: string) => void;
}

export async function openSchemaEngine(databaseUrl: string, opts: OpenSchemaEngineOptions = {}): Promise<SchemaEngine> {
  const provider = providerOf(databaseUrl);
  const wasm = await loadWasmModule();
  const tracked = trackConnections(adapterFactoryFor(provider, databaseUrl));
  const engine = await engineCall(() =>
    wasm.SchemaEngine.new(
      { datamodels: undefined },
      (line: string) => opts.onEngineLog?.(line),
      bindMigrationAwareSqlAdapterFactory(tracked.factory),
    ),
  );
  let disposed = false;
  return {
    provider,
    diff: (params) => engineCall(() => engine.diff(params)),
    applyMigrations: (migrationsList) =>
      engineCall(() => engine.applyMigrations({ migrationsList, filters: NO_FILTER })),
    async dispose() {
      if (disposed) return;
      disposed = true;
      engine.free();
      await tracked.closeAll();
    },
  };
}

function adapterFactoryFor(provider: Provider, databaseUrl: string): SqlMigrationAwareDriverAdapterFactory {
  if (provider === 'sqlite') {
    const sqlite = new PrismaBetterSqlite3({ url: sqlitePathOf(databaseUrl) });
    return {
      provider: sqlite.provider,
      adapterName: sqlite.adapterName,
      connect: async () => runScriptsAsScripts(await sqlite.connect()),
      connectToShadowDb: async () => runScriptsAsScripts(await sqlite.connectToShadowDb()),
    };
  }
  const schema = new URL(databaseUrl).searchParams.get('schema') ?? undefined;
  const pg = new PrismaPg({ connectionString: databaseUrl }, schema ? { schema } : undefined);
  return {
    provider: pg.provider,
    adapterName: pg.adapterName,
    connect: async () => labelInternalCharAsText(await pg.connect()),
    connectToShadowDb: async () => labelInternalCharAsText(await pg.connectToShadowDb()),
  };
}

/**
 * The 8.x engine replays a whole migration.sql through `executeRaw`, which adapter-better-sqlite3
 * 7.10 prepares as one statement; better-sqlite3 rejects multi-statement SQL there. A parameterless
 * multi-statement "query" is a script, so run it as one (the engine ignores the affected-row count).
 */
function runScriptsAsScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length > 0 || !mentions(error, 'more than one statement')) throw error;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return adapter;
}

function mentions(error: unknown, text: string): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) if (e.message.includes(text)) return true;
  return false;
}

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;
const PG_INTERNAL_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * The engine's catalog queries return PostgreSQL's one-byte internal `"char"` type
 * (e.g. pg_constraint.contype), for which adapter-pg 7.10 has no column type: it throws
 * UnsupportedNativeDataType and the diff fails. On the wire it is text, so label it text.
 * Patches the adapter's own pool, whose promise form of `query` is all the adapter uses.
 */
function labelInternalCharAsText(adapter: PgAdapter): PgAdapter {
  const pool = adapter.underlyingDriver();
  type Fields = { fields?: { dataTypeID: number }[] };
  const query = pool.query.bind(pool) as (config: unknown) => Promise<Fields>;
  const relabelling = async (config: unknown) => {
    const result = await query(config);
    for (const field of result.fields ?? [])
      if (field.dataTypeID === PG_INTERNAL_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    return result;
  };
  pool.query = relabelling as unknown as typeof pool.query;
  return adapter;
}

/**
 * The engine opens connections through the factory but never closes them when it is freed
 * (a Rust drop cannot await JS), and an open pg pool keeps Node alive; so remember them here.
 */
function trackConnections(inner: SqlMigrationAwareDriverAdapterFactory) {
  const open = new Set<SqlDriverAdapter>();
  const track = async (connect: () => Promise<SqlDriverAdapter>): Promise<SqlDriverAdapter> => {
    const adapter = await connect();
    const dispose = adapter.dispose.bind(adapter);
    let closed = false;
    adapter.dispose = async () => {
      if (closed) return;
      closed = true;
      open.delete(adapter);
      await dispose();
    };
    open.add(adapter);
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => track(() => inner.connect()),
    connectToShadowDb: () => track(() => inner.connectToShadowDb()),
  };
  const closeAll = async () => {
    const results = await Promise.allSettled([...open].map((adapter) => adapter.dispose()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  };
  return { factory, closeAll };
}

// ───────────────────────── loading the .wasm ─────────────────────────

type WasmGlue = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

/** The slice of the WebAssembly global used here; the project's lib settings do not declare it. */
interface WebAssemblyGlobal {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

function webAssembly(): WebAssemblyGlobal {
  return (globalThis as unknown as { WebAssembly: WebAssemblyGlobal }).WebAssembly;
}

let loaded: Promise<WasmGlue> | undefined;
let lastPanic = '';

/**
 * The package's entry point does `import * as wasm from "./schema_engine_bg.wasm"`, which Node 20
 * cannot load, so we do by hand what that entry does: instantiate the .wasm with the wasm-bindgen
 * JS glue (`schema_engine_bg.js`) as its import object, hand the exports back to the glue, and
 * start it. The glue keeps the instance in module state, so this happens once per process.
 */
function loadWasmModule(): Promise<WasmGlue> {
  loaded ??= (async () => {
    installPanicRegistry();
    const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
    // The glue exports one JS function per wasm import under the module name the .wasm was built with.
    const imports = { './schema_engine_bg.js': withUnrefTimers(glue) };
    const { instance } = await webAssembly().instantiate(bytes, imports);
    glue.__wbg_set_wasm(instance.exports); // WASM boundary: the glue types this parameter as `any`.
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return loaded;
}

/**
 * The engine arms 10 s timeouts (e.g. around taking the migration advisory lock) and never clears
 * them, which would keep Node alive for 10 s after every command. Unref them; `engineCall` holds
 * the process open while a command is actually running.
 */
function withUnrefTimers(glue: WasmGlue): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...glue };
  for (const [name, value] of Object.entries(glue)) {
    if (!name.startsWith('__wbg_setTimeout_') || typeof value !== 'function') continue;
    const setTimer = value as (...args: unknown[]) => unknown;
    imports[name] = (...args: unknown[]) => {
      const timer = setTimer(...args);
      (timer as { unref?: () => void } | undefined)?.unref?.();
      return timer;
    };
  }
  return imports;
}

/** On a Rust panic the glue reports the message through this global before throwing a bare RuntimeError. */
function installPanicRegistry(): void {
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
  g.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message: string) {
      lastPanic = message;
    },
  };
}

/** Runs one engine command: keeps Node alive meanwhile and adds the panic message to a panic's error. */
async function engineCall<T>(call: () => Promise<T>): Promise<T> {
  lastPanic = '';
  const keepAlive = setInterval(() => {}, 60_000);
  try {
    return await call();
  } catch (error) {
    if (lastPanic && error instanceof Error) error.message = `${error.message} (schema engine panic: ${lastPanic})`;
    throw error;
  } finally {
    clearInterval(keepAlive);
  }
}
