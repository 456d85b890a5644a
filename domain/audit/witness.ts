/**
 * Submits the audit log's checkpoints to a `tlog-witness` (its `add-checkpoint`), with the consistency proof from the
 * size the witness last cosigned. The service goes on when the witness is down: the next checkpoint catches it up, from
 * the size it had. A witness holding another root for a size the log signed, or refusing the log's proof, is a split
 * view: kept as a conflict, which /healthz raises as an alarm until an operator looks into it.
 */
import type { PrismaClient } from '../../prisma/database';
import { toBase64 } from '../../machines/tlog/merkle';
import type { SignedCheckpoint } from './checkpoints';
import { consistencyProof } from './tree';

const WITNESS_TIMEOUT_MS = 5_000;

export type WitnessOutcome = 'cosigned' | 'unreachable' | 'conflict' | 'refused';

/** Submits the checkpoint to the witness: what came of it. */
export async function submitToWitness(
  prisma: PrismaClient,
  url: string,
  checkpoint: SignedCheckpoint,
  now: Date,
): Promise<WitnessOutcome> {
  return (await witnessCheckpoint(prisma, url, checkpoint, now)).outcome;
}

/** A witness's C2SP tlog-cosignature line: an em dash, the witness's name, base64 of key id, time and signature. */
const COSIGNATURE_LINE = /^\u2014 [^\s+]+ [A-Za-z0-9+/]+=*$/;

/**
 * Submits the checkpoint to the witness; when it cosigns, its cosignature lines (checked by whoever holds the
 * witness's key: `npm run verify -- --witness-key`), to be kept with the checkpoint.
 */
export async function witnessCheckpoint(
  prisma: PrismaClient,
  url: string,
  checkpoint: SignedCheckpoint,
  now: Date,
): Promise<{ outcome: WitnessOutcome; cosignatures: string[] }> {
  const outcome = (outcome: Exclude<WitnessOutcome, 'cosigned'>) => ({ outcome, cosignatures: [] });
  const state = await prisma.auditWitnessState.findUnique({ where: { url } });
  let oldSize = Math.min(state?.size ?? 0, checkpoint.size);
  const record = (data: { size?: number; error?: string | null; conflict?: string }) =>
    prisma.auditWitnessState.upsert({
      where: { url },
      create: { url, size: data.size ?? 0, checkedAt: now, error: data.error ?? null, conflict: data.conflict ?? null },
      update: { ...data, checkedAt: now },
    });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    let response: Response;
    try {
      const proof = oldSize === 0 ? [] : await consistencyProof(prisma, oldSize, checkpoint.size);
      const body = `old ${oldSize}\n${proof.map((h) => `${toBase64(h)}\n`).join('')}\n${checkpoint.note}`;
      response = await fetch(`${url.replace(/\/$/, '')}/add-checkpoint`, {
        method: 'POST',
        body,
        signal: AbortSignal.timeout(WITNESS_TIMEOUT_MS),
      });
    } catch (error) {
      await record({ error: `unreachable: ${(error as Error).message}`.slice(0, 300) });
      return outcome('unreachable');
    }
    const text = await response.text();
    if (response.ok) {
      await record({ size: checkpoint.size, error: null });
      const cosignatures = text
        .split('\n')
        .filter((line) => COSIGNATURE_LINE.test(line))
        .map((line) => `${line}\n`);
      return { outcome: 'cosigned' as const, cosignatures };
    }
    if (response.status === 409) {
      const theirs = Number(text.trim());
      if (Number.isSafeInteger(theirs) && theirs < checkpoint.size && theirs !== oldSize) {
        oldSize = theirs; // the witness had another size: prove from it
        continue;
      }
      const conflict =
        theirs === checkpoint.size
          ? `the witness holds another root for tree size ${theirs} (this log signed ${checkpoint.root})`
          : `the witness cosigned tree size ${text.trim()}, beyond this log's ${checkpoint.size}`;
      await record({ error: `409: ${conflict}`, conflict: `${now.toISOString()}: ${conflict}` });
      return outcome('conflict');
    }
    if (response.status === 422) {
      const conflict = `the witness refused the consistency proof from tree size ${oldSize} to ${checkpoint.size}`;
      await record({ error: `422: ${conflict}`, conflict: `${now.toISOString()}: ${conflict}` });
      return outcome('conflict');
    }
    await record({ error: `${response.status}: ${text.trim().slice(0, 200)}` });
    return outcome('refused');
  }
  await record({ error: 'the witness kept changing its size' });
  return outcome('refused');
}

/** The conflicts the witnesses reported, for /healthz. */
export async function witnessAlarms(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.auditWitnessState.findMany({ where: { conflict: { not: null } } });
  return rows.map((row) => `audit witness ${row.url}: ${row.conflict}`);
}
