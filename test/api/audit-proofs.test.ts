/**
 * The audit log as a Merkle log over HTTP against the real Temporal test server, worker and database: signed
 * checkpoints, proofs and exports, checked by the offline verifier (scripts/verify.ts, run as its own process with no
 * audit key and no service), which catches a row changed by one byte, the newest rows deleted, and the whole table
 * rewritten with the audit key; a log that no longer extends its last checkpoint is not signed again.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, keyedAuditHash } from '../../domain/audit/hash';
import { auditKey } from '../../domain/audit/key';
import { recordOnce } from '../../domain/audit/log';
import { exportedRow, nextTreeColumns } from '../../domain/audit/tree';
import { ensureAuditAnchor } from '../../worker/audit-anchor';
import { verifyFiles } from '../../scripts/verify';
import { SEEDED_USERS as USERS } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';

let suite: ApiSuite;
type Row = Awaited<ReturnType<ApiSuite['h']['db']['prisma']['auditEvent']['findMany']>>[number];
let original: Row[];
let publicKey: string;
/** The checkpoint signed over the untouched rows, as an auditor keeps it. */
let kept: { size: number; note: string };
const dir = mkdtempSync(join(tmpdir(), 'dia-ban-verify-'));

const prisma = () => suite.h.db.prisma;
const get = async <T>(url: string) => {
  const response = await suite.api.call('GET', url, USERS.auditor);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<T>();
};
const rows = () => prisma().auditEvent.findMany({ orderBy: { seq: 'asc' } });
async function restore(): Promise<void> {
  await prisma().auditEvent.deleteMany({});
  for (const row of original) await prisma().auditEvent.create({ data: { ...row, payload: row.payload as object } });
}
async function write(i: number) {
  await recordOnce(
    suite.h.db,
    {
      idempotencyKey: `audit-proofs-${i}`,
      at: new Date(await suite.h.env.currentTimeMs()).toISOString(),
      actorId: 'official-cb-014',
      action: 'DECISION_ISSUED',
      entityType: 'Decision',
      entityId: `decision-${i}`,
      decisionNumber: `${i}-QĐ/BTCTU`,
      payload: { note: 'Quyết định phân công', n: i },
    },
    async () => {},
  );
}
/** Runs scripts/verify.ts in a process of its own, with no audit key and nothing of the service in its environment. */
function runVerifier(args: string[]): { code: number; out: string } {
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/verify.ts', ...args], {
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });
    return { code: 0, out };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, out: `${e.stdout}${e.stderr}` };
  }
}
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

beforeAll(async () => {
  suite = await startApiSuite();
  await ensureAuditAnchor(suite.h.client, { taskQueue: suite.h.taskQueue, everyMinutes: 24 * 60 });
  for (let i = 1; i <= 11; i += 1) await write(i);
  const response = await suite.api.call('POST', '/audit/checkpoints', USERS.auditor, {});
  expect(response.statusCode, response.body).toBe(200);
  kept = response.json();
  original = await rows();
  expect(kept.size).toBe(original.length);
  publicKey = (await suite.api.call('GET', '/audit/public-key', null)).json<{ publicKey: string }>().publicKey;
});
afterAll(async () => {
  await suite?.close();
});
beforeEach(async () => {
  await restore();
});

describe('the audit log verified offline', () => {
  it('publishes its key to anyone and signs a C2SP checkpoint of the rows, kept in the anchor workflow', async () => {
    expect(publicKey).toMatch(/^[^+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]{44,}$/);
    expect(kept.note).toMatch(new RegExp(`^[^\\n]+\\n${kept.size}\\n[A-Za-z0-9+/=]{44}\\n\\n\u2014 `));
    const list = await get<{ checkpoints: { size: number; note: string }[] }>('/audit/checkpoints');
    expect(list.checkpoints.at(-1)).toMatchObject({ size: kept.size, note: kept.note });
    for (const user of [USERS.leader, USERS.official, USERS.admin])
      expect((await suite.api.call('GET', '/audit/proofs/inclusion?seq=1', user)).statusCode).toBe(403);
  });

  it('proves a row in the log, and the verifier without the audit key says so; one byte changed and it does not', async () => {
    const row = original[4]!;
    const proof = await get<{ row: { decisionNumber: string } }>(
      `/audit/proofs/inclusion?seq=${row.seq}&treeSize=${kept.size}`,
    );
    const args = ['--key', publicKey, '--checkpoint', file('kept.note', kept.note)];
    const good = runVerifier([...args, '--proof', file('proof.json', proof)]);
    expect(good.out).toContain('verify: the log holds');
    expect(good.code).toBe(0);

    const changed = { ...proof, row: { ...proof.row, decisionNumber: proof.row.decisionNumber.replace('5', '6') } };
    const bad = runVerifier([...args, '--proof', file('changed.json', changed)]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(new RegExp(`FAIL row seq ${row.seq}: the row, as given, is not leaf`));
  });

  it('shows the log grown since the kept checkpoint extends it, with a consistency proof', async () => {
    await write(12);
    await write(13);
    const later = (await suite.api.call('POST', '/audit/checkpoints', USERS.auditor, {})).json<{
      size: number;
      note: string;
    }>();
    expect(later.size).toBe(kept.size + 2);
    const proof = await get(`/audit/proofs/inclusion?seq=${original[0]!.seq}&treeSize=${later.size}`);
    const consistency = await get(`/audit/proofs/consistency?from=${kept.size}&to=${later.size}`);
    const findings = verifyFiles({
      keys: [publicKey],
      checkpoints: [kept.note, later.note],
      proof: JSON.stringify(proof),
      consistency: JSON.stringify(consistency),
    });
    expect(findings.filter((f) => !f.ok)).toEqual([]);
    expect(findings.map((f) => f.check)).toContain(`kept checkpoint size ${kept.size}`);
    const bad = { ...(consistency as object), proof: [] };
    expect(
      verifyFiles({
        keys: [publicKey],
        checkpoints: [kept.note, later.note],
        proof: JSON.stringify(proof),
        consistency: JSON.stringify(bad),
      }).some((f) => !f.ok),
    ).toBe(true);
    expect(
      (await suite.api.call('GET', `/audit/proofs/consistency?from=${later.size}&to=${later.size + 5}`, USERS.auditor))
        .statusCode,
    ).toBe(422);
    expect((await suite.api.call('GET', '/audit/proofs/consistency?from=5&to=2', USERS.auditor)).statusCode).toBe(400);
  });

  it('catches the newest rows deleted: the export no longer reaches the kept checkpoint', async () => {
    await prisma().auditEvent.deleteMany({ where: { seq: { gt: original.at(-3)!.seq } } });
    const exported = await get(`/audit/export`);
    const result = runVerifier([
      '--key',
      publicKey,
      '--checkpoint',
      file('kept.note', kept.note),
      '--export',
      file('short.json', exported),
    ]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/FAIL checkpoint size \d+: the export holds \d+ leaves, fewer than/);
  });

  it('catches the whole table rewritten with the audit key, which the keyed chain alone cannot, and signs no more', async () => {
    let prev = GENESIS_HASH;
    let last: { leafIndex: number | null; treeFrontier: string | null } | undefined;
    for (const row of await rows()) {
      const fields = { ...row, actorId: row.seq === original[2]!.seq ? 'someone-else' : row.actorId };
      const hash = keyedAuditHash(auditKey(), prev, fields);
      const tree = nextTreeColumns(last, exportedRow(fields));
      await prisma().auditEvent.update({
        where: { seq: row.seq },
        data: { actorId: fields.actorId, prevHash: prev, hash, ...tree },
      });
      prev = hash;
      last = tree;
    }
    const exported = await get(`/audit/export`);
    const result = runVerifier([
      '--key',
      publicKey,
      '--checkpoint',
      file('kept.note', kept.note),
      '--export',
      file('rewritten.json', exported),
    ]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('are not the log this checkpoint signed');
    // Untouched, the same export verifies.
    await restore();
    const clean = runVerifier([
      '--key',
      publicKey,
      '--checkpoint',
      file('kept.note', kept.note),
      '--export',
      file('clean.json', await get('/audit/export')),
    ]);
    expect(clean.out).toContain('verify: the log holds');
  });

  it('refuses to sign a log that no longer extends its last checkpoint', async () => {
    await prisma().auditEvent.deleteMany({ where: { seq: { gt: original.at(-2)!.seq } } });
    const response = await suite.api.call('POST', '/audit/checkpoints', USERS.auditor, {});
    expect(response.statusCode, response.body).toBe(422);
    expect(response.body).toMatch(/fewer than the \d+ signed/);
  });
});
