/**
 * Plain SQL for the hottest reads (the session check, an assignment's confidential facts, its timeline, the inbox),
 * run on the driver adapter the client itself uses, past Prisma's query pipeline: a model call costs far more CPU than
 * its SQL (a read made of several calls cost milliseconds where its statements took a tenth of one), and `$queryRaw`
 * still pays most of the pipeline. The same SQL serves SQLite and PostgreSQL: quoted table and column names, `$1,
 * $2…` in the order of the arguments (rewritten to `?` for SQLite), values decoded by the caller with the helpers
 * below; a value from outside is always an argument, never part of the text (only the code's own constants are). A
 * client not opened by prisma/database.ts (a transaction's) answers through `$queryRawUnsafe`, with the same result.
 */
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { PrismaClient } from './prisma-types';
import type { Provider } from './tooling/schema-engine';

interface Connected {
  provider: Provider;
  adapter?: SqlDriverAdapter;
}

const connected = new WeakMap<object, Connected>();

/** Remembers the adapter `factory` connects, for `readRows` on `prisma` (the client made with that factory). */
export function keepAdapter(factory: SqlDriverAdapterFactory, provider: Provider): (prisma: PrismaClient) => void {
  const entry: Connected = { provider };
  const connect = factory.connect.bind(factory);
  factory.connect = async () => (entry.adapter = await connect());
  return (prisma) => connected.set(prisma, entry);
}

export type SqlArg = string | number | null;
export type Row = Record<string, unknown>;

const sqlitePlaceholders = (sql: string) => sql.replace(/\$\d+/g, '?');

/** Rows of `sql` (placeholders `$1…` in argument order), each an object by column name. */
export async function readRows(prisma: PrismaClient, sql: string, args: readonly SqlArg[]): Promise<Row[]> {
  const entry = connected.get(prisma);
  if (!entry) {
    const provider = (prisma as unknown as { _activeProvider?: string })._activeProvider;
    return await prisma.$queryRawUnsafe<Row[]>(provider === 'sqlite' ? sqlitePlaceholders(sql) : sql, ...args);
  }
  if (!entry.adapter) await prisma.$connect();
  const result = await entry.adapter!.queryRaw({
    sql: entry.provider === 'sqlite' ? sqlitePlaceholders(sql) : sql,
    args: [...args],
    argTypes: args.map((arg) => ({ scalarType: typeof arg === 'number' ? 'int' : 'string', arity: 'scalar' })),
  });
  const { columnNames, rows } = result;
  return rows.map((values) => {
    const row: Row = {};
    for (let i = 0; i < columnNames.length; i++) row[columnNames[i]!] = values[i];
    return row;
  });
}

/** A DateTime column as either adapter gives it (an ISO string, or a Date from `$queryRawUnsafe`). */
export function dateOf(value: unknown): Date;
export function dateOf(value: unknown, nullable: 'nullable'): Date | null;
export function dateOf(value: unknown, _nullable?: 'nullable'): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(value as string | number);
}

/** A Boolean column: 0/1 in SQLite, a boolean in PostgreSQL. */
export const booleanOf = (value: unknown): boolean => value === true || value === 1 || value === '1';

/** An Int column (a bigint or numeric string from some drivers). */
export const intOf = (value: unknown): number => Number(value);

/** A Json column: text from the adapters, already parsed from `$queryRawUnsafe` on PostgreSQL. */
export function jsonOf(value: unknown): unknown {
  return typeof value === 'string' ? (JSON.parse(value) as unknown) : (value ?? null);
}

/** A nullable text column. */
export const textOf = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
