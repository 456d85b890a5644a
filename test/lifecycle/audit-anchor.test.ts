/**
 * The audit anchor workflow on the time-skipping server: it anchors at start, on its timer and on `anchorNow`,
 * continues as new carrying its anchors, and keeps its anchor when the chain no longer holds it. Its histories are
 * recorded (RECORD_HISTORIES=1) into test/histories/audit-anchor/ for the replay suite.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../domain/audit/hash';
import { recordOnce } from '../../domain/audit/log';
import { ensureAuditAnchor } from '../../worker/audit-anchor';
import { AUDIT_ANCHOR_WORKFLOW_ID, anchorNowUpdate, auditAnchorsQuery } from '../../workflows/audit-anchor.messages';
import { historiesDir } from '../support/histories';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';

let h: LifecycleHarness;
const handle = () => h.client.workflow.getHandle(AUDIT_ANCHOR_WORKFLOW_ID);
const view = () => handle().query(auditAnchorsQuery);

/** The run the first two tests drive: updates, a timer, a refusal. */
let updatesRun: string;
let written = 0;
async function writeRow(): Promise<{ seq: number; hash: string }> {
  written += 1;
  const at = new Date(await h.env.currentTimeMs()).toISOString();
  await recordOnce(
    h.db,
    { idempotencyKey: `anchor-test-${written}`, at, action: 'TEST', entityType: 'Test', entityId: `t${written}` },
    async () => {},
  );
  return h.db.prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
}

beforeAll(async () => {
  h = await startLifecycleHarness();
});

afterAll(async () => {
  await h?.close();
});

describe('auditAnchorWorkflow', () => {
  it('anchors at start, every N minutes and on anchorNow, one run per namespace', async () => {
    await h.db.prisma.auditEvent.deleteMany({});
    await ensureAuditAnchor(h.client, { taskQueue: h.taskQueue, everyMinutes: 10 });
    // Started again (a restart of the service): the same run, not a second one.
    const { runId } = await handle().describe();
    updatesRun = runId;
    await ensureAuditAnchor(h.client, { taskQueue: h.taskQueue, everyMinutes: 10 });
    expect((await handle().describe()).runId).toBe(runId);

    expect((await handle().executeUpdate(anchorNowUpdate)).seq).toBe(0);
    expect((await view()).anchors.at(-1)).toMatchObject({ seq: 0, hash: GENESIS_HASH });

    const first = await writeRow();
    await h.env.sleep('11 minutes');
    expect((await view()).anchors.at(-1)).toMatchObject(first);

    const second = await writeRow();
    expect(await handle().executeUpdate(anchorNowUpdate)).toMatchObject(second);
    expect((await view()).anchors.map((a) => a.seq)).toEqual([0, first.seq, second.seq]);
  });

  it('keeps its anchor when the chain no longer holds it, and anchors again once it does', async () => {
    const [anchored] = (await view()).anchors.slice(-1);
    const last = await h.db.prisma.auditEvent.findFirstOrThrow({ where: { seq: anchored!.seq } });
    await h.db.prisma.auditEvent.delete({ where: { seq: last.seq } });
    expect(await handle().executeUpdate(anchorNowUpdate)).toEqual(anchored);
    expect((await view()).lastRefusal).toMatchObject({ anchor: anchored, head: { seq: last.seq - 1 } });

    await h.db.prisma.auditEvent.create({ data: { ...last, payload: last.payload as object } });
    const third = await writeRow();
    expect(await handle().executeUpdate(anchorNowUpdate)).toMatchObject(third);
  });

  it('after a run ended, starts one carrying its anchors, which continues as new after its anchorings per run', async () => {
    const { anchors: carried, checkpoints: signed } = await view();
    expect(signed?.length).toBeGreaterThan(0);
    await handle().terminate('ended behind the service');
    await ensureAuditAnchor(h.client, { taskQueue: h.taskQueue, everyMinutes: 10, anchoringsPerRun: 3 });
    const firstRun = (await handle().describe()).runId;
    expect(firstRun).not.toBe(updatesRun);
    expect((await view()).anchors).toEqual(carried);
    expect((await view()).checkpoints).toEqual(signed);

    const row = await writeRow();
    await h.env.sleep('35 minutes'); // anchorings at 10, 20 and 30 minutes: the third continues as new
    const latest = await handle().describe();
    expect(latest.runId).not.toBe(firstRun);
    const anchors = (await view()).anchors;
    expect(anchors.at(-1)).toMatchObject(row);
    expect(anchors.slice(0, carried.length - 1)).toEqual(carried.slice(0, -1));
    const next = await writeRow();
    expect(await handle().executeUpdate(anchorNowUpdate)).toMatchObject(next);

    if (process.env.RECORD_HISTORIES === '1') {
      const dir = join(historiesDir, 'audit-anchor');
      mkdirSync(dir, { recursive: true });
      for (const [name, runId] of [
        ['audit-anchor-updates-and-refusal', updatesRun],
        ['audit-anchor-run-1', firstRun],
        ['audit-anchor-run-2', latest.runId],
      ] as const) {
        const history = await h.client.workflow.getHandle(AUDIT_ANCHOR_WORKFLOW_ID, runId).fetchHistory();
        writeFileSync(join(dir, `${name}.json`), historyToJSON(history));
      }
    }
  });
});
