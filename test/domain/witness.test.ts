/**
 * The witness's judging, pure (machines/tlog/witness.ts): it cosigns a checkpoint of a trusted log key that extends
 * the last one it cosigned; 409 with its size for a stale size or a same-size different root, 422 for a bad proof,
 * 403 for an unknown key.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { consistencyRanges, leafHash, rangeHash, toBase64 } from '../../machines/tlog/merkle';
import { checkpointBody, KEY_LINE, type SignerKey, signerKeyFromSeed, signNote } from '../../machines/tlog/note';
import { addCheckpoint, verifyCosignature, type WitnessState, witnessVerifierKey } from '../../machines/tlog/witness';

const ORIGIN = 'example.invalid/audit-log';
const log = signerKeyFromSeed(ORIGIN, randomBytes(32));
const witness = signerKeyFromSeed('auditor-witness', randomBytes(32));
const leaves = Array.from({ length: 9 }, (_, i) => leafHash(Uint8Array.of(i)));
const body = (size: number, root = rangeHash(leaves, 0, size)) =>
  checkpointBody({ origin: ORIGIN, size, root, extensions: [] });
const note = (size: number, keys: SignerKey[] = [log], root?: Uint8Array) => signNote(body(size, root), keys);
const proof = (from: number, to: number) => consistencyRanges(from, to).map(([a, b]) => rangeHash(leaves, a, b));
const request = (old: number, hashes: Uint8Array[], signed: string) =>
  `old ${old}\n${hashes.map((h) => `${toBase64(h)}\n`).join('')}\n${signed}`;
const NOW = new Date('2026-03-01T08:00:00Z');
const add = (state: WitnessState, text: string) => addCheckpoint(state, text, [log], witness, NOW);

describe('the audit witness', () => {
  it('cosigns the first checkpoint and each one proved to extend it, keeping the size and root', () => {
    const first = add({ origins: {} }, request(0, [], note(3)));
    expect(first.status, first.body).toBe(200);
    expect(first.state?.origins[ORIGIN]).toEqual({ size: 3, root: toBase64(rangeHash(leaves, 0, 3)) });
    expect(first.body).toMatch(/^\u2014 auditor-witness [A-Za-z0-9+/=]{100,}\n$/);
    expect(verifyCosignature(first.body, body(3), witness)).toBe(true);
    expect(witnessVerifierKey(witness)).toMatch(/^auditor-witness\+[0-9a-f]{8}\+/);
    const second = add(first.state!, request(3, proof(3, 7), note(7)));
    expect(second.status, second.body).toBe(200);
    expect(second.state?.origins[ORIGIN]?.size).toBe(7);
    expect(verifyCosignature(second.body, body(7), witness)).toBe(true);
    expect(verifyCosignature(second.body, body(3), witness)).toBe(false);
  });

  it('answers 409 with its size for a stale old size or the same size with another root, 422 for a bad proof', () => {
    const state = add({ origins: {} }, request(0, [], note(5))).state!;
    const stale = add(state, request(3, proof(3, 7), note(7)));
    expect(stale).toMatchObject({ status: 409, contentType: 'text/x.tlog.size', body: '5\n' });
    expect(stale.state).toBeUndefined();
    const split = add(state, request(5, [], note(5, [log], leafHash(Uint8Array.of(42)))));
    expect(split).toMatchObject({ status: 409, body: '5\n' });
    expect(add(state, request(5, [], note(5))).status).toBe(200);
    const bad = add(state, request(5, proof(4, 7), note(7)));
    expect(bad.status).toBe(422);
    expect(bad.state).toBeUndefined();
  });

  it("learns the log's new key from a checkpoint signed by the old key and the new one naming it", () => {
    const next = signerKeyFromSeed(ORIGIN, randomBytes(32));
    const first = add({ origins: {} }, request(0, [], note(3)));
    expect(add(first.state!, request(3, proof(3, 5), note(5, [next]))).status).toBe(403);
    const rotationBody = checkpointBody({
      origin: ORIGIN,
      size: 5,
      root: rangeHash(leaves, 0, 5),
      extensions: [`${KEY_LINE}${next.text}`],
    });
    const rotation = add(first.state!, request(3, proof(3, 5), signNote(rotationBody, [next, log])));
    expect(rotation.status, rotation.body).toBe(200);
    expect(rotation.state?.origins[ORIGIN]?.keys).toEqual([next.text]);
    const after = add(rotation.state!, request(5, proof(5, 8), note(8, [next])));
    expect(after.status, after.body).toBe(200);
  });

  it('answers 403 for a checkpoint signed by no log key it trusts, 400 for a malformed request', () => {
    const stranger = signerKeyFromSeed(ORIGIN, randomBytes(32));
    expect(add({ origins: {} }, request(0, [], note(3, [stranger]))).status).toBe(403);
    expect(add({ origins: {} }, `old x\n\n${note(3)}`).status).toBe(400);
    expect(add({ origins: {} }, note(3)).status).toBe(400);
  });
});
