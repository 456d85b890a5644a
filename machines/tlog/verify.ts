/**
 * The offline verification of the audit log, for auditors (scripts/verify.ts): with the log's public key, a checkpoint
 * kept from before, and either an export of rows or one row with its inclusion proof, it says whether the row is in the
 * log and whether the log still extends the kept checkpoint. No audit key, no database, no network, no trust in the
 * server: the leaves are recomputed from the rows, the roots from the leaves or the proofs, the checkpoints' signatures
 * checked against the keys, which may rotate (a checkpoint signed by a trusted key and a new one, naming the new one
 * in a `key` line, makes the new one trusted).
 */
import { type ExportedRow, rowLeafHash } from './leaf';
import { fromBase64, type Hash, rangeHash, sameHash, verifyConsistency, verifyInclusion } from './merkle';
import { type Checkpoint, introducedKeys, openNote, parseCheckpointBody, type VerifierKey } from './note';
import { verifyCosignature } from './witness';

export interface VerifiedCheckpoint extends Checkpoint {
  note: string;
  signedBy: VerifierKey[];
}

/**
 * Opens checkpoints in order against the trusted keys, growing the keys by each rotation met; throws naming the first
 * checkpoint signed by no trusted key.
 */
export function openCheckpoints(
  notes: string[],
  trusted: VerifierKey[],
): { checkpoints: VerifiedCheckpoint[]; keys: VerifierKey[] } {
  const keys = [...trusted];
  const checkpoints = notes.map((note, i) => {
    const body = parseCheckpointBody(note.slice(0, note.lastIndexOf('\n\n') + 1));
    const newKeys = introducedKeys(body).filter((k) => k.name === body.origin);
    const opened = openNote(note, [...keys, ...newKeys]);
    const byTrusted = opened.verifiedBy.filter((k) => keys.some((t) => t.text === k.text));
    if (byTrusted.length === 0)
      throw new Error(
        `checkpoint ${i + 1} (size ${body.size}) is signed by no trusted key (signed by ${opened.unknown.map((u) => `${u.name}+${u.id}`).join(', ') || 'keys whose signatures do not verify'})`,
      );
    if (keys.every((k) => k.name !== body.origin)) throw new Error(`checkpoint ${i + 1} is of origin ${body.origin}`);
    for (const key of newKeys)
      if (opened.verifiedBy.some((k) => k.text === key.text) && !keys.some((k) => k.text === key.text)) keys.push(key);
    return { ...body, note, signedBy: opened.verifiedBy };
  });
  return { checkpoints, keys };
}

export interface Finding {
  ok: boolean;
  check: string;
  detail: string;
}

/**
 * Checks an export of the log's rows from its first leaf against checkpoints: each checkpoint's root must be the root
 * of the exported leaves' prefix of its size (the log still extends it), and every exported row's leaf is recomputed
 * from its fields.
 */
export function verifyExport(rows: ExportedRow[], checkpoints: VerifiedCheckpoint[]): Finding[] {
  const findings: Finding[] = [];
  const ordered = [...rows].sort((a, b) => a.leafIndex - b.leafIndex);
  const gap = ordered.findIndex((row, i) => row.leafIndex !== i);
  if (gap >= 0) {
    findings.push({
      ok: false,
      check: 'export',
      detail: `leaf ${gap} is missing from the export (deleted or not exported)`,
    });
    ordered.splice(gap);
  }
  const leaves: Hash[] = ordered.map((row) => rowLeafHash(row));
  for (const c of checkpoints) {
    if (c.size > leaves.length) {
      findings.push({
        ok: false,
        check: `checkpoint size ${c.size}`,
        detail: `the export holds ${leaves.length} leaves, fewer than the ${c.size} this checkpoint signed: rows deleted`,
      });
      continue;
    }
    const same = sameHash(rangeHash(leaves, 0, c.size), c.root);
    findings.push({
      ok: same,
      check: `checkpoint size ${c.size}`,
      detail: same
        ? `the first ${c.size} exported rows are the log this checkpoint signed`
        : `the first ${c.size} exported rows are not the log this checkpoint signed: rows edited, deleted or rewritten`,
    });
  }
  return findings;
}

/** An inclusion proof as `GET /audit/proofs/inclusion` answers it. */
export interface InclusionProofFile {
  leafIndex: number;
  treeSize: number;
  root: string;
  proof: string[];
  row: ExportedRow;
}

/** A consistency proof as `GET /audit/proofs/consistency` answers it. */
export interface ConsistencyProofFile {
  from: number;
  to: number;
  fromRoot: string;
  toRoot: string;
  proof: string[];
}

/**
 * Checks one row with its inclusion proof against the checkpoint of the proof's tree size, and that this checkpoint
 * extends an earlier one kept (with the consistency proof between them), all against signed checkpoints.
 */
export function verifyRow(
  proof: InclusionProofFile,
  signedAtSize: VerifiedCheckpoint,
  kept?: { checkpoint: VerifiedCheckpoint; consistency: ConsistencyProofFile },
): Finding[] {
  const findings: Finding[] = [];
  const root = fromBase64(proof.root);
  const signedRoot = signedAtSize.size === proof.treeSize && sameHash(signedAtSize.root, root);
  findings.push({
    ok: signedRoot,
    check: 'proof root',
    detail: signedRoot
      ? `the proof's tree (size ${proof.treeSize}) is the one the checkpoint signed`
      : `the proof's tree (size ${proof.treeSize}) is not the one the checkpoint of size ${signedAtSize.size} signed`,
  });
  const included = verifyInclusion(
    proof.leafIndex,
    proof.treeSize,
    rowLeafHash(proof.row),
    proof.proof.map(fromBase64),
    signedAtSize.root,
  );
  findings.push({
    ok: included,
    check: `row seq ${proof.row.seq}`,
    detail: included
      ? `the row is leaf ${proof.leafIndex} of the signed log of ${proof.treeSize} rows`
      : `the row, as given, is not leaf ${proof.leafIndex} of the signed log: edited, or not in it`,
  });
  if (kept) {
    const { checkpoint, consistency } = kept;
    const consistent =
      consistency.from === checkpoint.size &&
      consistency.to === signedAtSize.size &&
      verifyConsistency(
        checkpoint.size,
        signedAtSize.size,
        checkpoint.root,
        signedAtSize.root,
        consistency.proof.map(fromBase64),
      );
    findings.push({
      ok: consistent,
      check: `kept checkpoint size ${checkpoint.size}`,
      detail: consistent
        ? `the log of ${signedAtSize.size} rows extends the checkpoint kept`
        : `the log of ${signedAtSize.size} rows does not extend the checkpoint kept (size ${checkpoint.size}): rewritten or truncated`,
    });
  }
  return findings;
}

/**
 * Checks that each checkpoint carries, among its signature lines, a valid C2SP tlog-cosignature of each witness given:
 * the witness saw this checkpoint and found it extending the last one it cosigned, so the log showed it no other
 * history of that size.
 */
export function verifyCosignatures(checkpoints: VerifiedCheckpoint[], witnesses: VerifierKey[]): Finding[] {
  const findings: Finding[] = [];
  for (const c of checkpoints) {
    const split = c.note.lastIndexOf('\n\n');
    const body = c.note.slice(0, split + 1);
    const lines = c.note
      .slice(split + 2)
      .split('\n')
      .filter(Boolean)
      .map((line) => `${line}\n`);
    for (const witness of witnesses) {
      const cosigned = lines.some((line) => verifyCosignature(line, body, witness));
      findings.push({
        ok: cosigned,
        check: `checkpoint size ${c.size} cosigned by ${witness.name}`,
        detail: cosigned
          ? `the witness ${witness.text} cosigned it`
          : `no valid cosignature of the witness ${witness.text} on this checkpoint`,
      });
    }
  }
  return findings;
}
