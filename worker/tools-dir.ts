import { accessSync, constants, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Where provisioned tools live. It is outside the clone on purpose, so fresh clones on the same machine reuse
 * the slow builds (Go build of the Temporal CLI, Maven resolution of the test server).
 */
export function toolsDir(): string {
  const override = process.env.DIABAN_TOOLS_DIR;
  if (override) return path.resolve(override);
  const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cacheHome, 'dia-ban', 'tools');
}

const exeSuffix = process.platform === 'win32' ? '.exe' : '';

export const toolPaths = () => {
  const root = toolsDir();
  const bin = path.join(root, 'bin');
  return {
    root,
    bin,
    /** `temporal` CLI, whose `server start-dev` is the dev server. */
    temporalCli: path.join(bin, `temporal${exeSuffix}`),
    /** Generated shell wrapper around the Java test server. */
    testServerWrapper: path.join(bin, 'temporal-test-server'),
    /** Maven project whose resolved classpath feeds the wrapper. */
    testServerDir: path.join(root, 'temporal-test-server'),
    /** Mailpit, the local mail catcher (SMTP and a web inbox) `npm start` runs when no SMTP_URL is set. */
    mailpit: path.join(bin, `mailpit${exeSuffix}`),
  };
};

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Like `which`: the first executable called `name` on PATH. */
export function findOnPath(name: string): string | undefined {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const names = process.platform === 'win32' ? [`${name}.exe`, name] : [name];
  for (const dir of dirs) {
    for (const candidate of names) {
      const file = path.join(dir, candidate);
      if (isExecutable(file)) return file;
    }
  }
  return undefined;
}
