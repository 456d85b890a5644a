/**
 * `npm run import -- <roster.csv|roster.xlsx> [more…]`: imports the assignments already in force through
 * the running service's `POST /assignments/import`, so the file is checked and recorded exactly as an upload from the
 * administrator's page: all of it or nothing, each bad row named with its line and reason, the same file again
 * importing nothing new. The timeline records the user it logs in as, and the file's name.
 *
 *   DIA_BAN_URL       the service, by default http://127.0.0.1:$PORT (3000)
 *   DIA_BAN_USER      who imports: an administrator or a member of Board leadership (default admin)
 *   DIA_BAN_PASSWORD  their password (outside production, the demo password DiaBan@<user> by default)
 *
 * With --if-running, a service that does not answer is no error: the file is left for later (`npm start` imports the
 * demo roster itself into a province with no assignment yet; `npm run seed` moves the demo in with scripts/seed-demo.ts).
 *
 * CSV (UTF-8) or an Excel workbook (.xlsx, its first sheet); the columns: domain/assignments/roster-csv.ts, a sample:
 * prisma/demo-roster.csv. An old .xls is saved as .xlsx first.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';

interface Problem {
  line: number;
  column?: string;
  rule: string;
  message: string;
}

const say = (line: string) => console.log(line);

async function main(args: string[]): Promise<number> {
  const ifRunning = args.includes('--if-running');
  const files = args.filter((arg) => arg !== '--if-running');
  if (files.length === 0) {
    console.error('usage: npm run import -- <roster.csv|roster.xlsx> [more…]');
    return 2;
  }
  const base = process.env.DIA_BAN_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  const username = process.env.DIA_BAN_USER ?? 'admin';
  const password =
    process.env.DIA_BAN_PASSWORD ?? (process.env.NODE_ENV === 'production' ? undefined : `DiaBan@${username}`);
  if (!password && ifRunning) {
    say(`${files.join(', ')} not imported: set DIA_BAN_PASSWORD to import it in production`);
    return 0;
  }
  if (!password) {
    console.error('DIA_BAN_PASSWORD is required in production');
    return 2;
  }
  for (const file of files) {
    if (extname(file).toLowerCase() === '.xls') {
      console.error(`${file}: the old .xls format is not read; save the workbook as .xlsx (or CSV UTF-8)`);
      return 2;
    }
  }
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  }).catch((error: unknown) => {
    if (ifRunning) return null;
    throw new Error(`cannot reach the service at ${base} (is npm start running?): ${String(error)}`);
  });
  if (!login) {
    say(
      `the service at ${base} is not running: ${files.join(', ')} not imported now (npm start imports the demo roster)`,
    );
    return 0;
  }
  if (!login.ok) {
    console.error(`login as ${username} failed: ${login.status} ${await login.text()}`);
    return 1;
  }
  const { token } = (await login.json()) as { token: string };
  let failed = false;
  for (const file of files) {
    const workbook = extname(file).toLowerCase() === '.xlsx';
    const content = workbook
      ? { contentBase64: (await readFile(file)).toString('base64') }
      : { content: await readFile(file, 'utf8') };
    const response = await fetch(`${base}/assignments/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ file: basename(file), ...content }),
    });
    const body = (await response.json()) as {
      imported?: unknown[];
      alreadyImported?: unknown[];
      importedOn?: string;
      error?: { code: string; message: string; rows?: Problem[]; issues?: unknown };
    };
    if (response.ok) {
      say(
        `${file}: ${body.imported!.length} assignment(s) imported, ${body.alreadyImported!.length} already there (import day ${body.importedOn})`,
      );
      continue;
    }
    failed = true;
    console.error(`${file}: nothing imported (${response.status} ${body.error?.code ?? ''})`);
    if (body.error?.rows) {
      for (const p of body.error.rows)
        console.error(`  line ${p.line}${p.column ? ` (${p.column})` : ''}: ${p.rule}: ${p.message}`);
    } else console.error(`  ${body.error?.message ?? JSON.stringify(body)}`);
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`import: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
