/**
 * The first step of every import (roster, people, areas): the file read into records outside the event loop, in a
 * thread of its own with a bounded heap and a time limit, at most a few at once, so a hostile file (a zip bomb, a
 * sheet that inflates to gigabytes, a million rows) costs the service a refused request and nothing else.
 *
 * The pipeline an import follows: `readImportFile` (here) → `rowsFromRecords` (table.ts: the header's columns) →
 * every row checked, the lookups batched (chunks.ts) → `refuseImport` listing each problem by line, column and rule,
 * or everything written in one go. Past a bound: 413 `IMPORT_TOO_LARGE` naming the rule and the limit; a file that is
 * not of its kind: 422 `IMPORT_REFUSED` with `UNREADABLE_FILE` on line 1.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Refusal } from '../refusal';
import { count, mib, type ReadFault } from './faults';
import { IMPORT_LIMITS, type ImportLimits } from './limits';
import type { ReadOutcome, ReadRequest } from './read-worker';
import { refuseImport, type TableRecord } from './table';

const WORKER = new URL('./read-worker.ts', import.meta.url).href;

/** tsx's module API as an ESM file's URL, where its package.json exports it. */
function tsxApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require('tsx/package.json') as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(
    path.join(path.dirname(require.resolve('tsx/package.json')), manifest.exports['./esm/api']!.import.default),
  ).href;
}

/**
 * The thread's first line: on Node 20 a worker does not inherit the service's TypeScript loader (tsx), so it loads
 * read-worker.ts through tsx's own import.
 */
const BOOT = `import(${JSON.stringify(tsxApi())}).then(({ tsImport }) => tsImport(${JSON.stringify(WORKER)}, ${JSON.stringify(WORKER)}))`;

/** Reads waiting for a free turn, and the number under way. */
const waiting: (() => void)[] = [];
let reading = 0;

async function turn<T>(limit: number, work: () => Promise<T>): Promise<T> {
  if (reading >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
  reading += 1;
  try {
    return await work();
  } finally {
    reading -= 1;
    waiting.shift()?.();
  }
}

function inThread(request: ReadRequest, limits: ImportLimits): Promise<ReadOutcome> {
  return new Promise((resolve) => {
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: request,
      resourceLimits: {
        maxOldGenerationSizeMb: limits.heapMb,
        maxYoungGenerationSizeMb: Math.min(64, limits.heapMb / 4),
      },
    });
    let settled = false;
    const settle = (outcome: ReadOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
      void worker.terminate();
    };
    const fault = (fault: ReadFault) => settle({ ok: false, fault });
    const timer = setTimeout(
      () =>
        fault({
          kind: 'TOO_LARGE',
          rule: 'READ_TIME_LIMIT',
          limit: limits.readMs,
          message: `Reading the file took longer than ${count(limits.readMs / 1000)} s, the limit: split it into smaller files`,
        }),
      limits.readMs,
    );
    worker.once('message', (outcome: ReadOutcome) => settle(outcome));
    worker.once('error', (error: Error & { code?: string }) =>
      fault(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? {
              kind: 'TOO_LARGE',
              rule: 'READ_MEMORY_LIMIT',
              limit: limits.heapMb,
              message: `Reading the file needed more than ${mib(limits.heapMb * 1024 * 1024)} of memory, the limit: split it into smaller files`,
            }
          : { kind: 'UNREADABLE', message: `The file could not be read (${error.message})` },
      ),
    );
    worker.once('exit', () => fault({ kind: 'UNREADABLE', message: 'The file could not be read' }));
  });
}

/** The refusal a read fault is answered with. */
export function refusalOf(fault: ReadFault): Refusal {
  if (fault.kind === 'TOO_LARGE')
    return new Refusal(413, 'IMPORT_TOO_LARGE', `Nothing was imported: ${fault.message}`, {
      rule: fault.rule,
      limit: fault.limit,
    });
  return refuseImport([{ line: 1, rule: 'UNREADABLE_FILE', message: fault.message }]);
}

/**
 * The file's records (CSV text, or an .xlsx workbook's bytes: its first sheet), the first naming the columns; throws
 * the refusal when the file is past a bound or cannot be read.
 */
export async function readImportFile(
  content: string | Buffer,
  limits: ImportLimits = IMPORT_LIMITS,
): Promise<TableRecord[]> {
  const request: ReadRequest = {
    content,
    bounds: { rows: limits.rows, inflatedBytes: limits.inflatedBytes, zipEntries: limits.zipEntries },
  };
  const outcome = await turn(limits.concurrentReads, () => inThread(request, limits));
  if (!outcome.ok) throw refusalOf(outcome.fault);
  return outcome.records;
}
