/**
 * Signed checkpoints of the audit log (C2SP tlog-checkpoint in a signed note). The log never signs a checkpoint that is
 * not consistent with the previous one it signed: the tree must still hold the previous tree as its prefix (the
 * consistency proof from the stored subtrees verifies against both roots), else it refuses and keeps the previous.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../prisma/database';
import { checkpointBody, KEY_LINE } from '../../machines/tlog/note';
import { signNote } from '../../machines/tlog/note';
import { fromBase64, toBase64, verifyConsistency } from '../../machines/tlog/merkle';
import { coverAllRows } from './log';
import { auditSigning } from './signing';
import { consistencyProof, treeHead } from './tree';

export interface SignedCheckpoint {
  /** ISO instant it was signed. */
  at: string;
  size: number;
  /** Base64 root hash. */
  root: string;
  /** The signed note: the checkpoint body, a blank line, the signature lines. */
  note: string;
  /**
   * The witnesses' C2SP tlog-cosignature lines (one per witness), added once a witness cosigned it: the note followed
   * by them is the cosigned checkpoint.
   */
  cosignatures?: string[] | undefined;
}

export type CheckpointOutcome =
  { signed: SignedCheckpoint; fresh: boolean } | { refused: string; size: number; root: string };

/** Signs the tree's newest state, when consistent with `previous`; the same checkpoint when nothing was appended. */
export async function signCheckpoint(
  db: Pick<Database, 'prisma' | 'provider'>,
  previous: SignedCheckpoint | undefined,
  at: string,
): Promise<CheckpointOutcome> {
  await coverAllRows(db);
  const head = await treeHead(db.prisma);
  const root = toBase64(head.root);
  if (previous) {
    if (head.size < previous.size)
      return {
        refused: `the tree has ${head.size} leaves, fewer than the ${previous.size} signed`,
        size: head.size,
        root,
      };
    const proof = head.size === previous.size ? [] : await consistencyProof(db.prisma, previous.size, head.size);
    if (!verifyConsistency(previous.size, head.size, fromBase64(previous.root), head.root, proof))
      return {
        refused: `the tree of ${head.size} leaves does not extend the tree of ${previous.size} leaves signed at ${previous.at}`,
        size: head.size,
        root,
      };
    if (head.size === previous.size && auditSigning().keys.length === 1) return { signed: previous, fresh: false };
  }
  const { keys } = auditSigning();
  // A rotation: the new key, first, is introduced by a checkpoint the keys it replaces sign too.
  const extensions = keys.length > 1 ? [`${KEY_LINE}${keys[0]!.text}`] : [];
  const body = checkpointBody({ origin: keys[0]!.name, size: head.size, root: head.root, extensions });
  return { signed: { at, size: head.size, root, note: signNote(body, keys) }, fresh: true };
}

/**
 * Adds the checkpoint to the operator's append-only file (AUDIT_CHECKPOINT_FILE), one JSON line each, with the
 * witnesses' cosignatures it has by then.
 */
export async function keepCheckpointInFile(checkpoint: SignedCheckpoint): Promise<void> {
  const file = auditSigning().checkpointFile;
  if (!file) return;
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, `${JSON.stringify(checkpoint)}\n`, { flag: 'a', mode: 0o640 });
}
