/**
 * The audit log's Merkle tree and checkpoints, pure: RFC 9162 hashing against the test vectors of the RFC 6962 reference
 * implementation, inclusion and consistency proofs made from the frontiers the rows keep, and C2SP signed checkpoints.
 */
import { describe, expect, it } from 'vitest';
import {
  appendToFrontier,
  consistencyRanges,
  EMPTY_ROOT,
  type Frontier,
  frontierFromText,
  frontierToText,
  inclusionRanges,
  leafHash,
  rangeHash,
  rangeSource,
  resolveSource,
  rootOfFrontier,
  verifyConsistency,
  verifyInclusion,
} from '../../machines/tlog/merkle';
import {
  checkpointBody,
  openNote,
  parseCheckpointBody,
  parseSignerKey,
  parseVerifierKey,
  signerKeyFromSeed,
  signNote,
} from '../../machines/tlog/note';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (h: Uint8Array) => Buffer.from(h).toString('hex');
const DATA = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const LEAVES = DATA.map(hex).map(leafHash);
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** A tree grown leaf by leaf as the rows grow it: the frontier after each leaf. */
function grow(leaves: Uint8Array[]): Frontier[] {
  const frontiers: Frontier[] = [];
  let frontier: Frontier = [];
  leaves.forEach((leaf, i) => {
    frontier = appendToFrontier(frontier, i, leaf);
    frontiers.push(frontier);
  });
  return frontiers;
}

/** A proof made the service's way: each range read from the stored frontiers and leaf hashes. */
function storedProof(leaves: Uint8Array[], frontiers: Frontier[], ranges: [number, number][], size: number) {
  return ranges.map(([a, b]) =>
    resolveSource(
      rangeSource(a, b, size),
      (s) => frontiers[s - 1]!,
      (i) => leaves[i]!,
    ),
  );
}

describe('RFC 9162 hashing', () => {
  it('gives the reference roots for trees of 1 to 8 leaves, grown one leaf at a time', () => {
    expect(toHex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const frontiers = grow(LEAVES);
    for (let n = 1; n <= 8; n += 1) {
      expect(toHex(rangeHash(LEAVES, 0, n)), `size ${n}`).toBe(ROOTS[n - 1]);
      expect(toHex(rootOfFrontier(frontiers[n - 1]!)), `size ${n}`).toBe(ROOTS[n - 1]);
      expect(frontierFromText(frontierToText(frontiers[n - 1]!))).toEqual(frontiers[n - 1]);
    }
  });

  it('makes the reference inclusion and consistency proofs', () => {
    const frontiers = grow(LEAVES);
    const inclusion = storedProof(LEAVES, frontiers, inclusionRanges(0, 8), 8).map(toHex);
    expect(inclusion).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(storedProof(LEAVES, frontiers, consistencyRanges(6, 8), 8).map(toHex)).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(storedProof(LEAVES, frontiers, consistencyRanges(2, 5), 5).map(toHex)).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
  });

  it('verifies every inclusion and consistency proof of trees up to 70 leaves, and refuses them altered', () => {
    const leaves = Array.from({ length: 70 }, (_, i) => leafHash(new TextEncoder().encode(`row ${i}`)));
    const frontiers = grow(leaves);
    const root = (n: number) => rootOfFrontier(frontiers[n - 1]!);
    for (let n = 1; n <= 70; n += 1) {
      expect(root(n)).toEqual(rangeHash(leaves, 0, n));
      for (let m = 0; m < n; m += 1) {
        const proof = storedProof(leaves, frontiers, inclusionRanges(m, n), n);
        expect(proof).toEqual(inclusionRanges(m, n).map(([a, b]) => rangeHash(leaves, a, b)));
        expect(verifyInclusion(m, n, leaves[m]!, proof, root(n)), `leaf ${m} in ${n}`).toBe(true);
        expect(verifyInclusion(m, n, leaves[(m + 1) % 70]!, proof, root(n))).toBe(false);
        if (m > 0) {
          const consistency = storedProof(leaves, frontiers, consistencyRanges(m, n), n);
          expect(verifyConsistency(m, n, root(m), root(n), consistency), `${m} to ${n}`).toBe(true);
          expect(verifyConsistency(m, n, root(m), root(n - 1 || 1), consistency) && n > 1 && m < n - 1).toBe(false);
          if (consistency.length > 0) {
            const broken = consistency.map((h, i) => (i === 0 ? leafHash(h) : h));
            expect(verifyConsistency(m, n, root(m), root(n), broken)).toBe(false);
          }
        }
      }
    }
  });
});

describe('C2SP checkpoints and signed notes', () => {
  const key = signerKeyFromSeed('example.org/audit', new Uint8Array(32).fill(7));
  const other = signerKeyFromSeed('example.org/audit', new Uint8Array(32).fill(9));
  const checkpoint = { origin: 'example.org/audit', size: 8, root: hex(ROOTS[7]!), extensions: [] };

  it('writes the checkpoint body and reads it back, and names keys as the note format does', () => {
    const body = checkpointBody(checkpoint);
    expect(body).toBe('example.org/audit\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n');
    expect(parseCheckpointBody(body)).toEqual(checkpoint);
    expect(() => parseCheckpointBody('example.org/audit\n08\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n')).toThrow(
      /tree size/,
    );
    expect(key.text).toMatch(/^example\.org\/audit\+[0-9a-f]{8}\+[A-Za-z0-9+/]{43}[A-Za-z0-9+/=]$/);
    expect(parseVerifierKey(key.text).publicKey).toEqual(key.publicKey);
    expect(parseSignerKey(key.secret).seed).toEqual(key.seed);
    expect(() => parseVerifierKey(key.text.replace(/\+[0-9a-f]{8}\+/, '+00000000+'))).toThrow(/key id/);
  });

  it('signs a note that verifies by its key only, and not once a byte of it changed', () => {
    const note = signNote(checkpointBody(checkpoint), [key]);
    expect(note).toMatch(/\n\n\u2014 example\.org\/audit [A-Za-z0-9+/=]+\n$/);
    expect(openNote(note, [key]).verifiedBy.map((k) => k.text)).toEqual([key.text]);
    expect(openNote(note, [other]).verifiedBy).toEqual([]);
    expect(openNote(note, [other]).unknown).toHaveLength(1);
    expect(openNote(note.replace('\n8\n', '\n9\n'), [key]).verifiedBy).toEqual([]);
  });
});
