/**
 * Schemathesis, the outside tester that reads /openapi.json and calls every operation with generated requests
 * (scripts/schemathesis-run.ts): a Python package from PyPI, installed at a pinned version in a virtual environment
 * of its own in the tools cache, so it neither needs nor touches the machine's Python packages.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { findOnPath, isExecutable, toolsDir } from '../../worker/tools-dir';
import { MissingPrerequisite } from './system-packages';

const execFileAsync = promisify(execFile);

export const SCHEMATHESIS_VERSION = '4.32.5';

/** The virtual environment and its `st` command. */
export function schemathesisPaths() {
  const venv = path.join(toolsDir(), `schemathesis-${SCHEMATHESIS_VERSION}`);
  return { venv, st: path.join(venv, 'bin', 'st'), pip: path.join(venv, 'bin', 'pip') };
}

async function installedVersion(st: string): Promise<string | undefined> {
  if (!isExecutable(st)) return undefined;
  try {
    const { stdout } = await execFileAsync(st, ['--version']);
    return /version (\S+)/.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}

export async function ensureSchemathesis({ log }: { log: (line: string) => void }): Promise<string> {
  const { venv, st, pip } = schemathesisPaths();
  if ((await installedVersion(st)) === SCHEMATHESIS_VERSION) {
    log(`Schemathesis ${SCHEMATHESIS_VERSION}: reused ${st}`);
    return st;
  }
  const python = findOnPath('python3');
  if (!python) throw new MissingPrerequisite('dia-ban: the tests need python3 (with its venv module) for Schemathesis');
  const started = performance.now();
  log(`Schemathesis ${SCHEMATHESIS_VERSION}: installing from PyPI into ${venv}`);
  await execFileAsync(python, ['-m', 'venv', '--clear', venv]);
  await execFileAsync(
    pip,
    ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const version = await installedVersion(st);
  if (version !== SCHEMATHESIS_VERSION) throw new Error(`Schemathesis installed as ${version ?? 'nothing'} in ${venv}`);
  log(`Schemathesis ${SCHEMATHESIS_VERSION}: installed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return st;
}
