/**
 * The service and a witness an auditor runs (scripts/witness.ts, spawned as its own process on 127.0.0.1): the service
 * submits its signed checkpoints, keeps going while the witness is down and catches it up after; a checkpoint of a size
 * the witness cosigned with another root is answered 409 and raised as an alarm on /healthz.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { freePort } from '../../worker/ports';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../api/healthz/routes';
import { type SignedCheckpoint, signCheckpoint } from '../../domain/audit/checkpoints';
import { recordOnce } from '../../domain/audit/log';
import { auditSigning, useAuditSigning } from '../../domain/audit/signing';
import { submitToWitness, witnessCheckpoint } from '../../domain/audit/witness';
import { verifyFiles } from '../../scripts/verify';
import { ensureAuditAnchor } from '../../worker/audit-anchor';
import { SEEDED_USERS as USERS } from '../support/api-client';
import { leafHash, toBase64 } from '../../machines/tlog/merkle';
import { checkpointBody, signerKeyFromSeed, signNote } from '../../machines/tlog/note';
import { witnessVerifierKey } from '../../machines/tlog/witness';
import { type ApiSuite, startApiSuite } from '../support/api-suite';

let suite: ApiSuite;
let witness: ChildProcess | undefined;
/** The witness's verifier key, as it prints it at its start. */
let witnessKey = '';
let port: number;
let url: string;
const dir = mkdtempSync(join(tmpdir(), 'dia-ban-witness-'));
const stateFile = join(dir, 'state.json');
const now = async () => new Date(await suite.h.env.currentTimeMs());

async function startWitness(): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/witness.ts', '--port', String(port), '--state', stateFile, '--key', logKey()],
    { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  witness = child;
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const started = /witness (\S+) listening/.exec(out);
      if (started) {
        witnessKey = started[1]!;
        resolve();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`the witness exited (${code}): ${out}`)));
  });
}

async function stopWitness(): Promise<void> {
  const child = witness;
  witness = undefined;
  if (!child || child.exitCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

const logKey = () => auditSigning().keys[0]!.text;
let n = 0;
async function append(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    n += 1;
    await recordOnce(
      suite.h.db,
      {
        idempotencyKey: `audit-witness-${n}`,
        at: (await now()).toISOString(),
        actorId: 'official-cb-014',
        action: 'DECISION_ISSUED',
        entityType: 'Decision',
        entityId: `decision-w${n}`,
        decisionNumber: `${n}-QĐ/BTCTU`,
        payload: { n },
      },
      async () => {},
    );
  }
}
let last: SignedCheckpoint | undefined;
async function sign(): Promise<SignedCheckpoint> {
  const outcome = await signCheckpoint(suite.h.db, last, (await now()).toISOString());
  if (!('signed' in outcome)) throw new Error(outcome.refused);
  last = outcome.signed;
  return outcome.signed;
}
const witnessState = () => suite.h.db.prisma.auditWitnessState.findUnique({ where: { url } });
const health = async () => (await suite.api.call('GET', '/healthz', null)).json<HealthReport>();

beforeAll(async () => {
  suite = await startApiSuite();
  port = await freePort();
  url = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await stopWitness();
  await suite?.close();
});

describe('the audit witness an auditor runs', () => {
  it('cosigns the service checkpoints, is caught up after it was down, and a split view is an alarm', async () => {
    await startWitness();
    await append(3);
    const first = await sign();
    expect(await submitToWitness(suite.h.db.prisma, url, first, await now())).toBe('cosigned');
    const kept = () =>
      (JSON.parse(readFileSync(stateFile, 'utf8')) as { origins: Record<string, { size: number }> }).origins;
    expect(kept()[first.note.split('\n')[0]!]?.size).toBe(first.size);

    await stopWitness();
    await append(2);
    const whileDown = await sign();
    expect(await submitToWitness(suite.h.db.prisma, url, whileDown, await now())).toBe('unreachable');
    expect(await witnessState()).toMatchObject({ size: first.size, conflict: null });
    expect((await witnessState())?.error).toMatch(/^unreachable/);
    expect((await health()).alarms).toBeUndefined();

    await startWitness();
    await append(4);
    const after = await sign();
    expect(after.size).toBe(first.size + 6);
    expect(await submitToWitness(suite.h.db.prisma, url, after, await now())).toBe('cosigned');
    expect(await witnessState()).toMatchObject({ size: after.size, error: null, conflict: null });
    expect(kept()[after.note.split('\n')[0]!]?.size).toBe(after.size);

    // The same size signed with another root: what a log showing one history to some and another to others signs.
    const { keys } = auditSigning();
    const other = leafHash(Uint8Array.of(7));
    const forged: SignedCheckpoint = {
      at: (await now()).toISOString(),
      size: after.size,
      root: toBase64(other),
      note: signNote(checkpointBody({ origin: keys[0]!.name, size: after.size, root: other, extensions: [] }), keys),
    };
    expect(await submitToWitness(suite.h.db.prisma, url, forged, await now())).toBe('conflict');
    expect((await witnessState())?.error).toMatch(/^409: the witness holds another root for tree size/);
    const report = await health();
    expect(report.alarms).toEqual([
      expect.stringMatching(new RegExp(`^audit witness ${url}: .*another root for tree size ${after.size}`)),
    ]);
    expect(kept()[keys[0]!.name]?.size).toBe(after.size);
  });

  it("keeps the witness's cosignature with the checkpoint, shown by GET /audit/checkpoints and checked offline", async () => {
    if (!witness) await startWitness();
    await append(2);
    const direct = await sign();
    const { outcome, cosignatures } = await witnessCheckpoint(suite.h.db.prisma, url, direct, await now());
    expect(outcome).toBe('cosigned');
    expect(cosignatures).toEqual([expect.stringMatching(/^\u2014 dia-ban-audit-witness \S+\n$/)]);

    // The service's own way: the anchor workflow signs, submits to WITNESS_URL and keeps the cosignature.
    const checkpointFile = join(dir, 'checkpoints.jsonl');
    useAuditSigning({ ...auditSigning(), witnessUrl: url, checkpointFile });
    try {
      await append(1);
      await ensureAuditAnchor(suite.h.client, { taskQueue: suite.h.taskQueue, everyMinutes: 24 * 60 });
      const signed = await suite.api.call('POST', '/audit/checkpoints', USERS.auditor, {});
      expect(signed.statusCode, signed.body).toBe(200);
      const list = await suite.api.call('GET', '/audit/checkpoints', USERS.auditor);
      expect(list.statusCode, list.body).toBe(200);
      const latest = list.json<{ checkpoints: SignedCheckpoint[] }>().checkpoints.at(-1)!;
      expect(latest.size).toBe(direct.size + 1);
      expect(latest.cosignatures).toEqual([expect.stringMatching(/^\u2014 dia-ban-audit-witness \S+\n$/)]);
      // The second store, the operator's file, holds it with its cosignature, as the verifier reads it.
      const file = readFileSync(checkpointFile, 'utf8');
      expect(JSON.parse(file.trim().split('\n').at(-1)!)).toEqual(latest);
      expect(verifyFiles({ keys: [logKey()], checkpoints: [file], witnessKeys: [witnessKey] }).every((f) => f.ok)).toBe(
        true,
      );

      const saved = JSON.stringify({ checkpoints: [latest] });
      const check = (witnessKeys: string[], checkpoints = [saved]) =>
        verifyFiles({ keys: [logKey()], checkpoints, witnessKeys });
      expect(check([witnessKey]).map((f) => [f.check, f.ok])).toEqual([
        [`checkpoint size ${latest.size}`, true],
        [`checkpoint size ${latest.size} cosigned by dia-ban-audit-witness`, true],
      ]);
      // Another witness's key, or the checkpoint without the cosignature: not cosigned.
      const stranger = witnessVerifierKey(signerKeyFromSeed('dia-ban-audit-witness', new Uint8Array(32).fill(9)));
      expect(check([stranger]).at(-1)).toMatchObject({ ok: false });
      const bare = JSON.stringify({ checkpoints: [{ ...latest, cosignatures: [] }] });
      expect(check([witnessKey], [bare]).at(-1)).toMatchObject({ ok: false });
      // A cosignature moved onto another checkpoint does not verify.
      const moved = JSON.stringify({ checkpoints: [{ ...direct, cosignatures: latest.cosignatures }] });
      expect(check([witnessKey], [moved]).at(-1)).toMatchObject({ ok: false });

      // The same from the command line, a process of its own with nothing of the service.
      const savedFile = join(dir, 'cosigned.json');
      writeFileSync(savedFile, saved);
      const verify = (key: string) =>
        spawnSync(
          process.execPath,
          ['--import', 'tsx', 'scripts/verify.ts', '--key', logKey(), '--checkpoint', savedFile, '--witness-key', key],
          { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' },
        );
      const good = verify(witnessKey);
      expect(good.stdout).toContain(`ok   checkpoint size ${latest.size} cosigned by dia-ban-audit-witness`);
      expect(good.status).toBe(0);
      const bad = verify(stranger);
      expect(bad.stdout).toContain(`FAIL checkpoint size ${latest.size} cosigned by dia-ban-audit-witness`);
      expect(bad.status).toBe(1);
    } finally {
      useAuditSigning({ ...auditSigning(), witnessUrl: undefined, checkpointFile: undefined });
    }
  });
});
