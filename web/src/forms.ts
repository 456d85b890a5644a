/**
 * Forms validate with the API's own zod schemas (workflows/*.schemas.ts) before sending, and show each problem beside
 * its field, in the user's language. The API's 400 answers carry the same paths, so its issues land in the same place.
 */
import type { z } from 'zod';
import { ApiError } from './api';
import type { MessageKey } from './i18n';

export type FieldErrors = Record<string, string>;
type T = (key: MessageKey, params?: Record<string, string | number>) => string;

interface IssueLike {
  code?: string;
  path?: PropertyKey[];
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  keys?: string[];
  /** A refinement's rule (workflows/*.schemas.ts), named in the tables as `err.<rule>`. */
  params?: { rule?: string };
}

/** A zod issue in the user's language; the schema's own (English) message when no better one is known. */
export function issueText(issue: IssueLike, t: T): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) <= 1 ? t('err.required') : issue.message;
    case 'too_big':
      return issue.origin === 'string' ? t('err.tooLong', { max: Number(issue.maximum) }) : issue.message;
    case 'invalid_format':
      return issue.format === 'date' ? t('err.date') : t('err.invalid');
    case 'invalid_type':
      return issue.message.includes('undefined') || issue.message.toLowerCase().includes('required')
        ? t('err.required')
        : t('err.invalid');
    case 'invalid_value':
      return t('err.choice');
    case 'unrecognized_keys':
      return t('err.unknownField', { keys: (issue.keys ?? []).join(', ') });
    case 'custom': {
      const key = `err.${issue.params?.rule}` as MessageKey;
      const text = issue.params?.rule ? t(key) : key;
      return text === key ? issue.message : text;
    }
    default:
      return issue.message;
  }
}

/** Drops empty optional strings, which the schemas would otherwise check as values ('' is not a date). */
export function compact<Obj extends Record<string, unknown>>(values: Obj): Partial<Obj> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => !(typeof v === 'string' && v.trim() === '')),
  ) as Partial<Obj>;
}

export type Validation<Out> = { ok: true; data: Out } | { ok: false; errors: FieldErrors };

/** Parses with the schema; on failure, one message per field path (the first issue of each). */
export function validate<S extends z.ZodType>(schema: S, values: unknown, t: T): Validation<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= issueText(issue as IssueLike, t);
  }
  return { ok: false, errors };
}

/** Field errors of a nested object's form, e.g. 'evaluation.method' → 'method'. */
export function withoutPrefix(errors: FieldErrors, prefix: string): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => [
      path.startsWith(prefix) ? path.slice(prefix.length) : path,
      message,
    ]),
  );
}

/** Field errors from an API refusal: a 400's issues by path, and the `path` a route names for a single bad field. */
export function fieldErrorsFrom(error: unknown, t: T): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[issue.path] ??= issueText({ message: issue.message }, t);
  if (typeof error.details.path === 'string') errors[error.details.path] ??= error.message;
  return errors;
}
