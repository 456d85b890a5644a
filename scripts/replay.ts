/**
 * `npm run replay -- <file|folder|assignmentId|workflowId>...`: replays recorded histories against the current
 * workflow code and prints one line per workflow run; exits 1 if any run no longer replays.
 *  - a .json file: a Temporal history (Web UI / `temporal workflow show --output json` / this API's export of
 *    GET /assignments/:id/history, which holds several runs); a folder: every .json file in it;
 *  - anything else is looked up on the running service (DATABASE_URL, TEMPORAL_ADDRESS as for `npm start`):
 *    an assignment id replays all its workflows, otherwise it is taken as a workflow id (all its runs).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfig } from '../worker/config';
import { openDatabase } from '../prisma/database';
import { replayHistories, type HistoryToReplay } from '../histories/replay';
import { assignmentHistories, workflowRuns } from '../histories/workflow-histories';

interface ExportedRuns {
  runs: { workflowId: string; runId: string; history: unknown }[];
}

function historiesInFile(file: string): HistoryToReplay[] {
  const json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (typeof json === 'object' && json !== null && Array.isArray((json as ExportedRuns).runs)) {
    return (json as ExportedRuns).runs.map((run) => ({
      workflowId: run.workflowId,
      runId: run.runId,
      history: historyFromJSON(run.history),
    }));
  }
  return [{ workflowId: basename(file, '.json'), history: historyFromJSON(json) }];
}

function historiesOnDisk(path: string): HistoryToReplay[] {
  if (!statSync(path).isDirectory()) return historiesInFile(path);
  return readdirSync(path)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => historiesInFile(join(path, name)));
}

async function historiesOnServer(ids: string[]): Promise<HistoryToReplay[]> {
  const config = loadConfig();
  const address =
    config.temporal.mode === 'remote' ? config.temporal.address : `127.0.0.1:${config.temporal.port.value}`;
  const connection = await Connection.connect({ address });
  const db = openDatabase(config.database.url);
  try {
    const client = new Client({ connection, namespace: config.temporal.namespace });
    const found: HistoryToReplay[] = [];
    for (const id of ids) {
      const isAssignment = await db.prisma.assignment.findUnique({ where: { id }, select: { id: true } });
      const runs = isAssignment ? await assignmentHistories(client, db.prisma, id) : await workflowRuns(client, id);
      if (runs.length === 0) throw new Error(`No assignment or workflow ${id} on ${address}`);
      found.push(...runs);
    }
    return found;
  } finally {
    await db.close();
    await connection.close();
  }
}

async function main(args: string[]): Promise<number> {
  if (args.length === 0) {
    console.error('usage: npm run replay -- <history.json|folder|assignmentId|workflowId>...');
    return 2;
  }
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const onDisk = args.filter((arg) => existsSync(arg));
  const onServer = args.filter((arg) => !existsSync(arg));
  const histories = [
    ...onDisk.flatMap(historiesOnDisk),
    ...(onServer.length > 0 ? await historiesOnServer(onServer) : []),
  ];
  const report = await replayHistories(histories);
  for (const r of report.results)
    console.log(`${r.ok ? 'ok    ' : 'FAILED'} ${r.workflowId} ${r.runId}${r.error ? `\n       ${r.error}` : ''}`);
  console.log(`replay: ${report.replayed} runs, ${report.failed} failed`);
  return report.failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`replay: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
