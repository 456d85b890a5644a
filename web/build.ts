/**
 * Builds the web application into web/dist with Vite, unless web/dist is already newer than every source it is built
 * from (web/src, web/index.html, web/vite.config.ts, the shared zod schemas in workflows/*.schemas.ts and the texts in
 * labels/).
 * Used by scripts/setup.ts (so `npm start` and `npm test` serve a fresh build) and by the browser tests.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = fileURLToPath(new URL('.', import.meta.url));
export const WEB_DIST = join(WEB_DIR, 'dist');
const WORKFLOWS_DIR = fileURLToPath(new URL('../workflows', import.meta.url));
const MACHINES_DIR = fileURLToPath(new URL('../machines', import.meta.url));
const LABELS_DIR = fileURLToPath(new URL('../labels', import.meta.url));

function newestMtime(path: string, filter: (name: string) => boolean = () => true): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return filter(path) ? stat.mtimeMs : 0;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry), filter));
  return newest;
}

/** The newest modification time among the app's sources. */
export function newestWebSource(): number {
  return Math.max(
    newestMtime(join(WEB_DIR, 'src')),
    newestMtime(join(WEB_DIR, 'index.html')),
    newestMtime(join(WEB_DIR, 'vite.config.ts')),
    newestMtime(WORKFLOWS_DIR, (name) => name.endsWith('.schemas.ts')),
    newestMtime(join(MACHINES_DIR, 'actor.ts')),
    newestMtime(LABELS_DIR),
  );
}

/** When the current build was written (its index.html), or 0 without one. */
export function builtAt(): number {
  const index = join(WEB_DIST, 'index.html');
  return existsSync(index) ? statSync(index).mtimeMs : 0;
}

export async function ensureWebBuild({
  log,
  force = false,
}: {
  log: (line: string) => void;
  force?: boolean;
}): Promise<void> {
  const built = builtAt();
  if (!force && built > 0 && built >= newestWebSource()) {
    log('web application reused (web/dist is newer than its sources)');
    return;
  }
  const started = performance.now();
  const { build } = await import('vite');
  await build({ configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn' });
  log(`web application built into web/dist in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
