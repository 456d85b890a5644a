/**
 * A checkpoint at every issued decision, over HTTP against the real Temporal test server, worker and database: a
 * leader's approval issues a decision, the assignment's write asks the anchor workflow (the log's one signer) for a
 * checkpoint, and the decision's proof route gives its audit row's inclusion proof against that checkpoint, which the
 * offline verifier (machines/tlog/verify.ts) accepts with the public key alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../machines/calendar';
import { parseVerifierKey } from '../../machines/tlog/note';
import { type InclusionProofFile, openCheckpoints, verifyRow } from '../../machines/tlog/verify';
import { verifyFiles } from '../../scripts/verify';
import { ensureAuditAnchor } from '../../worker/audit-anchor';
import type { AssignmentView } from '../../workflows/assignment.messages';
import { SEEDED_USERS as USERS } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';

let suite: ApiSuite;
let publicKey: string;

interface Checkpoint {
  at: string;
  size: number;
  root: string;
  note: string;
}
interface DecisionProof {
  decision: { id: string; number: string; issuedOn: string; assignmentId: string | null };
  seq: number | null;
  checkpoint: Checkpoint | null;
  inclusion: (InclusionProofFile & { seq: number }) | null;
}

const get = async <T>(url: string) => {
  const response = await suite.api.call('GET', url, USERS.auditor);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<T>();
};
const checkpoints = async () => (await get<{ checkpoints: Checkpoint[] }>('/audit/checkpoints')).checkpoints;

beforeAll(async () => {
  suite = await startApiSuite();
  // A day between anchorings: within the test, a checkpoint after the start is one asked for by a decision.
  await ensureAuditAnchor(suite.h.client, { taskQueue: suite.h.taskQueue, everyMinutes: 24 * 60 });
  publicKey = (await suite.api.call('GET', '/audit/public-key', null)).json<{ publicKey: string }>().publicKey;
});
afterAll(async () => {
  await suite?.close();
});

describe('a checkpoint at every issued decision', () => {
  it("signs a checkpoint holding the decision's row, and proves the row in it offline", async () => {
    for (const giveUp = Date.now() + 30_000; (await checkpoints()).length === 0;) {
      if (Date.now() > giveUp) throw new Error('the anchor workflow signed no first checkpoint');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const before = (await checkpoints()).at(-1)!;
    const today = dayOf(await suite.h.env.currentTimeMs());
    const proposed = await suite.api.call('POST', '/assignments', USERS.head, {
      areaId: 'area-na-thaihoa',
      officialId: 'official-cb-012',
      effectiveFrom: today,
      reason: 'Phân công theo dõi địa bàn',
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const { assignmentId } = proposed.json<AssignmentView>();
    const number = '7-QĐ/BTCTU/AUDIT-DECISIONS';
    const approved = await suite.api.call('POST', `/assignments/${assignmentId}/approve`, USERS.leader, {
      decision: { number, issuedOn: today, signerId: 'official-ld-02' },
    });
    expect(approved.statusCode, approved.body).toBe(200);

    const prisma = suite.h.db.prisma;
    const decision = await prisma.decision.findFirstOrThrow({ where: { number }, select: { id: true } });
    const row = await prisma.auditEvent.findFirstOrThrow({
      where: { decisionNumber: number, assignmentId },
      orderBy: { seq: 'asc' },
      select: { seq: true, leafIndex: true },
    });
    expect(row.leafIndex).not.toBeNull();
    // The checkpoint signed before the decision does not hold its row: a later one was signed because of it.
    expect(before.size).toBeLessThanOrEqual(row.leafIndex!);
    let covering: Checkpoint | undefined;
    for (const giveUp = Date.now() + 30_000; !covering;) {
      covering = (await checkpoints()).find((c) => c.size > row.leafIndex!);
      if (!covering && Date.now() > giveUp) throw new Error('no checkpoint signed for the decision within 30 s');
      if (!covering) await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const answer = await get<DecisionProof>(`/audit/decisions/${decision.id}/proof`);
    expect(answer).toMatchObject({
      decision: { id: decision.id, number, issuedOn: today, assignmentId },
      seq: row.seq,
      checkpoint: { size: covering.size, root: covering.root, note: covering.note },
      inclusion: { seq: row.seq, leafIndex: row.leafIndex, treeSize: covering.size, row: { decisionNumber: number } },
    });

    const { checkpoints: opened } = openCheckpoints([answer.checkpoint!.note], [parseVerifierKey(publicKey)]);
    const findings = verifyRow(answer.inclusion!, opened[0]!);
    expect(findings.map((f) => f.ok)).toEqual([true, true]);
    // The answer as saved is the verifier's input as it stands: the checkpoint and the proof.
    const saved = JSON.stringify(answer);
    expect(verifyFiles({ keys: [publicKey], checkpoints: [saved], proof: saved }).every((f) => f.ok)).toBe(true);
    // One byte of the row changed, and the proof no longer holds.
    const changed = {
      ...answer.inclusion!,
      row: { ...answer.inclusion!.row, decisionNumber: number.replace('7', '8') },
    };
    expect(verifyRow(changed, opened[0]!).map((f) => f.ok)).toEqual([true, false]);
  });

  it('is for the auditor, and names an unknown decision', async () => {
    expect((await suite.api.call('GET', '/audit/decisions/nope/proof', USERS.leader)).statusCode).toBe(403);
    const unknown = await suite.api.call('GET', '/audit/decisions/nope/proof', USERS.auditor);
    expect(unknown.statusCode, unknown.body).toBe(404);
  });
});
