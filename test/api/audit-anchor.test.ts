/**
 * The audit chain's key and anchor, over HTTP against the real time-skipping Temporal server, the
 * worker (with the audit anchor workflow) and the database: an untouched chain verifies against its anchor; deleting
 * the newest rows is reported as truncation; rows edited and rehashed by the formula in the source (unkeyed), or keyed
 * with a wrong key, are reported, naming the row.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { type AuditFields, GENESIS_HASH, keyedAuditHash, unkeyedAuditHash } from '../../domain/audit/hash';
import type { AuditAnchor } from '../../domain/audit/chain';
import { recordOnce } from '../../domain/audit/log';
import { ensureAuditAnchor } from '../../worker/audit-anchor';
import { AUDIT_ANCHOR_WORKFLOW_ID, auditAnchorsQuery } from '../../workflows/audit-anchor.messages';
import { SEEDED_USERS as USERS } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';

interface ChainReport {
  ok: boolean;
  rows: number;
  head: { seq: number; hash: string };
  anchor: AuditAnchor | null;
  firstBroken: { seq: number; reason: string; message: string } | null;
}

let suite: ApiSuite;
type Row = Awaited<ReturnType<ApiSuite['h']['db']['prisma']['auditEvent']['findMany']>>[number];
/** The untouched chain, put back before each test. */
let original: Row[];

const prisma = () => suite.h.db.prisma;
const verify = async () => {
  const response = await suite.api.call('GET', '/audit/verify', USERS.auditor);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ChainReport>();
};
const anchorNow = async () => {
  const response = await suite.api.call('POST', '/audit/anchor', USERS.auditor, {});
  expect(response.statusCode, response.body).toBe(200);
  return response.json<AuditAnchor>();
};
const rows = () => prisma().auditEvent.findMany({ orderBy: { seq: 'asc' } });

async function restore(): Promise<void> {
  await prisma().auditEvent.deleteMany({});
  for (const row of original) await prisma().auditEvent.create({ data: { ...row, payload: row.payload as object } });
}

/** Rewrites every row from `fromSeq` on, editing `edited` and recomputing each hash with `hash`, as an intruder would. */
async function rewrite(fromSeq: number, edited: number, hash: (prev: string, row: AuditFields) => string) {
  const all = await rows();
  let prev = all.findLast((r) => r.seq < fromSeq)?.hash ?? GENESIS_HASH;
  for (const row of all.filter((r) => r.seq >= fromSeq)) {
    const fields = { ...row, actorId: row.seq === edited ? 'someone-else' : row.actorId };
    const next = hash(prev, fields);
    await prisma().auditEvent.update({
      where: { seq: row.seq },
      data: { actorId: fields.actorId, prevHash: prev, hash: next },
    });
    prev = next;
  }
}

beforeAll(async () => {
  suite = await startApiSuite();
  const { h } = suite;
  // The anchor timer is a day long here: the tests anchor on demand.
  await ensureAuditAnchor(h.client, { taskQueue: h.taskQueue, everyMinutes: 24 * 60 });
  // Rows written by the service's own audited write (the proposal rules are other suites' concern).
  for (let i = 1; i <= 8; i += 1) {
    await recordOnce(
      h.db,
      {
        idempotencyKey: `audit-anchor-test-${i}`,
        at: new Date(await h.env.currentTimeMs()).toISOString(),
        actorId: 'official-cb-014',
        action: 'CONFIDENTIAL_READ',
        entityType: 'WorkflowHistory',
        entityId: `assignment-${i}`,
        payload: { ids: [`run-${i}`], note: 'Đọc lịch sử' },
      },
      async () => {},
    );
  }
  await anchorNow();
  original = await rows();
  expect(original.length).toBeGreaterThanOrEqual(6);
});

afterAll(async () => {
  await suite?.close();
});

beforeEach(async () => {
  await restore();
});

describe('GET /audit/verify with the key and the anchor', () => {
  it('verifies an untouched chain of keyed rows against the anchor of its head', async () => {
    const head = original.at(-1)!;
    expect(head.hash).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    const report = await verify();
    expect(report).toMatchObject({
      ok: true,
      rows: original.length,
      head: { seq: head.seq, hash: head.hash },
      anchor: { seq: head.seq, hash: head.hash },
      firstBroken: null,
    });
    // The anchor lives in the workflow's state (and history), not in the database.
    const view = await suite.h.client.workflow.getHandle(AUDIT_ANCHOR_WORKFLOW_ID).query(auditAnchorsQuery);
    expect(view.anchors.at(-1)).toMatchObject({ seq: head.seq, hash: head.hash });
  });

  it('reports the newest rows deleted as truncation, naming the last row left, and the anchor does not move', async () => {
    const kept = original.at(-3)!.seq;
    await prisma().auditEvent.deleteMany({ where: { seq: { gt: kept } } });
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ seq: kept + 1, reason: 'truncated' });
    expect(report.firstBroken!.message).toMatch(new RegExp(`^TRUNCATED: rows after seq ${kept} were deleted`));

    // Anchoring now does not bless the truncated chain: the anchor stays, the refusal is kept beside it.
    expect(await anchorNow()).toMatchObject({ seq: original.at(-1)!.seq });
    expect((await verify()).firstBroken).toMatchObject({ reason: 'truncated' });
    const view = await suite.h.client.workflow.getHandle(AUDIT_ANCHOR_WORKFLOW_ID).query(auditAnchorsQuery);
    expect(view.lastRefusal).toMatchObject({ head: { seq: kept } });

    await restore();
    expect((await verify()).ok).toBe(true);
  });

  it('reports rows edited and rehashed with the unkeyed formula from the edit on, naming the edited row', async () => {
    const edited = original[2]!.seq;
    await rewrite(edited, edited, unkeyedAuditHash);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ seq: edited, reason: 'unkeyed' });
    expect(report.firstBroken!.message).toContain(`TAMPERED: row seq ${edited}`);
  });

  it('reports a whole chain rewritten with the unkeyed formula, by the anchor', async () => {
    await rewrite(original[0]!.seq, original[2]!.seq, unkeyedAuditHash);
    const report = await verify();
    expect(report.ok).toBe(false);
    const anchored = original.at(-1)!.seq;
    expect(report.firstBroken).toMatchObject({ seq: anchored, reason: 'anchor' });
    expect(report.firstBroken!.message).toMatch(new RegExp(`^TAMPERED: row seq ${anchored} is not the row anchored`));
  });

  it('reports rows rehashed with the keyed formula under a wrong key, naming the first one', async () => {
    const wrongKey = randomBytes(32);
    const edited = original[3]!.seq;
    await rewrite(edited, edited, (prev, row) => keyedAuditHash(wrongKey, prev, row));
    expect((await verify()).firstBroken).toMatchObject({ seq: edited, reason: 'hash' });

    await restore();
    await rewrite(original[0]!.seq, edited, (prev, row) => keyedAuditHash(wrongKey, prev, row));
    expect((await verify()).firstBroken).toMatchObject({ seq: original[0]!.seq, reason: 'hash' });
  });

  it('lets the auditor alone anchor and verify', async () => {
    for (const user of [USERS.leader, USERS.official, USERS.admin]) {
      expect((await suite.api.call('POST', '/audit/anchor', user, {})).statusCode, user).toBe(403);
      expect((await suite.api.call('GET', '/audit/verify', user)).statusCode, user).toBe(403);
    }
  });
});
