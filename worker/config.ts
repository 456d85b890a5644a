import path from 'node:path';
import { z } from 'zod';
import { AUDIT_KEY_MIN_LENGTH } from '../domain/audit/key';

/** A setting that cannot be used; `message` is the whole one-line explanation, naming the setting. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(message);
  }
}

// Unset and empty (`PORT=` in a .env or compose file) mean the same: use the default.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const port = (setting: string) =>
  z.coerce
    .number({ error: `${setting} must be a port number` })
    .int(`${setting} must be a whole number`)
    .min(1, `${setting} must be between 1 and 65535`)
    .max(65535, `${setting} must be between 1 and 65535`);

const databaseUrl = z
  .string()
  .refine(
    (url) => /^file:.+/.test(url) || isPostgresUrl(url),
    'DATABASE_URL must be a file: URL (SQLite) or a postgres:// URL',
  );

function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\/./.test(url) && URL.canParse(url);
}

/** Hides the password of `scheme://user:password@host` before a URL is shown. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

const hostPort = /^[^\s:/]+:\d{1,5}$|^\[[0-9a-fA-F:.]+\]:\d{1,5}$/;

const SECRET_SETTINGS = new Set(['AUTH_SECRET', 'AUDIT_KEY', 'AUDIT_SIGNING_KEY']);

/**
 * What a process runs: `all` (the default, `npm start`) is the worker and the API in one process, with
 * the local dev server unless TEMPORAL_ADDRESS is set; `api` is the HTTP API alone (no worker, never a dev server:
 * TEMPORAL_ADDRESS is required); `worker` polls the task queue and serves no HTTP.
 */
export const SERVICE_ROLES = ['all', 'api', 'worker'] as const;
export type ServiceRole = (typeof SERVICE_ROLES)[number];

export const DEFAULTS = {
  dataDir: './data',
  host: '127.0.0.1',
  port: 3000,
  namespace: 'default',
  temporalPort: 7233,
  auditAnchorMinutes: 10,
} as const;

/** The environment variables the service reads, and the settings they make: the one source of {@link Config}. */
export const configSchema = z
  .object({
    DATA_DIR: optional(z.string()),
    DATABASE_URL: optional(databaseUrl),
    HOST: optional(z.string()),
    PORT: optional(port('PORT')),
    TEMPORAL_ADDRESS: optional(z.string().regex(hostPort, 'TEMPORAL_ADDRESS must look like host:port')),
    TEMPORAL_NAMESPACE: optional(z.string().min(1)),
    TEMPORAL_DEV_PORT: optional(port('TEMPORAL_DEV_PORT')),
    TEMPORAL_UI_PORT: optional(port('TEMPORAL_UI_PORT')),
    AUTH_SECRET: optional(z.string().min(32, 'AUTH_SECRET must be at least 32 characters')),
    AUDIT_KEY: optional(
      z.string().min(AUDIT_KEY_MIN_LENGTH, `AUDIT_KEY must be at least ${AUDIT_KEY_MIN_LENGTH} characters`),
    ),
    AUDIT_ANCHOR_MINUTES: optional(
      z.coerce
        .number({ error: 'AUDIT_ANCHOR_MINUTES must be a number of minutes' })
        .int('AUDIT_ANCHOR_MINUTES must be a whole number of minutes')
        .min(1, 'AUDIT_ANCHOR_MINUTES must be between 1 and 1440')
        .max(1440, 'AUDIT_ANCHOR_MINUTES must be between 1 and 1440'),
    ),
    AUDIT_SIGNING_KEY: optional(
      z.string().regex(/^\s*PRIVATE\+KEY\+/, 'AUDIT_SIGNING_KEY must be a PRIVATE+KEY+… note key'),
    ),
    AUDIT_CHECKPOINT_FILE: optional(z.string()),
    WITNESS_URL: optional(z.url({ error: 'WITNESS_URL must be an http(s) URL' })),
    NODE_ENV: optional(z.string()),
    SERVICE_ROLE: optional(z.enum(SERVICE_ROLES, { error: 'SERVICE_ROLE must be all, api or worker' })),
    WORKER_CACHED_WORKFLOWS: optional(
      z.coerce
        .number({ error: 'WORKER_CACHED_WORKFLOWS must be a number of workflows' })
        .int('WORKER_CACHED_WORKFLOWS must be a whole number of workflows')
        .min(2, 'WORKER_CACHED_WORKFLOWS must be at least 2'),
    ),
    WORKER_WORKFLOW_STACK_TRACES: optional(
      z.enum(['on', 'off'], { error: 'WORKER_WORKFLOW_STACK_TRACES must be on or off' }),
    ),
  })
  .refine((e) => e.NODE_ENV !== 'production' || e.AUTH_SECRET !== undefined, {
    path: ['AUTH_SECRET'],
    message: 'AUTH_SECRET must be set in production (at least 32 characters): it signs the login tokens',
  })
  .refine((e) => e.NODE_ENV !== 'production' || e.AUDIT_KEY !== undefined, {
    path: ['AUDIT_KEY'],
    message: `AUDIT_KEY must be set in production (at least ${AUDIT_KEY_MIN_LENGTH} characters): it keys the audit chain's hashes`,
  })
  .refine((e) => e.NODE_ENV !== 'production' || e.AUDIT_SIGNING_KEY !== undefined, {
    path: ['AUDIT_SIGNING_KEY'],
    message:
      "AUDIT_SIGNING_KEY must be set in production (a PRIVATE+KEY+<origin>+… Ed25519 note key, see docs/operations.md): it signs the audit log's checkpoints",
  })
  .refine((e) => e.SERVICE_ROLE !== 'api' || e.TEMPORAL_ADDRESS !== undefined, {
    path: ['TEMPORAL_ADDRESS'],
    message: 'TEMPORAL_ADDRESS must be set when SERVICE_ROLE=api: an API process starts no Temporal server of its own',
  })
  .refine((e) => e.SERVICE_ROLE !== 'api' || e.AUTH_SECRET !== undefined, {
    path: ['AUTH_SECRET'],
    message:
      'AUTH_SECRET must be set when SERVICE_ROLE=api (at least 32 characters, the same for every API process): a token must verify on any of them',
  })
  .transform((e) => {
    /** Absolute path of the folder holding the SQLite files and the local Temporal server's state. */
    const dataDir = path.resolve(e.DATA_DIR ?? DEFAULTS.dataDir);
    const url = e.DATABASE_URL ?? `file:${path.join(dataDir, 'dia-ban.db')}`;
    const namespace = e.TEMPORAL_NAMESPACE ?? DEFAULTS.namespace;
    const temporalPort = e.TEMPORAL_DEV_PORT ?? DEFAULTS.temporalPort;
    // Like `temporal server start-dev`: the UI sits 1000 above the gRPC port unless told otherwise.
    const temporalUiPort = e.TEMPORAL_UI_PORT ?? Math.min(temporalPort + 1000, 65535);
    const provider: DatabaseProvider = url.startsWith('file:') ? 'sqlite' : 'postgresql';

    const remote = (address: string) => ({ mode: 'remote' as const, address, namespace });
    const local = {
      mode: 'local' as const,
      namespace,
      /** SQLite file of the dev server, inside the data folder. */
      dbFile: path.join(dataDir, 'temporal.db'),
      /** A port set explicitly must be free; a default one gives way to any free port. */
      port: { value: temporalPort, explicit: e.TEMPORAL_DEV_PORT !== undefined },
      uiPort: { value: temporalUiPort, explicit: e.TEMPORAL_UI_PORT !== undefined },
    };
    return {
      role: e.SERVICE_ROLE ?? ('all' as ServiceRole),
      dataDir,
      database: { url, provider },
      api: { host: e.HOST ?? DEFAULTS.host, port: e.PORT ?? DEFAULTS.port },
      /** Signs login tokens. Unset outside production: a random secret per process, so tokens die with it. */
      authSecret: e.AUTH_SECRET,
      audit: {
        /** Keys the audit hashes. Unset outside production: a key generated once into `keyFile`. */
        key: e.AUDIT_KEY,
        keyFile: path.join(dataDir, 'audit.key'),
        anchorMinutes: e.AUDIT_ANCHOR_MINUTES ?? DEFAULTS.auditAnchorMinutes,
        /** Signs the Merkle log's checkpoints. Unset outside production: a key generated once into `signingKeyFile`. */
        signingKey: e.AUDIT_SIGNING_KEY,
        signingKeyFile: path.join(dataDir, 'audit-signing.key'),
        /** The append-only file each signed checkpoint is added to. */
        checkpointFile: path.resolve(e.AUDIT_CHECKPOINT_FILE ?? path.join(dataDir, 'audit-checkpoints.jsonl')),
        witnessUrl: e.WITNESS_URL,
      },
      temporal: e.TEMPORAL_ADDRESS ? remote(e.TEMPORAL_ADDRESS) : local,
      worker: {
        /**
         * Workflows a worker keeps in memory. Unset: the SDK's default, from the heap's limit (about 2,300 with Node's
         * 4 GiB). Every live assignment holds its own and its month's: more live runs than this evicts them in turn.
         */
        cachedWorkflows: e.WORKER_CACHED_WORKFLOWS,
        /**
         * Stack frames in the workflows' errors and the SDK's stack-trace query: off unless set to `on`, as they cost the
         * workflow thread about 40% more CPU (workflows/shared-modules.ts).
         */
        workflowStackTraces: e.WORKER_WORKFLOW_STACK_TRACES === 'on',
      },
    };
  });

export type DatabaseProvider = 'sqlite' | 'postgresql';
export type Config = z.output<typeof configSchema>;
export type TemporalConfig = Config['temporal'];

/** Reads the service's settings from the environment; throws {@link ConfigError} naming the first bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const setting = String(issue.path[0]);
  const message = issue.message.startsWith(setting) ? issue.message : `${setting}: ${issue.message}`;
  throw new ConfigError(setting, `${message}; got ${shown(setting, env[setting])}`);
}

/** What a bad setting is shown as: never the secret itself. */
function shown(setting: string, value: string | undefined): string {
  if (value === undefined) return 'nothing';
  if (SECRET_SETTINGS.has(setting)) return `${value.length} characters`;
  return JSON.stringify(redactUrl(value));
}
