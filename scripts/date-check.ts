/**
 * The date check: runs the date-sensitive suites as if today were the days where date bugs show (the first and the
 * last day of a month, 1 December when evaluations open, the first day of Tết), whatever day it really is. The test
 * process's clock is faked with libfaketime (Debian's `faketime`); the time-skipping server is moved to the same
 * instant when it starts (test/support/temporal.ts), so a suite that does not start at a quiet instant of its own
 * (test/support/test-clock.ts) fails here.
 *
 *   npx tsx scripts/date-check.ts [suite …]     # default: the suites below
 */
import { spawn } from 'node:child_process';
import Holidays from 'date-holidays';
import { dayOf, lastDayOfMonth, nextMonth } from '../machines/calendar';

// Suites on the time-skipping server only: the dev server is a Go binary, whose clock faketime does not move, so a
// suite on it (test/workflows/months-as-children.test.ts) would see the worker's day and the server's disagree.
const SUITES = [
  'test/lifecycle',
  'test/api/assignments.test.ts',
  'test/api/decisions.test.ts',
  'test/api/evaluations.test.ts',
  'test/api/dashboard.test.ts',
  'test/api/assignment-import.test.ts',
  'test/api/reports.test.ts',
];
/** 08:30 in Vietnam: the working day has begun. */
const UTC_TIME = '01:30:00';

/** The chosen "todays", each the first such day after the real today (the server can only move forward). */
export function chosenTodays(realToday: string): { name: string; day: string }[] {
  const after = (candidates: string[]) => candidates.filter((day) => day > realToday).sort()[0]!;
  const month = realToday.slice(0, 7);
  const year = Number(realToday.slice(0, 4));
  const tet = (y: number) =>
    new Holidays('VN')
      .getHolidays(y)
      .find((h) => h.name === 'Tết Nguyên Đán')!
      .date.slice(0, 10);
  return [
    { name: 'the first of a month', day: `${nextMonth(month)}-01` },
    { name: 'the last day of a month', day: after([lastDayOfMonth(month), lastDayOfMonth(nextMonth(month))]) },
    { name: '1 December', day: after([`${year}-12-01`, `${year + 1}-12-01`]) },
    { name: 'Tết', day: after([tet(year), tet(year + 1)]) },
  ];
}

/**
 * The days run at once (DATE_CHECK_DAYS_AT_ONCE, default 2). A day's run keeps under one core busy on average (its
 * files run one at a time: a Temporal server, a worker and the test), so two days share a 2-core machine; their output
 * is held and printed whole as each ends. A whole number from 1 up; anything else is refused rather than running no
 * day at all.
 */
export function daysAtOnce(setting: string | undefined): number {
  const days = Number(setting ?? 2);
  if (!Number.isInteger(days) || days < 1)
    throw new Error(`DATE_CHECK_DAYS_AT_ONCE must be a whole number from 1 up, not "${setting}"`);
  return days;
}

interface DayRun {
  name: string;
  day: string;
  passed: boolean;
}

function runDay(suites: string[], name: string, day: string): Promise<DayRun> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const output: Buffer[] = [];
    const run = spawn('faketime', ['-f', `@${day} ${UTC_TIME}`, 'npx', 'vitest', 'run', ...suites], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // The JVM and the worker's timers keep the real monotonic clock; only the calendar is moved.
      env: { ...process.env, DONT_FAKE_MONOTONIC: '1' },
    });
    run.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    run.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    run.on('error', (error) =>
      reject(new Error(`date-check: faketime could not run (apt-get install faketime): ${error.message}`)),
    );
    run.on('close', (status) => {
      const passed = status === 0;
      process.stdout.write(`[date-check] ${suites.join(' ')} as if today were ${day} (${name})\n`);
      process.stdout.write(Buffer.concat(output));
      process.stdout.write(
        `[date-check] ${day}: ${passed ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s\n`,
      );
      resolve({ name, day, passed });
    });
  });
}

async function main(): Promise<void> {
  const suites = process.argv.slice(2).length > 0 ? process.argv.slice(2) : SUITES;
  const realToday = dayOf(Date.now());
  const days = chosenTodays(realToday);
  const atOnce = daysAtOnce(process.env.DATE_CHECK_DAYS_AT_ONCE);
  console.log(`[date-check] ${days.map(({ day }) => day).join(', ')}, ${atOnce} at a time (DATE_CHECK_DAYS_AT_ONCE)`);
  const queue = [...days];
  const runs: DayRun[] = [];
  const runner = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) runs.push(await runDay(suites, next.name, next.day));
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, days.length) }, runner));
  const failed = runs.filter((run) => !run.passed);
  if (failed.length > 0) {
    console.error(`[date-check] failed on ${failed.map(({ day, name }) => `${day} (${name})`).join(', ')}`);
    process.exit(1);
  }
  console.log(`[date-check] passed on every chosen day (real today ${realToday})`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
