/**
 * Idempotent set-up of everything `npm start`, `npm test` and `npm run bench` need on a fresh machine:
 * the generated Prisma clients, the two Temporal servers (dev server and time-skipping test server) and the web
 * application's build (web/dist, rebuilt only when its sources are newer).
 * A second run with everything cached takes seconds and says what it reused.
 *
 *   tsx scripts/setup.ts               # everything
 *   tsx scripts/setup.ts --prisma-only # only the generated Prisma clients (typecheck, seed, migrate)
 *   tsx scripts/setup.ts --cluster     # also the real Temporal server and its schema tool (npm run cluster, test:cluster)
 */
import { ensurePrismaClients } from '../prisma/tooling/generate';
import { ensureWebBuild } from '../web/build';
import { ensureTemporalTools } from './tools/provision';
import { ensureTemporalServer } from './tools/temporal-server';

const prismaOnly = process.argv.includes('--prisma-only');
const cluster = process.argv.includes('--cluster');
const log = (line: string) => console.log(`[setup] ${line}`);

const started = performance.now();
try {
  await ensurePrismaClients({ log });
  // The cluster's server builds (minutes, cold) alongside the dev server and the test server.
  await Promise.all([
    prismaOnly ? undefined : ensureTemporalTools({ log }),
    cluster ? ensureTemporalServer({ log }) : undefined,
  ]);
  if (!prismaOnly) await ensureWebBuild({ log });
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`[setup] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
