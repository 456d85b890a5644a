/**
 * The bounds every import file is read within (roster, people, areas): operational limits, not rules of the
 * regulation. A file past one is refused whole with 413 `IMPORT_TOO_LARGE` naming the limit (docs/api.md).
 */
export interface ImportLimits {
  /** Data rows a file may hold, the header aside: a larger roster is split into several files. */
  rows: number;
  /** Bytes a workbook's parts may inflate to, all together (declared in the zip and actually inflated). */
  inflatedBytes: number;
  /** Parts (entries) a workbook's zip may hold. */
  zipEntries: number;
  /** The reading thread's heap, in MiB: past it the thread is stopped, the service goes on. */
  heapMb: number;
  /** How long reading a file may take, in ms. */
  readMs: number;
  /** Files read at once; more wait their turn, so a burst of uploads cannot take the machine's memory. */
  concurrentReads: number;
}

export const IMPORT_LIMITS: ImportLimits = {
  rows: 5_000,
  inflatedBytes: 16 * 1024 * 1024,
  zipEntries: 500,
  heapMb: 256,
  readMs: 30_000,
  concurrentReads: 2,
};
