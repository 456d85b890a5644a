/**
 * `npm run cluster`: the production layout on one machine. A two-node Temporal cluster on a PostgreSQL
 * cluster of its own (the server and its schema tool built into the tools cache by `npm run setup -- --cluster`), two
 * worker processes and two API processes with the app's data in the same PostgreSQL; every address printed; Ctrl-C
 * stops them all. State is kept in CLUSTER_DIR (default ./data/cluster) across runs.
 *
 *   npm run cluster
 *   CLUSTER_DIR=/tmp/c CLUSTER_API_PORTS=3101,3102 npm run cluster
 */
import path from 'node:path';
import { startDeployment, type Deployment } from './tools/cluster-deployment';

const say = (line: string) => console.log(`cluster: ${line}`);
const dir = path.resolve(process.env.CLUSTER_DIR || 'data/cluster');
const apiPorts = (process.env.CLUSTER_API_PORTS ?? '')
  .split(',')
  .filter(Boolean)
  .map((port) => Number(port));

let deployment: Deployment | undefined;
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  say(`${signal}: stopping the API processes, the workers, the Temporal nodes and PostgreSQL`);
  setTimeout(() => {
    console.error('cluster: did not stop within 90 s; exiting');
    process.exit(1);
  }, 90_000).unref();
  await deployment?.stop();
  say('stopped');
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal));

try {
  say(`state in ${dir}`);
  deployment = await startDeployment({ dir, apiPorts, log: say });
  const { cluster, apis, workers, databaseUrl } = deployment;
  if (stopping) await new Promise(() => {}); // a signal came during start-up; `stop` exits
  const lines = [
    ['PostgreSQL', `127.0.0.1:${cluster.postgres.port} (data ${cluster.postgres.data})`],
    ['app database', `DATABASE_URL=${databaseUrl}`],
    ...cluster.nodes.map((node) => [`Temporal node ${node.index}`, `${node.address} (pid ${node.pid})`]),
    ['Temporal', `TEMPORAL_ADDRESS=${cluster.address} (balancer over the nodes' frontends)`],
    ...workers.map((w) => [w.name, `SERVICE_ROLE=worker (pid ${w.pid})`]),
    ...apis.map((a) => [a.name, `${a.url} (pid ${a.pid}), web app ${a.url}/app/`]),
  ];
  for (const [name, value] of lines) say(`${name!.padEnd(16)} ${value}`);
  say('ready; Ctrl-C stops everything');
  for (const process of [...workers, ...apis]) {
    void process.exited.then((how) => {
      if (!stopping) say(`${process.name} exited (${how}); see ${process.logFile}`);
    });
  }
  for (const node of cluster.nodes) {
    void node.exited.then((how) => {
      if (!stopping) say(`Temporal node ${node.index} exited (${how}); see ${node.logFile}`);
    });
  }
} catch (error) {
  console.error(`cluster: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
