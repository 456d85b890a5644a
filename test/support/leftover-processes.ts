/**
 * Vitest's global set-up: the safety net under every suite's own teardown. The run marks its environment
 * (DIA_BAN_TEST_RUN), which every process a test starts inherits: the time-skipping JVM, the dev server, Mailpit,
 * PostgreSQL, Chromium, the service and its children. When the run ends, any of them still running (its suite's
 * teardown never ran, or missed it) is named and stopped, so that a test run leaves no process behind. Linux (/proc).
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

const MARKER = 'DIA_BAN_TEST_RUN';
const GRACE_MS = 10_000;

export default function markTestRun(): () => Promise<void> {
  const run = randomUUID();
  process.env[MARKER] = run;
  return () => stopLeftovers(`${MARKER}=${run}`);
}

interface Leftover {
  pid: number;
  ppid: number;
  command: string;
}

async function stopLeftovers(mark: string): Promise<void> {
  const leftovers = await markedProcesses(mark);
  if (leftovers.length === 0) return;
  console.warn(`[tests] ${leftovers.length} process(es) a suite left running; stopping them:`);
  for (const { pid, command } of leftovers) console.warn(`[tests]   ${pid} ${command}`);
  // Only the top of each tree: PostgreSQL's or Chromium's own children go with their parent's orderly stop.
  const pids = new Set(leftovers.map((p) => p.pid));
  for (const { pid } of leftovers.filter((p) => !pids.has(p.ppid))) signal(pid, 'SIGTERM');
  const deadline = Date.now() + GRACE_MS;
  let remaining = leftovers;
  while (remaining.length > 0 && Date.now() < deadline) {
    await sleep(200);
    remaining = await markedProcesses(mark);
  }
  for (const { pid } of remaining) signal(pid, 'SIGKILL');
}

async function markedProcesses(mark: string): Promise<Leftover[]> {
  const entries = await readdir('/proc').catch(() => []);
  const found: Leftover[] = [];
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    // Gone meanwhile, or not ours to read: not one of this run's.
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
    if (!environ.split('\0').includes(mark)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0').filter(Boolean);
    found.push({ pid, ppid, command: shortened(args) });
  }
  return found;
}

/** A JVM's classpath would fill the line: its program and its last arguments say what it is. */
function shortened(args: string[]): string {
  const whole = args.join(' ');
  return whole.length <= 160 ? whole : `${args[0]} … ${args.slice(-2).join(' ')}`.slice(0, 160);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}
