/**
 * Why a file could not be read: too large for the import's bounds (limits.ts), or not a file of its kind at all.
 * Thrown inside the reading thread and sent back as data, then answered as a refusal (read-file.ts).
 */
export type TooLargeRule =
  'ROW_LIMIT' | 'INFLATED_SIZE_LIMIT' | 'ZIP_ENTRY_LIMIT' | 'READ_MEMORY_LIMIT' | 'READ_TIME_LIMIT';

export type ReadFault =
  { kind: 'TOO_LARGE'; rule: TooLargeRule; limit: number; message: string } | { kind: 'UNREADABLE'; message: string };

export class ReadFaultError extends Error {
  constructor(readonly fault: ReadFault) {
    super(fault.message);
  }
}

export const tooLarge = (rule: TooLargeRule, limit: number, message: string) =>
  new ReadFaultError({ kind: 'TOO_LARGE', rule, limit, message });

export const unreadable = (message: string) => new ReadFaultError({ kind: 'UNREADABLE', message });

/** A number as the message shows it: 5,000; 16 MiB. */
export const count = (n: number) => n.toLocaleString('en-US');
export const mib = (bytes: number) => `${count(Math.round((bytes / 1024 / 1024) * 10) / 10)} MiB`;
