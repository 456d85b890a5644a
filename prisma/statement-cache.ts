/**
 * Prepared statements kept per SQL text for the SQLite adapter. The adapter prepares every query anew and binds its
 * arguments to the statement for good, and Prisma's SQL is long: compiling it again cost about a fifth of a read's
 * time in the database. Here a statement is compiled once and run with each query's arguments; what the adapter calls
 * on a statement (bind, reader, run, columns, raw().all()) keeps its meaning.
 */
interface Statement {
  readonly reader: boolean;
  run(...args: unknown[]): unknown;
  all(...args: unknown[]): unknown[];
  columns(): unknown[];
  raw(toggle?: boolean): Statement;
}

interface Connection {
  prepare(sql: string): Statement;
}

/** Enough for every query the application sends; a query with a list of n ids is one text per n. */
const CAPACITY = 2_000;

/** A statement as the adapter sees it, run with `args` each time. */
function boundView(statement: Statement, args: unknown[]) {
  return {
    get reader() {
      return statement.reader;
    },
    bind: (more: unknown[]) => boundView(statement, more),
    run: () => statement.run(...args),
    all: () => statement.raw(false).all(...args),
    columns: () => statement.columns(),
    raw: () => ({ all: () => statement.raw(true).all(...args) }),
  };
}

/** Makes `connection.prepare` answer from the cache (least recently used out first). */
export function cacheStatements(connection: Connection): void {
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, Statement>();
  connection.prepare = ((sql: string) => {
    let statement = statements.get(sql);
    if (statement) statements.delete(sql);
    else statement = prepare(sql);
    statements.set(sql, statement);
    if (statements.size > CAPACITY) statements.delete(statements.keys().next().value!);
    return boundView(statement, []);
  }) as unknown as Connection['prepare'];
}
