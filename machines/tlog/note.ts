/**
 * Checkpoints of the audit log in the C2SP formats: the `tlog-checkpoint` body (origin, tree size, base64 root hash,
 * then optional extension lines) and its `signed-note` signatures (`— <key name> <base64(key id || signature)>`), with
 * Ed25519 keys named as the note format names them: the verifier key `<name>+<hex key id>+<base64(0x01 || public
 * key)>`, the signer key `PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 || seed)>`, the key id the first four bytes
 * of SHA-256(name || 0x0A || 0x01 || public key). Pure functions, shared by the service and the offline verifier.
 */
import * as ed from '@noble/ed25519';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { fromBase64, toBase64, type Hash } from './merkle';

ed.hashes.sha512 = (message) => Uint8Array.from(sha512(message));

const ED25519 = 0x01;
const encoder = new TextEncoder();
const SIGNATURE_PREFIX = '\u2014 ';
/** The extension line by which a checkpoint signed by the current key and a new one introduces the new one. */
export const KEY_LINE = 'key ';

export interface VerifierKey {
  name: string;
  id: number;
  publicKey: Uint8Array;
  /** `<name>+<hex id>+<base64(0x01 || public key)>`, as `GET /audit/public-key` publishes it. */
  text: string;
}
export interface SignerKey extends VerifierKey {
  seed: Uint8Array;
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

function keyId(name: string, publicKey: Uint8Array): number {
  const digest = sha256(new Uint8Array([...encoder.encode(name), 0x0a, ED25519, ...publicKey]));
  return new DataView(digest.buffer, digest.byteOffset).getUint32(0);
}

function validName(name: string): boolean {
  return name.length > 0 && !/[\s+]/.test(name) && !/\p{C}/u.test(name);
}

function verifierOf(name: string, publicKey: Uint8Array): VerifierKey {
  const id = keyId(name, publicKey);
  return { name, id, publicKey, text: `${name}+${hex8(id)}+${toBase64(Uint8Array.of(ED25519, ...publicKey))}` };
}

/** A new Ed25519 signer key named `name` (the log's origin), from 32 random bytes. */
export function signerKeyFromSeed(name: string, seed: Uint8Array): SignerKey & { secret: string } {
  if (!validName(name)) throw new Error(`a key name has no spaces, no "+" and no control characters: ${name}`);
  const verifier = verifierOf(name, ed.getPublicKey(seed));
  return {
    ...verifier,
    seed,
    secret: `PRIVATE+KEY+${name}+${hex8(verifier.id)}+${toBase64(Uint8Array.of(ED25519, ...seed))}`,
  };
}

/** `<name>+<hex id>+<base64 key>`: the name ends at the first "+", the key (base64 may hold "+") after the id. */
function splitKey(text: string): { name: string; id: string; bytes: Uint8Array } | undefined {
  const plus = text.indexOf('+');
  if (plus <= 0 || text[plus + 9] !== '+') return undefined;
  const id = text.slice(plus + 1, plus + 9);
  if (!/^[0-9a-fA-F]{8}$/.test(id)) return undefined;
  return { name: text.slice(0, plus), id, bytes: decode(text.slice(plus + 10)) };
}

/** Parses `PRIVATE+KEY+<name>+<id>+<key>`; throws naming what is wrong. */
export function parseSignerKey(text: string): SignerKey {
  const trimmed = text.trim();
  const parts = trimmed.startsWith('PRIVATE+KEY+') ? splitKey(trimmed.slice('PRIVATE+KEY+'.length)) : undefined;
  if (!parts) throw new Error('a signer key reads PRIVATE+KEY+<name>+<key id>+<base64 key>');
  const { name, id, bytes } = parts;
  if (bytes.length !== 33 || bytes[0] !== ED25519) throw new Error('the signer key is not an Ed25519 key');
  const signer = signerKeyFromSeed(name, bytes.slice(1));
  if (hex8(signer.id) !== id.toLowerCase()) throw new Error('the signer key does not match its key id');
  return signer;
}

/** Parses `<name>+<id>+<key>`; throws naming what is wrong. */
export function parseVerifierKey(text: string): VerifierKey {
  const parts = splitKey(text.trim());
  if (!parts) throw new Error('a verifier key reads <name>+<key id>+<base64 key>');
  const { name, id, bytes } = parts;
  if (!validName(name) || bytes.length !== 33 || bytes[0] !== ED25519)
    throw new Error('the verifier key is not an Ed25519 note key');
  const verifier = verifierOf(name, bytes.slice(1));
  if (hex8(verifier.id) !== id.toLowerCase()) throw new Error('the verifier key does not match its key id');
  return verifier;
}

function decode(text: string): Uint8Array {
  try {
    return fromBase64(text);
  } catch {
    throw new Error('not base64');
  }
}

export interface Checkpoint {
  origin: string;
  size: number;
  root: Hash;
  /** Extension lines, without their newline. */
  extensions: string[];
}

/** The checkpoint's note text: `origin\nsize\nbase64 root\n` and its extension lines. */
export function checkpointBody(c: Checkpoint): string {
  return [c.origin, String(c.size), toBase64(c.root), ...c.extensions].map((line) => `${line}\n`).join('');
}

export function parseCheckpointBody(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new Error('a checkpoint ends with a newline');
  const lines = text.slice(0, -1).split('\n');
  const [origin, size, root, ...extensions] = lines;
  if (!origin || !size || !root) throw new Error('a checkpoint has an origin, a tree size and a root hash');
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size)))
    throw new Error(`the tree size is not a decimal number: ${size}`);
  const hash = decode(root);
  if (hash.length !== 32) throw new Error('the root hash is not 32 bytes');
  if (extensions.some((line) => line === '')) throw new Error('a checkpoint has no empty line');
  return { origin, size: Number(size), root: hash, extensions };
}

/** Signs the note text with each key, in order: the signed note. */
export function signNote(text: string, keys: SignerKey[]): string {
  const message = encoder.encode(text);
  const lines = keys.map((key) => {
    const id = new Uint8Array(4);
    new DataView(id.buffer).setUint32(0, key.id);
    return `${SIGNATURE_PREFIX}${key.name} ${toBase64(new Uint8Array([...id, ...ed.sign(message, key.seed)]))}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

export interface OpenedNote {
  text: string;
  /** The keys among those given whose signatures verify. */
  verifiedBy: VerifierKey[];
  /** Signature lines by keys not given (name and hex id), ignored. */
  unknown: { name: string; id: string }[];
}

/** Splits a signed note and checks its signatures against `keys`; throws when it is not a signed note. */
export function openNote(note: string, keys: VerifierKey[]): OpenedNote {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new Error('not a signed note: no blank line before its signatures');
  const text = note.slice(0, split + 1);
  const signatures = note.slice(split + 2, -1).split('\n');
  const message = encoder.encode(text);
  const verifiedBy: VerifierKey[] = [];
  const unknown: OpenedNote['unknown'] = [];
  for (const line of signatures) {
    if (!line.startsWith(SIGNATURE_PREFIX)) throw new Error(`not a signature line: ${line.slice(0, 80)}`);
    const [name, b64] = line.slice(SIGNATURE_PREFIX.length).split(' ');
    const bytes = decode(b64 ?? '');
    if (!name || bytes.length < 5) throw new Error(`not a signature line: ${line.slice(0, 80)}`);
    const id = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0);
    const key = keys.find((k) => k.name === name && k.id === id);
    if (!key) {
      unknown.push({ name, id: hex8(id) });
      continue;
    }
    if (bytes.length === 68 && ed.verify(bytes.slice(4), message, key.publicKey)) verifiedBy.push(key);
  }
  return { text, verifiedBy, unknown };
}

/** The new verifier keys a checkpoint introduces (its `key <verifier key>` extension lines). */
export function introducedKeys(checkpoint: Checkpoint): VerifierKey[] {
  return checkpoint.extensions
    .filter((line) => line.startsWith(KEY_LINE))
    .map((line) => parseVerifierKey(line.slice(KEY_LINE.length)));
}
