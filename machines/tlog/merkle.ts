/**
 * The audit log's Merkle tree, RFC 9162 §2.1: a leaf hashes as SHA-256(0x00 || data), a node as
 * SHA-256(0x01 || left || right), the tree of n leaves splits at the largest power of two below n. Pure functions, shared
 * by the service and the offline verifier (scripts/verify.ts): no I/O, no Node built-ins.
 */
import { sha256 } from '@noble/hashes/sha2.js';

export type Hash = Uint8Array;

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

export const leafHash = (data: Uint8Array): Hash => sha256(concat(Uint8Array.of(0), data));
export const nodeHash = (left: Hash, right: Hash): Hash => sha256(concat(Uint8Array.of(1), left, right));
/** The root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Hash = sha256(new Uint8Array(0));

export const sameHash = (a: Hash, b: Hash): boolean => a.length === b.length && a.every((byte, i) => byte === b[i]);

/** The largest power of two strictly below n (n > 1). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The tree's right edge: the hashes of the complete subtrees that make up a tree of `size` leaves, largest first (one
 * per set bit of the size). Kept on each row, it lets the next row be appended, and any past root be computed, without
 * reading more than one row.
 */
export type Frontier = Hash[];

/** The frontier after appending a leaf to a tree of `size` leaves with frontier `frontier`. */
export function appendToFrontier(frontier: Frontier, size: number, leaf: Hash): Frontier {
  const next = [...frontier, leaf];
  for (let s = size; s % 2 === 1; s = Math.floor(s / 2)) {
    const right = next.pop()!;
    const left = next.pop()!;
    next.push(nodeHash(left, right));
  }
  return next;
}

/** The root hash of the tree whose right edge is `frontier`. */
export function rootOfFrontier(frontier: Frontier): Hash {
  if (frontier.length === 0) return EMPTY_ROOT;
  let root = frontier[frontier.length - 1]!;
  for (let i = frontier.length - 2; i >= 0; i -= 1) root = nodeHash(frontier[i]!, root);
  return root;
}

/** The leaf ranges [start, end) of the frontier's subtrees for a tree of `size` leaves, largest first. */
export function frontierRanges(size: number): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  for (let bit = 2 ** Math.floor(Math.log2(Math.max(size, 1))); bit >= 1; bit /= 2) {
    if (Math.floor(size / bit) % 2 === 1) {
      ranges.push([start, start + bit]);
      start += bit;
    }
  }
  return ranges;
}

/** A subtree of the tree: the leaves [start, end). */
export type Range = [start: number, end: number];

/** The subtrees whose hashes make the inclusion proof of leaf `index` in a tree of `size` leaves (RFC 9162 §2.1.3.1). */
export function inclusionRanges(index: number, size: number): Range[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of ${size} leaves`);
  const path = (m: number, start: number, end: number): Range[] => {
    const n = end - start;
    if (n === 1) return [];
    const k = splitPoint(n);
    return m < k
      ? [...path(m, start, start + k), [start + k, end]]
      : [...path(m - k, start + k, end), [start, start + k]];
  };
  return path(index, 0, size);
}

/** The subtrees whose hashes make the consistency proof from `from` leaves to `to` (RFC 9162 §2.1.4.1). */
export function consistencyRanges(from: number, to: number): Range[] {
  if (!(from >= 0 && from <= to)) throw new RangeError(`no consistency proof from ${from} leaves to ${to}`);
  if (from === 0 || from === to) return [];
  const subproof = (m: number, start: number, end: number, whole: boolean): Range[] => {
    const n = end - start;
    if (m === n) return whole ? [] : [[start, end]];
    const k = splitPoint(n);
    return m <= k
      ? [...subproof(m, start, start + k, whole), [start + k, end]]
      : [...subproof(m - k, start + k, end, false), [start, start + k]];
  };
  return subproof(from, 0, to, true);
}

/** The hash of a range from the leaf hashes, for small trees and tests (the service reads stored subtrees instead). */
export function rangeHash(leaves: Hash[], start: number, end: number): Hash {
  if (end - start === 1) return leaves[start]!;
  if (end === start) return EMPTY_ROOT;
  const k = splitPoint(end - start);
  return nodeHash(rangeHash(leaves, start, start + k), rangeHash(leaves, start + k, end));
}

/** Whether `proof` shows leaf `index` with hash `leaf` in the tree of `size` leaves with root `root` (RFC 9162 §2.1.3.2). */
export function verifyInclusion(index: number, size: number, leaf: Hash, proof: Hash[], root: Hash): boolean {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && sameHash(r, root);
}

/**
 * Whether `proof` shows the tree of `from` leaves with root `fromRoot` to be a prefix of the tree of `to` leaves with
 * root `toRoot` (RFC 9162 §2.1.4.2).
 */
export function verifyConsistency(from: number, to: number, fromRoot: Hash, toRoot: Hash, proof: Hash[]): boolean {
  if (!(Number.isSafeInteger(from) && Number.isSafeInteger(to) && from >= 0 && from <= to)) return false;
  if (from === to) return proof.length === 0 && sameHash(fromRoot, toRoot);
  if (from === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(from) ? [fromRoot, ...proof] : proof;
  let fn = from - 1;
  let sn = to - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && sameHash(fr, fromRoot) && sameHash(sr, toRoot);
}

const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0;

/**
 * Where the hash of a proof's range is read from, given the frontiers kept on the rows: a complete aligned subtree
 * [a, a + 2^l) is the last frontier entry of the tree of a + 2^l leaves when a / 2^l is even, else the node of its two
 * halves (the left one read the same way, the right one recursively, down to a single leaf's own hash); a range ending
 * at the tree's size is the fold of the tree's frontier entries from its start on.
 */
export type RangeSource =
  | { kind: 'frontierLast'; size: number }
  | { kind: 'leaf'; index: number }
  | { kind: 'node'; left: RangeSource; right: RangeSource }
  | { kind: 'frontierFrom'; size: number; start: number };

export function rangeSource(start: number, end: number, treeSize: number): RangeSource {
  const width = end - start;
  const complete = isPowerOfTwo(width) && start % width === 0;
  if (!complete) {
    if (end !== treeSize) throw new RangeError(`[${start}, ${end}) is neither a complete subtree nor the right edge`);
    return { kind: 'frontierFrom', size: treeSize, start };
  }
  if (width === 1) return { kind: 'leaf', index: start };
  if ((start / width) % 2 === 0) return { kind: 'frontierLast', size: end };
  const half = width / 2;
  return {
    kind: 'node',
    left: { kind: 'frontierLast', size: start + half },
    right: rangeSource(start + half, end, treeSize),
  };
}

/** The tree sizes whose frontiers, and the leaves whose hashes, a source reads. */
export function sourceReads(source: RangeSource, sizes: Set<number>, leaves: Set<number>): void {
  if (source.kind === 'leaf') leaves.add(source.index);
  else if (source.kind === 'node') {
    sourceReads(source.left, sizes, leaves);
    sourceReads(source.right, sizes, leaves);
  } else sizes.add(source.size);
}

/** Resolves a source against the frontiers and leaf hashes read. */
export function resolveSource(
  source: RangeSource,
  frontierOf: (size: number) => Frontier,
  leafOf: (index: number) => Hash,
): Hash {
  switch (source.kind) {
    case 'leaf':
      return leafOf(source.index);
    case 'frontierLast':
      return frontierOf(source.size).at(-1)!;
    case 'node':
      return nodeHash(resolveSource(source.left, frontierOf, leafOf), resolveSource(source.right, frontierOf, leafOf));
    case 'frontierFrom': {
      const frontier = frontierOf(source.size);
      const ranges = frontierRanges(source.size);
      return rootOfFrontier(frontier.filter((_, i) => ranges[i]![0] >= source.start));
    }
  }
}

/** Hashes to base64 (as checkpoints and proofs carry them) and back. */
export const toBase64 = (hash: Uint8Array): string => btoa(String.fromCharCode(...hash));
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** A frontier as kept on a row: its hashes' bytes concatenated, in base64. */
export const frontierToText = (frontier: Frontier): string => {
  const bytes = new Uint8Array(frontier.length * 32);
  frontier.forEach((h, i) => bytes.set(h, i * 32));
  return toBase64(bytes);
};
export function frontierFromText(text: string): Frontier {
  const bytes = fromBase64(text);
  const frontier: Frontier = [];
  for (let i = 0; i < bytes.length; i += 32) frontier.push(bytes.slice(i, i + 32));
  return frontier;
}
