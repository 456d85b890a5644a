/**
 * npm run verify -- --key <public key> --checkpoint <file> … (--export <file> … | --proof <file> [--consistency <file>])
 *   [--witness-key <witness key> …]
 *
 * Verifies the audit log offline, as an auditor: no audit key, no database, no network. The public key is the one
 * `GET /audit/public-key` publishes (or a file holding it; give several for a rotation: the first is trusted, the
 * others are learnt from checkpoints signed by both). Checkpoints are files of signed notes (one note, the JSON of
 * `GET /audit/checkpoints`, or the service's checkpoint file, one JSON line each), oldest first. With `--export` (the
 * JSON of `GET /audit/export` pages, from the first row), it checks that every checkpoint's root is the root of the
 * exported rows; with `--proof` (`GET /audit/proofs/inclusion`), that the row is in the log signed by the checkpoint
 * of the proof's size, and with `--consistency` (`GET /audit/proofs/consistency?from=<kept>&to=<that size>`), that
 * this log extends the first checkpoint given. With `--witness-key` (a witness's verifier key, as `npm run witness`
 * prints it; several for several witnesses), every checkpoint must carry that witness's cosignature. Exit 0 when all holds, 1 when something does not, 2 on bad input.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type ExportedRow, ExportedRowSchema } from '../machines/tlog/leaf';
import { parseVerifierKey } from '../machines/tlog/note';
import {
  type ConsistencyProofFile,
  type Finding,
  type InclusionProofFile,
  openCheckpoints,
  verifyExport,
  verifyCosignatures,
  verifyRow,
} from '../machines/tlog/verify';
import { parseWitnessKey } from '../machines/tlog/witness';

/** A checkpoint as the service keeps it: its signed note, and the witnesses' cosignature lines when it has them. */
interface Kept {
  note: string;
  cosignatures?: string[] | undefined;
}
/** The note with the witnesses' cosignatures added as further signature lines: the cosigned checkpoint (C2SP). */
const cosignedNote = (c: Kept) =>
  `${c.note}${(c.cosignatures ?? []).map((line) => line.replace(/\n?$/, '\n')).join('')}`;

export function notesIn(text: string): string[] {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return [text];
  try {
    const json = JSON.parse(text) as { checkpoints?: Kept[]; checkpoint?: Kept | null } | Kept[];
    // A list, the checkpoints' answer, a decision's proof (GET /audit/decisions/<id>/proof) with its checkpoint, or one
    // checkpoint (a checkpoint file of one line).
    const list = Array.isArray(json)
      ? json
      : 'note' in json && typeof json.note === 'string'
        ? [json as Kept]
        : (json.checkpoints ?? (json.checkpoint ? [json.checkpoint] : []));
    return list.map(cosignedNote);
  } catch {
    return text
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => cosignedNote(JSON.parse(line) as Kept));
  }
}

export function rowsIn(text: string): ExportedRow[] {
  const json = JSON.parse(text) as { rows?: unknown[] } | unknown[];
  return (Array.isArray(json) ? json : (json.rows ?? [])).map((row) => ExportedRowSchema.parse(row));
}

export interface VerifyInput {
  keys: string[];
  checkpoints: string[];
  exports?: string[];
  proof?: string;
  consistency?: string;
  /** Witnesses' verifier keys: each checkpoint must carry a valid cosignature of each. */
  witnessKeys?: string[];
}

/** Runs the verification on the files' contents; the findings, or throws on input that is not what it should be. */
export function verifyFiles(input: VerifyInput): Finding[] {
  const trusted = input.keys.slice(0, 1).map(parseVerifierKey);
  const { checkpoints } = openCheckpoints(input.checkpoints.flatMap(notesIn), trusted);
  if (checkpoints.length === 0) throw new Error('no checkpoint given');
  const findings: Finding[] = checkpoints.map((c) => ({
    ok: true,
    check: `checkpoint size ${c.size}`,
    detail: `signed by ${c.signedBy.map((k) => k.text).join(' and ')}`,
  }));
  if (input.witnessKeys?.length)
    findings.push(...verifyCosignatures(checkpoints, input.witnessKeys.map(parseWitnessKey)));
  if (input.exports) findings.push(...verifyExport(input.exports.flatMap(rowsIn), checkpoints));
  if (input.proof) {
    const given = JSON.parse(input.proof) as InclusionProofFile | { inclusion: InclusionProofFile | null };
    // A decision's proof carries the inclusion proof under `inclusion`.
    const proof = 'inclusion' in given ? given.inclusion : given;
    if (!proof) throw new Error('the decision has no inclusion proof yet: no kept checkpoint holds its row');
    proof.row = ExportedRowSchema.parse(proof.row);
    const signed = checkpoints.findLast((c) => c.size === proof.treeSize);
    if (!signed) throw new Error(`no checkpoint given of tree size ${proof.treeSize}, the proof's`);
    const first = checkpoints[0]!;
    const kept =
      input.consistency && first !== signed
        ? { checkpoint: first, consistency: JSON.parse(input.consistency) as ConsistencyProofFile }
        : undefined;
    findings.push(...verifyRow(proof, signed, kept));
  }
  return findings;
}

function main(): number {
  const { values } = parseArgs({
    options: {
      key: { type: 'string', multiple: true },
      checkpoint: { type: 'string', multiple: true },
      export: { type: 'string', multiple: true },
      proof: { type: 'string' },
      consistency: { type: 'string' },
      'witness-key': { type: 'string', multiple: true },
    },
  });
  const read = (file: string) => readFileSync(file, 'utf8');
  const keyText = (value: string) => (/^[^+\s]+\+[0-9a-fA-F]{8}\+/.test(value) ? value : read(value).trim());
  try {
    if (
      !values.key?.length ||
      !values.checkpoint?.length ||
      (!values.export && !values.proof && !values['witness-key']?.length)
    )
      throw new Error(
        'usage: npm run verify -- --key <key> --checkpoint <file> (--export <file> | --proof <file> | --witness-key <key>)',
      );
    const findings = verifyFiles({
      keys: values.key.map(keyText),
      checkpoints: values.checkpoint.map(read),
      exports: values.export?.map(read),
      proof: values.proof && read(values.proof),
      consistency: values.consistency && read(values.consistency),
      witnessKeys: values['witness-key']?.map(keyText),
    });
    for (const f of findings) console.log(`${f.ok ? 'ok  ' : 'FAIL'} ${f.check}: ${f.detail}`);
    const failed = findings.filter((f) => !f.ok).length;
    console.log(failed === 0 ? 'verify: the log holds' : `verify: ${failed} checks failed`);
    return failed === 0 ? 0 : 1;
  } catch (error) {
    console.error(`verify: ${(error as Error).message}`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) process.exitCode = main();
