import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentAuditKey } from '../../worker/audit-key-file';
import { ConfigError, loadConfig } from '../../worker/config';
import { signerKeyFromSeed } from '../../machines/tlog/note';

const SECRET = 'a-secret-of-thirty-two-characters!';
const AUDIT_KEY = 'an-audit-key-of-thirty-two-chars!!';
const AUDIT_SIGNING_KEY = signerKeyFromSeed('example.org/audit', new Uint8Array(32).fill(3)).secret;

describe('AUTH_SECRET', () => {
  it('is optional outside production and carried into the config when set', () => {
    expect(loadConfig({}).authSecret).toBeUndefined();
    expect(loadConfig({ AUTH_SECRET: SECRET }).authSecret).toBe(SECRET);
  });

  it('is required in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET must be set in production/);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: SECRET, AUDIT_KEY, AUDIT_SIGNING_KEY }).authSecret).toBe(
      SECRET,
    );
  });

  it('refuses a short secret without printing it', () => {
    let error: unknown;
    try {
      loadConfig({ AUTH_SECRET: 'hunter2' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe('AUTH_SECRET');
    expect((error as Error).message).toBe('AUTH_SECRET must be at least 32 characters; got 7 characters');
    expect((error as Error).message).not.toContain('hunter2');
  });
});

describe('AUDIT_KEY', () => {
  it('is optional outside production, where the key file under DATA_DIR stands in for it', () => {
    const config = loadConfig({ DATA_DIR: '/srv/dia-ban' });
    expect(config.audit).toEqual({
      key: undefined,
      keyFile: '/srv/dia-ban/audit.key',
      anchorMinutes: 10,
      signingKey: undefined,
      signingKeyFile: '/srv/dia-ban/audit-signing.key',
      checkpointFile: '/srv/dia-ban/audit-checkpoints.jsonl',
      witnessUrl: undefined,
    });
    expect(loadConfig({ AUDIT_KEY, AUDIT_ANCHOR_MINUTES: '5' }).audit).toMatchObject({
      key: AUDIT_KEY,
      anchorMinutes: 5,
    });
  });

  it('is required in production, 32 characters or more, and never printed', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_SECRET: SECRET })).toThrow(
      /^AUDIT_KEY must be set in production/,
    );
    expect(() => loadConfig({ AUDIT_KEY: 'hunter2' })).toThrow(
      'AUDIT_KEY must be at least 32 characters; got 7 characters',
    );
    expect(() => loadConfig({ AUDIT_ANCHOR_MINUTES: '0' })).toThrow(/AUDIT_ANCHOR_MINUTES must be between 1 and 1440/);
  });

  it('in development is generated once into its file, owner-only, and read back on the next start', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dia-ban-key-')), 'data', 'audit.key');
    const first = await developmentAuditKey(file);
    expect(first.created).toBe(true);
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await developmentAuditKey(file)).toEqual({ key: first.key, created: false });
    expect(readFileSync(file, 'utf8').trim()).toBe(first.key);
    writeFileSync(file, 'short\n');
    await expect(developmentAuditKey(file)).rejects.toThrow(/holds 5 characters/);
  });
});

describe('SERVICE_ROLE', () => {
  it('is all by default; api and worker split the service', () => {
    expect(loadConfig({}).role).toBe('all');
    expect(loadConfig({ SERVICE_ROLE: 'worker' }).role).toBe('worker');
    const api = loadConfig({ SERVICE_ROLE: 'api', TEMPORAL_ADDRESS: 'temporal:7233', AUTH_SECRET: SECRET });
    expect(api.role).toBe('api');
    expect(api.temporal).toMatchObject({ mode: 'remote', address: 'temporal:7233' });
  });

  it('refuses an API process without a cluster to talk to or without the shared token secret', () => {
    expect(() => loadConfig({ SERVICE_ROLE: 'api', AUTH_SECRET: SECRET })).toThrow(
      /^TEMPORAL_ADDRESS must be set when SERVICE_ROLE=api/,
    );
    expect(() => loadConfig({ SERVICE_ROLE: 'api', TEMPORAL_ADDRESS: 'temporal:7233' })).toThrow(
      /^AUTH_SECRET must be set when SERVICE_ROLE=api/,
    );
    expect(() => loadConfig({ SERVICE_ROLE: 'both' })).toThrow('SERVICE_ROLE must be all, api or worker; got "both"');
  });
});

describe('AUDIT_SIGNING_KEY', () => {
  it('is required in production, a note signer key, and never printed', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_SECRET: SECRET, AUDIT_KEY })).toThrow(
      /^AUDIT_SIGNING_KEY must be set in production/,
    );
    expect(() => loadConfig({ AUDIT_SIGNING_KEY: 'hunter2-hunter2' })).toThrow(
      /^AUDIT_SIGNING_KEY must be a PRIVATE\+KEY/,
    );
    expect(() => loadConfig({ AUDIT_SIGNING_KEY: 'hunter2-hunter2' })).not.toThrow(/hunter2/);
    expect(loadConfig({ AUDIT_SIGNING_KEY }).audit.signingKey).toBe(AUDIT_SIGNING_KEY);
  });
});

describe('WORKER_WORKFLOW_STACK_TRACES', () => {
  it('is off unless set to on, and refuses anything else naming the setting', () => {
    expect(loadConfig({}).worker.workflowStackTraces).toBe(false);
    expect(loadConfig({ WORKER_WORKFLOW_STACK_TRACES: '' }).worker.workflowStackTraces).toBe(false);
    expect(loadConfig({ WORKER_WORKFLOW_STACK_TRACES: 'off' }).worker.workflowStackTraces).toBe(false);
    expect(loadConfig({ WORKER_WORKFLOW_STACK_TRACES: 'on' }).worker.workflowStackTraces).toBe(true);
    expect(() => loadConfig({ WORKER_WORKFLOW_STACK_TRACES: 'yes' })).toThrow(
      'WORKER_WORKFLOW_STACK_TRACES must be on or off; got "yes"',
    );
  });
});
