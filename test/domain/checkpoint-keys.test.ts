/**
 * Rotation of the audit log's signing key, pure: a checkpoint signed by the old key and the new one, naming the new
 * one in a `key` line, makes the new one trusted to a verifier holding only the old key; a checkpoint signed by a key
 * never introduced that way is refused.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leafHash, rangeHash } from '../../machines/tlog/merkle';
import { checkpointBody, KEY_LINE, type SignerKey, signerKeyFromSeed, signNote } from '../../machines/tlog/note';
import { openCheckpoints } from '../../machines/tlog/verify';
import { parseSigningKeys } from '../../domain/audit/signing';

const ORIGIN = 'example.invalid/audit-log';
const leaves = Array.from({ length: 6 }, (_, i) => leafHash(Uint8Array.of(i)));
const newKey = (name = ORIGIN) => signerKeyFromSeed(name, randomBytes(32));

function checkpoint(size: number, keys: SignerKey[], extensions: string[] = []): string {
  return signNote(checkpointBody({ origin: ORIGIN, size, root: rangeHash(leaves, 0, size), extensions }), keys);
}

/** A rotation as the service signs it: the new key first, named in a `key` line, the note signed by both. */
const rotation = (size: number, next: SignerKey, old: SignerKey) =>
  checkpoint(size, [next, old], [`${KEY_LINE}${next.text}`]);

describe('audit signing key rotation', () => {
  it('reads AUDIT_SIGNING_KEY="<new> <old>" as the new key first, the old after it, of one origin', () => {
    const old = newKey();
    const next = newKey();
    const keys = parseSigningKeys(`${next.secret} ${old.secret}`);
    expect(keys.map((k) => k.text)).toEqual([next.text, old.text]);
    expect(() => parseSigningKeys(`${next.secret} ${newKey('other.invalid/log').secret}`)).toThrow(/one origin/);
  });

  it('accepts the chain old → old+new → new holding only the old key, and trusts the new key after', () => {
    const old = newKey();
    const next = newKey();
    const notes = [checkpoint(2, [old]), rotation(4, next, old), checkpoint(6, [next])];
    const { checkpoints, keys } = openCheckpoints(notes, [old]);
    expect(checkpoints.map((c) => c.size)).toEqual([2, 4, 6]);
    expect(checkpoints[1]!.signedBy.map((k) => k.text).sort()).toEqual([next.text, old.text].sort());
    expect(checkpoints[2]!.signedBy.map((k) => k.text)).toEqual([next.text]);
    expect(keys.map((k) => k.text)).toEqual([old.text, next.text]);
  });

  it('refuses a checkpoint signed by the new key before any checkpoint of the trusted key introduced it', () => {
    const old = newKey();
    const next = newKey();
    expect(() => openCheckpoints([checkpoint(2, [old]), checkpoint(4, [next])], [old])).toThrow(
      /checkpoint 2 \(size 4\) is signed by no trusted key/,
    );
  });

  it('refuses a checkpoint signed by an unknown key, even one naming itself in a key line', () => {
    const old = newKey();
    const stranger = newKey();
    expect(() => openCheckpoints([checkpoint(3, [stranger])], [old])).toThrow(/signed by no trusted key/);
    expect(() => openCheckpoints([rotation(3, stranger, stranger)], [old])).toThrow(/signed by no trusted key/);
  });

  it('does not let a rotation introduce a key of another origin', () => {
    const old = newKey();
    const foreign = newKey('other.invalid/log');
    const notes = [checkpoint(4, [foreign, old], [`${KEY_LINE}${foreign.text}`]), checkpoint(6, [foreign])];
    expect(() => openCheckpoints(notes, [old])).toThrow(/checkpoint 2 \(size 6\) is signed by no trusted key/);
  });

  it('refuses a rotation whose old-key signature does not verify (the note altered after signing)', () => {
    const old = newKey();
    const next = newKey();
    const tampered = rotation(4, next, old).replace(/^4\n/m, '5\n');
    expect(() => openCheckpoints([tampered], [old])).toThrow(/signed by no trusted key/);
  });
});
