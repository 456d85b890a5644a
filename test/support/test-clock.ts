/**
 * The instant a suite on the time-skipping server starts at. The server starts at the machine's "now"; left there, a
 * suite would see the month open at once on the 1st, a month turn mid-test on the last day, evaluations open on
 * 1 December and deadlines stretch over Tết, so its assertions would hold on some days of the year only. Every suite
 * therefore starts at a quiet instant chosen from "now": 09:00 in Vietnam on a working day between the 3rd and the
 * 26th of a month, with no statutory day off (Tết, 30/4, 2/9…) in the days around it, and with the real clock of
 * the test process left alone (the API and activities keep reading it).
 *
 * `.ci/run` runs the date-sensitive suites with the process clock faked (libfaketime) to chosen "todays" (the first
 * and the last day of a month, 1 December, Tết): the server is moved to that "today" first, so a suite that forgot
 * to start at a quiet instant fails there, whatever day CI runs on.
 */
import { statutoryDaysOff } from '../../activities/vietnam-holidays';
import { addDays, dayOf, type IsoDay, isWeekend, startOfDay } from '../../machines/calendar';

const HOUR_MS = 60 * 60 * 1000;
/** Local hours a test may start in: the working day, with hours to spare before midnight. */
const EARLIEST_HOUR = 8;
const LATEST_HOUR = 15;
const START_HOUR = 9;
/** Days before and after a candidate that must be free of statutory days off. */
const CLEAR_BEFORE_DAYS = 3;
const CLEAR_AFTER_DAYS = 10;

/** Whether a local day is one a suite may start on. */
export function isQuietDay(day: IsoDay, daysOff: ReadonlySet<IsoDay>): boolean {
  const dayOfMonth = Number(day.slice(8, 10));
  if (dayOfMonth < 3 || dayOfMonth > 26 || isWeekend(day)) return false;
  for (let offset = -CLEAR_BEFORE_DAYS; offset <= CLEAR_AFTER_DAYS; offset += 1) {
    if (daysOff.has(addDays(day, offset))) return false;
  }
  return true;
}

/** The first quiet instant at or after `nowMs`: `nowMs` itself when it already is one. */
export function quietInstantFrom(nowMs: number): number {
  const year = Number(dayOf(nowMs).slice(0, 4));
  const daysOff = new Set(statutoryDaysOff(year - 1, year + 2));
  const today = dayOf(nowMs);
  const localHour = (nowMs - startOfDay(today)) / HOUR_MS;
  if (isQuietDay(today, daysOff) && localHour >= EARLIEST_HOUR && localHour < LATEST_HOUR) return nowMs;
  for (let day = addDays(today, 1); ; day = addDays(day, 1)) {
    if (isQuietDay(day, daysOff)) return startOfDay(day) + START_HOUR * HOUR_MS;
  }
}

/** Moves a time-skipping server forward to an instant (it cannot go back), in steps it handles well. */
export async function moveServerTo(
  env: { currentTimeMs(): Promise<number>; sleep(ms: number): Promise<void> },
  instantMs: number,
): Promise<void> {
  const STEP_MS = 7 * 24 * HOUR_MS;
  for (let now = await env.currentTimeMs(); now < instantMs; now = await env.currentTimeMs()) {
    await env.sleep(Math.min(STEP_MS, instantMs - now));
  }
}

/** Starts a suite's server clock at a quiet instant, from the server's "today" (see startTimeSkippingEnv). */
export async function startAtQuietInstant(env: {
  currentTimeMs(): Promise<number>;
  sleep(ms: number): Promise<void>;
}): Promise<number> {
  const start = quietInstantFrom(await env.currentTimeMs());
  await moveServerTo(env, start);
  return start;
}
