/**
 * Lookups for a whole file, a chunk of keys at a time: one query per key would be slow, one query for all of them
 * passes the databases' bound on a statement's parameters (SQLite's 32,766, PostgreSQL's 65,535) on a large file.
 */

/** Keys a query takes at once: a few parameters each (a code or an id), well under either database's bound. */
export const LOOKUP_CHUNK = 500;

/** The query's results over every distinct key, `LOOKUP_CHUNK` keys a call, one call after another. */
export async function inChunks<K, T>(keys: Iterable<K>, query: (chunk: K[]) => Promise<T[]>): Promise<T[]> {
  const distinct = [...new Set(keys)];
  const out: T[] = [];
  for (let at = 0; at < distinct.length; at += LOOKUP_CHUNK)
    out.push(...(await query(distinct.slice(at, at + LOOKUP_CHUNK))));
  return out;
}
