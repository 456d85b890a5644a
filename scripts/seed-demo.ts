/**
 * `npm run seed`'s last step, after prisma/seed.ts: the demonstration province moves into a running service whose
 * province has no assignment yet, by the same steps `npm start` takes (worker/demo-province.ts): the map since 1 July
 * 2025, the second programme with its communes' workflows started, the demo roster imported through the API, the reform
 * of 1 July 2025 recorded with an AREA_SUCCESSOR proposal per new unit in leadership's inbox and the assignments on the
 * units it ended told by the reorganisation's signals (their workflows close them with AREA_REORGANIZED), the 2025
 * roster, a complaint and this month's plans.
 *
 * It reads the service's own settings (worker/config.ts: DATABASE_URL or DATA_DIR, PORT, TEMPORAL_ADDRESS or
 * TEMPORAL_DEV_PORT, TEMPORAL_NAMESPACE, AUDIT_KEY): the records go to its database on its audit chain, the workflows
 * are told on its Temporal (refused unless its worker polls there), the rest is asked of its API (DIA_BAN_URL, by
 * default http://127.0.0.1:$PORT) as the demo's users.
 *
 * With --if-running, a service that does not answer is no error: nothing is moved in now, and `npm start` moves the
 * province in itself (as the roster import leaves its file for later). A province with assignments is left as it is.
 * Never in production.
 */
import { Client, Connection } from '@temporalio/client';
import Fastify from 'fastify';
import { useAuditKey } from '../domain/audit/key';
import { openDatabase } from '../prisma/database';
import { developmentAuditKey } from '../worker/audit-key-file';
import { loadConfig } from '../worker/config';
import { type DemoTransport, moveInDemo } from '../worker/demo-province';
import { TASK_QUEUE } from '../workflows/task-queue';

const say = (line: string) => console.log(`[seed] ${line}`);

/** The API over HTTP, answered in the shape of Fastify's inject. */
const overHttp =
  (base: string): DemoTransport =>
  async ({ method, url, payload, headers }) => {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: { ...headers, ...(payload !== undefined && { 'content-type': 'application/json' }) },
      ...(payload !== undefined && { body: JSON.stringify(payload) }),
    });
    const body = await response.text();
    return { statusCode: response.status, body, json: <T>() => JSON.parse(body) as T };
  };

async function main(args: string[]): Promise<number> {
  const ifRunning = args.includes('--if-running');
  if (process.env.NODE_ENV === 'production') {
    say('production: no demonstration province');
    return 0;
  }
  const config = loadConfig(process.env);
  const base = process.env.DIA_BAN_URL ?? `http://127.0.0.1:${config.api.port}`;
  const answers = await fetch(`${base}/healthz`).then(
    () => true,
    () => false,
  );
  if (!answers) {
    const line =
      `the service at ${base} is not running: the demonstration province is not moved in now ` +
      '(npm start moves it in: the map since 1 July 2025, the roster, the reform with its successor proposals)';
    if (ifRunning) {
      say(line);
      return 0;
    }
    console.error(`[seed] ${line}`);
    return 1;
  }
  const database = openDatabase(config.database.url);
  try {
    const assignments = await database.prisma.assignment.count();
    if (assignments > 0) {
      say(`the province has ${assignments} assignments already: the demonstration province is not moved in again`);
      return 0;
    }
    useAuditKey(config.audit.key ?? (await developmentAuditKey(config.audit.keyFile)).key);
    const address =
      config.temporal.mode === 'remote' ? config.temporal.address : `127.0.0.1:${config.temporal.port.value}`;
    const connection = await Connection.connect({ address, connectTimeout: 10_000 });
    try {
      const client = new Client({ connection, namespace: config.temporal.namespace });
      const queue = await client.workflowService.describeTaskQueue({
        namespace: config.temporal.namespace,
        taskQueue: { name: TASK_QUEUE },
      });
      if ((queue.pollers ?? []).length === 0) {
        console.error(
          `[seed] no worker polls ${TASK_QUEUE} on Temporal at ${address}: run with the service's TEMPORAL_ADDRESS or TEMPORAL_DEV_PORT`,
        );
        return 1;
      }
      // The signals warn through a logger, as the service's requests do.
      const log = Fastify({ logger: { level: 'warn' } }).log;
      await moveInDemo(
        overHttp(base),
        { prisma: database.prisma, provider: database.provider, temporal: client, taskQueue: TASK_QUEUE, log },
        say,
      );
    } finally {
      await connection.close();
    }
  } finally {
    await database.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[seed] demo province: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
