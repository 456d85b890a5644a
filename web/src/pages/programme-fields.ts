/**
 * A version's rules as the draft form edits them: each field of PolicySchema (dotted path, its kind read from the
 * schema itself, so that a field added to the policy appears here without a change), its value as typed, and the
 * policy rebuilt from the typed values for the API to check.
 */
import { z } from 'zod';
import { type Policy, PolicySchema } from '../../../machines/policy';

export type FieldKind =
  { kind: 'number'; integer: boolean } | { kind: 'boolean' } | { kind: 'enum'; options: string[] } | { kind: 'text' };

export interface PolicyField {
  /** Dotted, as the API names it under `policy.` (`monthly.planDueWorkingDayOfMonth`). */
  path: string;
  /** The first segment: the group the form shows it in. */
  group: string;
  kind: FieldKind;
}

function unwrapped(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
  return current;
}

function kindOf(schema: z.ZodType): FieldKind {
  if (schema instanceof z.ZodNumber) return { kind: 'number', integer: schema.isInt };
  if (schema instanceof z.ZodBoolean) return { kind: 'boolean' };
  if (schema instanceof z.ZodEnum) return { kind: 'enum', options: schema.options.map(String) };
  return { kind: 'text' };
}

function fieldsOf(schema: z.ZodType, prefix: string, into: PolicyField[]): PolicyField[] {
  const inner = unwrapped(schema);
  if (inner instanceof z.ZodObject)
    for (const [key, child] of Object.entries(inner.shape as Record<string, z.ZodType>))
      fieldsOf(child, prefix ? `${prefix}.${key}` : key, into);
  else into.push({ path: prefix, group: prefix.split('.')[0]!, kind: kindOf(inner) });
  return into;
}

/** Every field of a version but its label, in the schema's order. */
export const POLICY_FIELDS: readonly PolicyField[] = fieldsOf(PolicySchema, '', []).filter((f) => f.path !== 'version');

/**
 * The groups a version may leave out (the yearly cadence, absent from a monthly programme's versions): left blank in
 * the form, the group is not sent.
 */
const OPTIONAL_GROUPS = new Set(
  Object.entries(PolicySchema.shape)
    .filter(([, schema]) => schema instanceof z.ZodOptional)
    .map(([group]) => group),
);

/** The groups, in order of first appearance. */
export const POLICY_GROUPS: readonly string[] = [...new Set(POLICY_FIELDS.map((f) => f.group))];

export type TypedValues = Record<string, string>;

function valueAt(policy: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as never)[key] : undefined), policy);
}

/** The form's values from a version: each field as text (a boolean as 'true' / 'false'). */
export function typedValuesOf(policy: Policy): TypedValues {
  return Object.fromEntries(POLICY_FIELDS.map((f) => [f.path, String(valueAt(policy, f.path) ?? '')]));
}

/**
 * The policy the typed values say, with its label: numbers as numbers (text that is not one is sent as typed, for the
 * API to refuse beside its field), booleans as booleans.
 */
export function policyFrom(label: string, values: TypedValues): Record<string, unknown> {
  const policy: Record<string, unknown> = { version: label };
  const blank = (group: string) =>
    POLICY_FIELDS.filter((f) => f.group === group).every((f) => (values[f.path] ?? '').trim() === '');
  for (const field of POLICY_FIELDS) {
    if (OPTIONAL_GROUPS.has(field.group) && blank(field.group)) continue;
    const text = values[field.path] ?? '';
    const value =
      field.kind.kind === 'number'
        ? text.trim() !== '' && Number.isFinite(Number(text))
          ? Number(text)
          : text
        : field.kind.kind === 'boolean'
          ? text === 'true'
          : text;
    const keys = field.path.split('.');
    let at = policy;
    for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
    at[keys[keys.length - 1]!] = value;
  }
  return policy;
}

/** A value of a changed field as the page shows it. */
export function shownValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
