/**
 * A `tlog-witness` (C2SP) for the audit log, pure: its `add-checkpoint` request parsed, judged against the witness's
 * state (the latest size and root it cosigned per origin) and the log keys it trusts, and its cosignature (C2SP
 * `tlog-cosignature`, Ed25519: `cosignature/v1\ntime <t>\n` and the checkpoint body, key type 0x04). The process
 * around it (scripts/witness.ts) only reads requests, keeps the state file and answers.
 */
import * as ed from '@noble/ed25519';
import { sha256 } from '@noble/hashes/sha2.js';
import { EMPTY_ROOT, fromBase64, type Hash, sameHash, toBase64, verifyConsistency } from './merkle';
import {
  introducedKeys,
  openNote,
  parseCheckpointBody,
  parseVerifierKey,
  type SignerKey,
  type VerifierKey,
} from './note';

const COSIGNATURE = 0x04;
const encoder = new TextEncoder();

/** The latest checkpoint cosigned per origin, and the log keys a rotation introduced since the witness started. */
export interface WitnessState {
  origins: Record<string, { size: number; root: string; keys?: string[] }>;
}

export interface AddCheckpoint {
  oldSize: number;
  proof: Hash[];
  note: string;
}

export interface WitnessAnswer {
  status: 200 | 400 | 403 | 409 | 422;
  contentType: string;
  body: string;
  /** The state to keep before answering, when it changed. */
  state?: WitnessState;
}

const text = (status: WitnessAnswer['status'], body: string): WitnessAnswer => ({
  status,
  contentType: 'text/plain; charset=utf-8',
  body: `${body}\n`,
});

/** `old <size>\n`, the proof's base64 hashes one a line, a blank line, then the signed checkpoint. */
export function parseAddCheckpoint(body: string): AddCheckpoint {
  const blank = body.indexOf('\n\n');
  if (blank < 0) throw new Error('an add-checkpoint request has a blank line before the checkpoint');
  const [first, ...proofLines] = body.slice(0, blank).split('\n');
  const old = /^old (0|[1-9][0-9]*)$/.exec(first ?? '');
  if (!old || !Number.isSafeInteger(Number(old[1]))) throw new Error('the request starts with "old <size>"');
  const proof = proofLines.map((line) => {
    const hash = /^[A-Za-z0-9+/]{43}=$/.test(line) ? fromBase64(line) : undefined;
    if (!hash || hash.length !== 32) throw new Error(`not a base64 SHA-256 hash: ${line.slice(0, 80)}`);
    return hash;
  });
  if (proof.length > 63) throw new Error('a consistency proof has at most 63 hashes');
  return { oldSize: Number(old[1]), proof, note: body.slice(blank + 2) };
}

function keyIdOf(name: string, publicKey: Uint8Array): Uint8Array {
  return sha256(new Uint8Array([...encoder.encode(name), 0x0a, COSIGNATURE, ...publicKey])).slice(0, 4);
}

/** The witness's verifier key as a log or monitor names it: `<name>+<hex id>+<base64(0x04 || public key)>`. */
export function witnessVerifierKey(key: SignerKey): string {
  const id = Buffer.from(keyIdOf(key.name, key.publicKey)).toString('hex');
  return `${key.name}+${id}+${toBase64(Uint8Array.of(COSIGNATURE, ...key.publicKey))}`;
}

/** Parses a witness's verifier key (`<name>+<hex id>+<base64(0x04 || public key)>`); throws naming what is wrong. */
export function parseWitnessKey(text: string): VerifierKey {
  const match = /^([^\s+]+)\+([0-9a-fA-F]{8})\+(\S+)$/.exec(text.trim());
  if (!match) throw new Error('a witness key reads <name>+<key id>+<base64 key>');
  const [, name, id, b64] = match as unknown as [string, string, string, string];
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(b64);
  } catch {
    throw new Error('the witness key is not base64');
  }
  if (bytes.length !== 33 || bytes[0] !== COSIGNATURE)
    throw new Error('the witness key is not an Ed25519 cosignature key');
  const publicKey = bytes.slice(1);
  const keyId = keyIdOf(name, publicKey);
  if (Buffer.from(keyId).toString('hex') !== id.toLowerCase())
    throw new Error('the witness key does not match its key id');
  return { name, id: new DataView(keyId.buffer, keyId.byteOffset).getUint32(0), publicKey, text: text.trim() };
}

/** The cosignature line of `checkpointText` (the note's body) at `time` (seconds since the epoch). */
export function cosign(checkpointText: string, key: SignerKey, time: number): string {
  const message = encoder.encode(`cosignature/v1\ntime ${time}\n${checkpointText}`);
  const stamp = new Uint8Array(8);
  new DataView(stamp.buffer).setBigUint64(0, BigInt(time));
  const signature = ed.sign(message, key.seed);
  return `\u2014 ${key.name} ${toBase64(new Uint8Array([...keyIdOf(key.name, key.publicKey), ...stamp, ...signature]))}\n`;
}

/** Checks a cosignature line against the witness's public key and the checkpoint text it cosigned. */
export function verifyCosignature(line: string, checkpointText: string, witness: VerifierKey): boolean {
  const match = /^\u2014 (\S+) (\S+)\n?$/.exec(line);
  if (!match || match[1] !== witness.name) return false;
  const bytes = fromBase64(match[2]!);
  if (bytes.length !== 76 || !sameHash(bytes.slice(0, 4), keyIdOf(witness.name, witness.publicKey))) return false;
  const time = new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(4);
  const message = encoder.encode(`cosignature/v1\ntime ${time}\n${checkpointText}`);
  return ed.verify(bytes.slice(12), message, witness.publicKey);
}

/**
 * Judges an add-checkpoint request: 403 unless the checkpoint is signed by a log key the witness trusts for its origin;
 * 409 with the size it knows when `old` is not that size, or when the sizes are equal and the roots are not (a split
 * view); 422 when the consistency proof does not prove the new tree extends the one it cosigned; else 200 with its
 * cosignature and the new state.
 */
export function addCheckpoint(
  state: WitnessState,
  body: string,
  logKeys: VerifierKey[],
  witnessKey: SignerKey,
  now: Date,
): WitnessAnswer {
  let request: AddCheckpoint;
  let checkpoint: ReturnType<typeof parseCheckpointBody>;
  let opened: ReturnType<typeof openNote>;
  let introduced: VerifierKey[];
  try {
    request = parseAddCheckpoint(body);
    const split = request.note.lastIndexOf('\n\n');
    checkpoint = parseCheckpointBody(request.note.slice(0, split + 1));
    introduced = introducedKeys(checkpoint).filter((k) => k.name === checkpoint.origin);
    const known = state.origins[checkpoint.origin];
    const trusted = [
      ...logKeys.filter((k) => k.name === checkpoint.origin),
      ...(known?.keys ?? []).map((k) => parseVerifierKey(k)),
    ];
    opened = openNote(request.note, [...trusted, ...introduced]);
    if (!opened.verifiedBy.some((k) => trusted.some((t) => t.text === k.text)))
      return text(403, `the checkpoint of ${checkpoint.origin} is signed by no log key this witness trusts`);
    introduced = introduced.filter(
      (k) => opened.verifiedBy.some((v) => v.text === k.text) && !trusted.some((t) => t.text === k.text),
    );
  } catch (error) {
    return text(400, (error as Error).message);
  }
  const known = state.origins[checkpoint.origin] ?? { size: 0, root: toBase64(EMPTY_ROOT) };
  const conflict: WitnessAnswer = {
    status: 409,
    contentType: 'text/x.tlog.size',
    body: `${known.size}\n`,
  };
  if (request.oldSize > checkpoint.size)
    return text(400, `old size ${request.oldSize} is beyond the checkpoint's ${checkpoint.size}`);
  if (request.oldSize !== known.size) return conflict;
  if (request.oldSize === checkpoint.size) {
    if (!sameHash(fromBase64(known.root), checkpoint.root)) return conflict;
  } else if (
    request.oldSize > 0 &&
    !verifyConsistency(request.oldSize, checkpoint.size, fromBase64(known.root), checkpoint.root, request.proof)
  )
    return text(422, `the proof does not show the tree of ${checkpoint.size} extends the tree of ${known.size}`);
  else if (request.oldSize === 0 && request.proof.length > 0)
    return text(422, 'a checkpoint from size 0 comes with an empty proof');
  const keys = [...(state.origins[checkpoint.origin]?.keys ?? []), ...introduced.map((k) => k.text)];
  return {
    status: 200,
    contentType: 'text/plain; charset=utf-8',
    body: cosign(opened.text, witnessKey, Math.floor(now.getTime() / 1000)),
    state: {
      origins: {
        ...state.origins,
        [checkpoint.origin]: {
          size: checkpoint.size,
          root: toBase64(checkpoint.root),
          ...(keys.length > 0 && { keys }),
        },
      },
    },
  };
}
