/**
 * Idempotent set-up of everything `npm start`, `npm test` and `npm run bench` need on a machine with only Node and npm:
 * the generated Prisma clients, the two Temporal servers (dev server and time-skipping test server), Mailpit and the
 * web application's build (web/dist, rebuilt only when its sources are newer). The dev server and Mailpit are built
 * with the Go on PATH when it is new enough, else with the official toolchain downloaded from the Go module proxy into
 * the tools cache. For the tests also the system packages they need (Java and Maven for the test server, Chromium,
 * faketime, PostgreSQL), installed with apt-get as root, else named in one line that stops here.
 * A second run with everything cached takes seconds and says what it reused.
 *
 *   tsx scripts/setup.ts               # everything npm start needs
 *   tsx scripts/setup.ts --tests       # also what the tests need (npm test, test:dates); Mailpit becomes required
 *   tsx scripts/setup.ts --prisma-only # only the generated Prisma clients (typecheck, seed, migrate)
 *   tsx scripts/setup.ts --cluster     # also the real Temporal server, its schema tool and PostgreSQL (npm run cluster)
 *   PAPERS_PDF=1 tsx scripts/setup.ts  # also LibreOffice, for the decisions' PDFs (docs/operations.md)
 */
import { ensurePrismaClients } from '../prisma/tooling/generate';
import { ensureWebBuild } from '../web/build';
import { goToolchainProvider } from './tools/go-toolchain';
import { ensureTemporalTools } from './tools/provision';
import {
  CLUSTER_NEEDS,
  ensureSystemPackages,
  MissingPrerequisite,
  PAPERS_NEEDS,
  TEST_NEEDS,
} from './tools/system-packages';
import { ensureTemporalServer } from './tools/temporal-server';
import { ensureSchemathesis } from './tools/schemathesis';

const prismaOnly = process.argv.includes('--prisma-only');
const cluster = process.argv.includes('--cluster');
const tests = process.argv.includes('--tests');
/** The service makes the decisions' PDFs: LibreOffice is installed for it too (the tests always have it). */
const papers = process.env.PAPERS_PDF === '1' && !prismaOnly;
const log = (line: string) => console.log(`[setup] ${line}`);

const started = performance.now();
try {
  // First, so that a machine that lacks them stops at once rather than after minutes of builds.
  const needs = [...(tests ? TEST_NEEDS : []), ...(cluster ? CLUSTER_NEEDS : []), ...(papers ? PAPERS_NEEDS : [])];
  const who = tests ? 'the tests' : cluster ? 'the cluster' : 'the papers (PAPERS_PDF=1)';
  if (needs.length > 0) await ensureSystemPackages(needs, { who, log });
  await ensurePrismaClients({ log });
  // One Go for every build, found or downloaded only once one is needed.
  const go = goToolchainProvider({ log });
  // The cluster's server builds (minutes, cold) alongside the dev server and the test server.
  await Promise.all([
    prismaOnly ? undefined : ensureTemporalTools({ log, mailpit: tests ? 'required' : 'optional', go }),
    cluster ? ensureTemporalServer({ log, go }) : undefined,
    tests ? ensureSchemathesis({ log }) : undefined,
  ]);
  if (!prismaOnly) await ensureWebBuild({ log });
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  if (error instanceof MissingPrerequisite) console.error(error.message);
  else console.error(`[setup] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
