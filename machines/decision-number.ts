/**
 * A written decision's number (Đ2.3: "phân công bằng văn bản") as the Party's documents write it: "<number>-<register>",
 * e.g. "12-QĐ/BTCTU", number 12 of the register "QĐ/BTCTU" (the kind of document, then the body that issues it).
 * Numbers restart at each period of the register: a Party register ("QĐ/BTCTU") runs for the committee's term, from
 * the day its congress closes, a State register ("QĐ-UBND") for the calendar year (the policy's `register` section
 * says which; older policies numbered every register per year). A decision's place in the register is its register,
 * the first day of its period and its number there; that place is taken once.
 */
import { z } from 'zod';

/** A register: segments of letters and digits joined by "/", "." or "-", at least two ("QĐ/BTCTU", "QĐ-TU"). */
const REGISTER = String.raw`[\p{L}\p{N}]+(?:[/.\-][\p{L}\p{N}]+)+`;
const NUMBER_PATTERN = new RegExp(String.raw`^0*([1-9]\d{0,5})-(${REGISTER})$`, 'u');
const REGISTER_PATTERN = new RegExp(`^${REGISTER}$`, 'u');

export const DECISION_NUMBER_FORMAT = 'a decision number is "<number>-<register>", e.g. 12-QĐ/BTCTU';

/** Where a decision stands in the register. */
export interface RegisterPlace {
  register: string;
  /** The year it is issued (the register lists by it). */
  year: number;
  /** YYYY-MM-DD: the first day of the period its number runs in. */
  periodStart: string;
  sequence: number;
}

export type RegisterPeriod = 'TERM' | 'CALENDAR_YEAR';

/** What a decision's period is: the rule per format (the policy's `register`) and the committee's term start days. */
export interface RegisterCalendar {
  periods: { party: RegisterPeriod; state: RegisterPeriod };
  /** YYYY-MM-DD, the days the committee's terms started (its congresses closed), in any order. */
  termStarts: readonly string[];
}

/** Every register per calendar year: the rule before registers ran per term. */
export const CALENDAR_YEARS: RegisterCalendar = {
  periods: { party: 'CALENDAR_YEAR', state: 'CALENDAR_YEAR' },
  termStarts: [],
};

/** A Party register writes the document type, then "/", then the body ("QĐ/BTCTU"); a State one "QĐ-UBND". */
export const registerFormat = (register: string): 'PARTY' | 'STATE' =>
  /^[\p{L}\p{N}]+\//u.test(register) ? 'PARTY' : 'STATE';

/**
 * The first day of the period in which a decision of the register issued on `issuedOn` (YYYY-MM-DD) is numbered: the
 * term in force that day (the latest start on or before it), or its calendar year when the register runs per year or
 * no term started before it.
 */
export function periodStartOf(register: string, issuedOn: string, calendar: RegisterCalendar): string {
  const year = `${issuedOn.slice(0, 4)}-01-01`;
  const rule = registerFormat(register) === 'PARTY' ? calendar.periods.party : calendar.periods.state;
  if (rule === 'CALENDAR_YEAR') return year;
  let start: string | undefined;
  for (const day of calendar.termStarts) if (day <= issuedOn && (start === undefined || day > start)) start = day;
  return start ?? year;
}

/** The register as stored and compared: Unicode NFC, upper case ("qđ/btctu" and "QĐ/BTCTU" are one register). */
export const canonicalRegister = (register: string): string => register.normalize('NFC').toUpperCase();

/** The number and register of a decision number, or null when it is not written "<number>-<register>". */
export function parseDecisionNumber(number: string): { sequence: number; register: string } | null {
  const match = NUMBER_PATTERN.exec(number.normalize('NFC').trim());
  return match ? { sequence: Number(match[1]), register: canonicalRegister(match[2]!) } : null;
}

export const isDecisionNumber = (number: string): boolean => parseDecisionNumber(number) !== null;

/** The decision's place in the register, for its date (YYYY-MM-DD). */
export function registerPlace(
  number: string,
  issuedOn: string,
  calendar: RegisterCalendar = CALENDAR_YEARS,
): RegisterPlace | null {
  const parsed = parseDecisionNumber(number);
  if (!parsed) return null;
  const periodStart = periodStartOf(parsed.register, issuedOn, calendar);
  return { ...parsed, year: Number(issuedOn.slice(0, 4)), periodStart };
}

export const formatDecisionNumber = (sequence: number, register: string): string => `${sequence}-${register}`;

/** A register as a query parameter names it ("QĐ/BTCTU"), canonical. */
export const RegisterSchema = z
  .string()
  .trim()
  .max(60)
  .regex(REGISTER_PATTERN, 'a register is written like QĐ/BTCTU')
  .transform(canonicalRegister);

/** The Board's own register of assignment decisions, offered when a form names none. */
export const DEFAULT_REGISTER = 'QĐ/BTCTU';
