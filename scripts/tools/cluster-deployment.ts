/**
 * The whole deployment on one machine: the local two-node Temporal cluster on PostgreSQL, the app's own
 * database in the same PostgreSQL, then the service split by role: workers first (the first migrates and seeds the
 * database, started alone so that two processes never migrate at once), then the API processes.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ServiceProcess, type FleetSettings } from './service-fleet';
import { freePort } from '../../worker/ports';
import { startLocalCluster, type LocalCluster } from './temporal-cluster';

type Log = (line: string) => void;

export interface Deployment {
  cluster: LocalCluster;
  databaseUrl: string;
  settings: FleetSettings;
  workers: ServiceProcess[];
  apis: ServiceProcess[];
  stop(): Promise<void>;
}

export interface DeploymentOptions {
  dir: string;
  workers?: number;
  apis?: number;
  /** Ports of the API processes; free ones when not given. */
  apiPorts?: number[];
  env?: NodeJS.ProcessEnv;
  log: Log;
}

export async function startDeployment({
  dir,
  workers = 2,
  apis = 2,
  apiPorts = [],
  env,
  log,
}: DeploymentOptions): Promise<Deployment> {
  const cluster = await startLocalCluster({ dir, log });
  const started: ServiceProcess[] = [];
  const stop = async () => {
    // APIs first (no new work), then the workers drain, then Temporal and PostgreSQL.
    await Promise.all(started.filter((p) => p.role === 'api').map((p) => p.stop()));
    await Promise.all(started.filter((p) => p.role === 'worker').map((p) => p.stop()));
    await cluster.stop();
  };
  try {
    const databaseUrl = await cluster.postgres.createDatabase('dia_ban');
    const appDir = path.join(dir, 'app');
    await mkdir(appDir, { recursive: true });
    const secrets = await deploymentSecrets(path.join(dir, 'secrets.json'));
    const settings: FleetSettings = {
      temporalAddress: cluster.address,
      databaseUrl,
      dataDir: appDir,
      authSecret: process.env.AUTH_SECRET ?? secrets.authSecret,
      auditKey: process.env.AUDIT_KEY ?? secrets.auditKey,
      env,
    };
    // Every worker runs the notification dispatcher (its deliveries are claimed under leases, so two are
    // safe): the first starts the local Mailpit on ports of its own, the others send through it (SMTP_URL), one inbox.
    const [mailSmtp, mailUi] = [await freePort(), await freePort()];
    const mail = process.env.SMTP_URL
      ? {}
      : {
          first: { MAILPIT_SMTP_PORT: String(mailSmtp), MAILPIT_UI_PORT: String(mailUi) },
          others: { SMTP_URL: `smtp://127.0.0.1:${mailSmtp}` },
        };
    const workerProcesses = Array.from({ length: workers }, (_, i) => {
      return new ServiceProcess(`worker-${i + 1}`, 'worker', undefined, settings, i === 0 ? mail.first : mail.others);
    });
    for (const worker of workerProcesses) {
      worker.start();
      started.push(worker);
      await worker.waitReady();
      log(`${worker.name} polling (pid ${worker.pid}, log ${worker.logFile})`);
    }
    const apiProcesses: ServiceProcess[] = [];
    for (let i = 0; i < apis; i++) {
      const port = apiPorts[i] ?? (await freePort());
      apiProcesses.push(new ServiceProcess(`api-${i + 1}`, 'api', port, settings));
    }
    for (const api of apiProcesses) {
      api.start();
      started.push(api);
    }
    await Promise.all(apiProcesses.map((api) => api.waitReady()));
    for (const api of apiProcesses) log(`${api.name} on ${api.url} (pid ${api.pid}, log ${api.logFile})`);
    return { cluster, databaseUrl, settings, workers: workerProcesses, apis: apiProcesses, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The secrets every process of the deployment must share: the token signing secret (a token issued by one API
 * process verifies on the other) and the audit key (every process writes to the one chain). Generated once into the
 * deployment's folder, readable by its owner only; AUTH_SECRET and AUDIT_KEY in the environment win.
 */
async function deploymentSecrets(file: string): Promise<{ authSecret: string; auditKey: string }> {
  const kept = await readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as { authSecret: string; auditKey: string })
    .catch(() => undefined);
  if (kept) return kept;
  const secrets = { authSecret: randomBytes(32).toString('hex'), auditKey: randomBytes(32).toString('hex') };
  await writeFile(file, `${JSON.stringify(secrets)}\n`, { mode: 0o600 });
  return secrets;
}
