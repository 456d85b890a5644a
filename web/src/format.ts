/** Dates as the province reads them: dd/mm/yyyy, in Vietnam's time zone, whatever the browser's. */

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dayParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const timeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parts(date: Date): { day: string; month: string; year: string } {
  const out = { day: '', month: '', year: '' };
  for (const p of dayParts.formatToParts(date))
    if (p.type === 'day' || p.type === 'month' || p.type === 'year') out[p.type] = p.value;
  return out;
}

function toDate(value: string | number | Date): Date | null {
  // A bare day (YYYY-MM-DD) is that day in Vietnam, not UTC midnight of it.
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T12:00:00+07:00`)
      : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** dd/mm/yyyy; an empty string for nothing, the input itself when it is not a date. */
export function formatDate(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = toDate(value);
  if (!date) return String(value);
  const { day, month, year } = parts(date);
  return `${day}/${month}/${year}`;
}

/** dd/mm/yyyy hh:mm. */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = toDate(value);
  if (!date) return String(value);
  return `${formatDate(date)} ${timeParts.format(date)}`;
}

/** A period YYYY-MM as mm/yyyy. */
export function formatPeriod(period: string): string {
  const match = /^(\d{4})-(\d{2})/.exec(period);
  return match ? `${match[2]}/${match[1]}` : period;
}

/**
 * A day typed as dd/mm/yyyy (or d/m/yyyy, with / . or -) as ISO YYYY-MM-DD for the API's schemas.
 * Text that is not such a day is returned unchanged, so that the schema reports it beside the field.
 */
export function parseDay(text: string): string {
  const trimmed = text.trim();
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (!match) return trimmed;
  const [, d, m, y] = match;
  const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const check = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().slice(0, 10) === iso ? iso : trimmed;
}

/** Today in Vietnam as dd/mm/yyyy. */
export function todayText(now: number = Date.now()): string {
  return formatDate(now);
}

/** Whole days from now until the instant (negative when past). */
export function daysUntil(value: string | number, now: number = Date.now()): number {
  const date = toDate(value);
  return date ? Math.round((date.getTime() - now) / 86_400_000) : 0;
}
