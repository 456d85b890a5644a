/**
 * Idempotent set-up of everything `npm start`, `npm test` and `npm run bench` need on a fresh machine:
 * the generated Prisma clients, the two Temporal servers (dev server and time-skipping test server) and the web
 * application's build (web/dist, rebuilt only when its sources are newer).
 * A second run with everything cached takes seconds and says what it reused.
 *
 *   tsx scripts/setup.ts               # everything
 *   tsx scripts/setup.ts --prisma-only # only the generated Prisma clients (typecheck, seed, migrate)
 */
import { ensurePrismaClients } from '../prisma/tooling/generate';
import { ensureWebBuild } from '../web/build';
import { ensureTemporalTools } from './tools/provision';

const prismaOnly = process.argv.includes('--prisma-only');
const log = (line: string) => console.log(`[setup] ${line}`);

const started = performance.now();
try {
  await ensurePrismaClients({ log });
  if (!prismaOnly) await ensureTemporalTools({ log });
  if (!prismaOnly) await ensureWebBuild({ log });
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`[setup] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
