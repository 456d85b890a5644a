/**
 * A written decision's number (Đ2.3: "phân công bằng văn bản") as the Party's documents write it: "<number>-<register>",
 * e.g. "12-QĐ/BTCTU", number 12 of the register "QĐ/BTCTU" (the kind of document, then the body that issues it).
 * Numbers restart each year, so a decision's place in the register is its register, the year it is issued and its
 * number there; that place is taken once.
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
  year: number;
  sequence: number;
}

/** The register as stored and compared: Unicode NFC, upper case ("qđ/btctu" and "QĐ/BTCTU" are one register). */
export const canonicalRegister = (register: string): string => register.normalize('NFC').toUpperCase();

/** The number and register of a decision number, or null when it is not written "<number>-<register>". */
export function parseDecisionNumber(number: string): { sequence: number; register: string } | null {
  const match = NUMBER_PATTERN.exec(number.normalize('NFC').trim());
  return match ? { sequence: Number(match[1]), register: canonicalRegister(match[2]!) } : null;
}

export const isDecisionNumber = (number: string): boolean => parseDecisionNumber(number) !== null;

/** The decision's place in the register: the year is the year of its date (YYYY-MM-DD). */
export function registerPlace(number: string, issuedOn: string): RegisterPlace | null {
  const parsed = parseDecisionNumber(number);
  return parsed && { ...parsed, year: Number(issuedOn.slice(0, 4)) };
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
