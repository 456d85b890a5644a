/**
 * The system packages the tests need beside Node: Java and Maven (the time-skipping test server, resolved from Maven
 * Central and run on the JVM), Chromium with a font that has the Vietnamese diacritics (the web application's browser
 * tests and their screenshots), libfaketime (`npm run test:dates`) and PostgreSQL's server (the PostgreSQL leg and the
 * local cluster). `npm start` needs none of them: its dev server and Mailpit are built with Go (./go-toolchain.ts). Installed with apt-get when set-up runs as root where there is one; otherwise
 * set-up stops before any test, naming what to install.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { findOnPath, isExecutable } from '../../worker/tools-dir';
import { findServerBinaries } from './postgres';

const execFileAsync = promisify(execFile);

type Log = (line: string) => void;

/** Something the machine lacks and set-up cannot provide: its message is the one line to show, as it is. */
export class MissingPrerequisite extends Error {}

/** The browser the tests drive: CHROMIUM_PATH when set, else Debian's Chromium. */
export function chromiumExecutable(): string {
  return process.env.CHROMIUM_PATH ?? findOnPath('chromium') ?? '/usr/bin/chromium';
}

interface Need {
  /** What it is, for the messages: "Chromium". */
  name: string;
  /** Its Debian/Ubuntu packages. */
  packages: string[];
  /** Where it was found (for the "reused" line), or undefined. */
  find(): string | undefined;
}

/** Debian's fonts-dejavu-core, where fontconfig is not there to ask for any font covering Vietnamese. */
const DEJAVU_SANS = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

const CHROMIUM: Need = {
  name: 'Chromium',
  packages: ['chromium'],
  find: () => {
    const exe = chromiumExecutable();
    return isExecutable(exe) ? exe : undefined;
  },
};

const VIETNAMESE_FONT: Need = {
  name: 'a font with the Vietnamese diacritics',
  packages: ['fonts-dejavu-core'],
  find: () => {
    if (existsSync(DEJAVU_SANS)) return DEJAVU_SANS;
    const fcList = findOnPath('fc-list');
    if (!fcList) return undefined;
    try {
      return /^(\S+?):/m.exec(execFileSync(fcList, [':lang=vi', 'file'], { encoding: 'utf8' }))?.[1];
    } catch {
      return undefined;
    }
  },
};

/** The test server's JVM; `java` on PATH is also what its wrapper runs (scripts/tools/test-server.ts). */
const JAVA: Need = { name: 'Java', packages: ['default-jre-headless'], find: () => findOnPath('java') };

/** Resolves the test server's classpath from Maven Central. */
const MAVEN: Need = { name: 'Maven', packages: ['maven'], find: () => findOnPath('mvn') };

const FAKETIME: Need = { name: 'faketime', packages: ['faketime'], find: () => findOnPath('faketime') };

const POSTGRESQL: Need = {
  name: 'PostgreSQL',
  packages: ['postgresql'],
  find: () => {
    // A server of one's own (TEST_POSTGRES_URL) needs no local binaries.
    if (process.env.TEST_POSTGRES_URL) return 'TEST_POSTGRES_URL';
    try {
      return findServerBinaries();
    } catch {
      return undefined;
    }
  },
};

/** Liberation Serif 2: Times New Roman's metrics with the Vietnamese letters, the font the decision's PDF embeds. */
const LIBERATION_SERIF = '/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf';

/** The decision's PDF (domain/papers/pdf.ts): LibreOffice Writer headless and the font it sets the template in. */
const LIBREOFFICE: Need = {
  name: 'LibreOffice Writer with Liberation Serif',
  packages: ['libreoffice-writer-nogui', 'fonts-liberation2'],
  find: () => {
    const soffice = process.env.SOFFICE_PATH ?? findOnPath('soffice');
    return soffice && isExecutable(soffice) && existsSync(LIBERATION_SERIF) ? soffice : undefined;
  },
};

/** pdftotext and pdffonts: the papers' tests read the PDFs back. */
const POPPLER: Need = { name: 'poppler-utils', packages: ['poppler-utils'], find: () => findOnPath('pdftotext') };

/** `npm test`, `npm run test:dates`: the time-skipping server, the browser tests, the date check, the PostgreSQL leg. */
/** Python with its venv module: Schemathesis, the API's outside tester, runs in a virtual environment (./schemathesis.ts). */
const PYTHON_VENV: Need = {
  name: 'Python 3 with venv',
  packages: ['python3', 'python3-venv'],
  find: () => {
    const python = findOnPath('python3');
    if (!python) return undefined;
    try {
      execFileSync(python, ['-c', 'import venv, ensurepip'], { stdio: 'ignore' });
      return python;
    } catch {
      return undefined;
    }
  },
};

export const TEST_NEEDS = [
  JAVA,
  MAVEN,
  CHROMIUM,
  VIETNAMESE_FONT,
  FAKETIME,
  POSTGRESQL,
  PYTHON_VENV,
  LIBREOFFICE,
  POPPLER,
];
/** `npm run cluster`, `npm run test:cluster`: the cluster keeps its state and the app's data in PostgreSQL. */
export const CLUSTER_NEEDS = [POSTGRESQL];
/** `npm run setup` and `npm start` with PAPERS_PDF=1: the service makes the decisions' PDFs. */
export const PAPERS_NEEDS = [LIBREOFFICE];

/**
 * Ensures every need is met: reused when there, else installed with apt-get (as root), else a MissingPrerequisite
 * naming the packages `who` needs ("the tests").
 */
export async function ensureSystemPackages(needs: Need[], { who, log }: { who: string; log: Log }): Promise<void> {
  const unique = [...new Set(needs)];
  if (process.env.CHROMIUM_PATH && unique.includes(CHROMIUM) && !CHROMIUM.find()) {
    throw new MissingPrerequisite(`dia-ban: CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable`);
  }
  const missing = unique.filter((need) => !need.find());
  if (missing.length === 0) {
    log(`system packages: reused ${described(unique)}`);
    return;
  }
  const packages = missing.flatMap((need) => need.packages);
  const aptGet = findOnPath('apt-get');
  if (process.getuid?.() !== 0 || !aptGet) {
    const names = listed(missing.map((need) => need.name));
    throw new MissingPrerequisite(`dia-ban: ${who} need ${names}: apt-get install ${packages.join(' ')}`);
  }
  const started = performance.now();
  log(`system packages: installing ${packages.join(' ')} with apt-get (a minute or two the first time)`);
  await aptInstall(aptGet, packages);
  const stillMissing = missing.filter((need) => !need.find());
  if (stillMissing.length > 0) {
    throw new Error(`apt-get installed ${packages.join(' ')} but ${listed(stillMissing.map((n) => n.name))} not found`);
  }
  log(`system packages: installed ${described(missing)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function aptInstall(aptGet: string, packages: string[]): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Waits for another apt or dpkg (unattended upgrades) instead of failing at once on its lock.
  const lock = ['-o', 'DPkg::Lock::Timeout=300'];
  const run = async (args: string[]) => {
    try {
      await execFileAsync(aptGet, [...lock, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      const tail = `${stdout}${stderr}`.trim().split('\n').slice(-10).join('\n');
      throw new Error(`apt-get ${args.join(' ')} failed:\n${tail}`);
    }
  };
  await run(['update', '-qq']);
  await run(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
}

function described(needs: Need[]): string {
  return needs.map((need) => `${need.name} (${need.find()})`).join(', ');
}

function listed(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
