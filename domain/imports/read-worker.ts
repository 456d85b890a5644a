/**
 * The reading thread's entry: reads the one file it is given (read-table.ts) and answers its records or why not.
 * Started for each file by read-file.ts, with a bounded heap.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ReadFaultError, type ReadFault } from './faults';
import { type ReadBounds, readTable } from './read-table';
import type { TableRecord } from './table';

export interface ReadRequest {
  /** CSV text, or a workbook's bytes (a Buffer arrives as a Uint8Array). */
  content: string | Uint8Array;
  bounds: ReadBounds;
}

export type ReadOutcome = { ok: true; records: TableRecord[] } | { ok: false; fault: ReadFault };

async function outcome({ content, bounds }: ReadRequest): Promise<ReadOutcome> {
  try {
    const bytes =
      typeof content === 'string' ? content : Buffer.from(content.buffer, content.byteOffset, content.length);
    return { ok: true, records: await readTable(bytes, bounds) };
  } catch (error) {
    if (error instanceof ReadFaultError) return { ok: false, fault: error.fault };
    return {
      ok: false,
      fault: { kind: 'UNREADABLE', message: error instanceof Error ? error.message : String(error) },
    };
  }
}

if (parentPort) parentPort.postMessage(await outcome(workerData as ReadRequest));
