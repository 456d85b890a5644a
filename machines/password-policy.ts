import { z } from 'zod';

/**
 * What a password must be, as data a province may tune (versioned like machines/policy.ts, kept apart from it because
 * no workflow reads it). The defaults follow NIST SP 800-63B: length over composition, a long maximum so that
 * passphrases fit, no password equal to or containing the username; one letter and one digit are the Board's own
 * habit, kept because its staff expect it.
 */
export const PasswordPolicySchema = z
  .object({
    version: z.string().min(1),
    minLength: z.number().int().min(8).max(64),
    maxLength: z.number().int().min(16).max(1_000),
    requireLetter: z.boolean(),
    requireDigit: z.boolean(),
    /** Refuse a password containing the username (case-insensitively). */
    refuseUsername: z.boolean(),
  })
  .refine((p) => p.maxLength >= p.minLength, { message: 'maxLength must be at least minLength' });
export type PasswordPolicy = z.infer<typeof PasswordPolicySchema>;

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = PasswordPolicySchema.parse({
  version: '2026.1',
  minLength: 10,
  maxLength: 200,
  requireLetter: true,
  requireDigit: true,
  refuseUsername: true,
});

export type PasswordRule =
  | 'PASSWORD_TOO_SHORT'
  | 'PASSWORD_TOO_LONG'
  | 'PASSWORD_NEEDS_LETTER'
  | 'PASSWORD_NEEDS_DIGIT'
  | 'PASSWORD_CONTAINS_USERNAME'
  | 'PASSWORD_UNCHANGED';

/** The first rule a new password breaks, with what it asks; null when it keeps them all. Characters are code points. */
export function brokenPasswordRule(
  policy: PasswordPolicy,
  password: string,
  context: { username: string; current?: string | undefined },
): { rule: PasswordRule; message: string } | null {
  const length = [...password.normalize('NFC')].length;
  if (length < policy.minLength)
    return { rule: 'PASSWORD_TOO_SHORT', message: `A password has at least ${policy.minLength} characters` };
  if (length > policy.maxLength)
    return { rule: 'PASSWORD_TOO_LONG', message: `A password has at most ${policy.maxLength} characters` };
  if (policy.requireLetter && !/\p{L}/u.test(password))
    return { rule: 'PASSWORD_NEEDS_LETTER', message: 'A password contains at least one letter' };
  if (policy.requireDigit && !/\p{Nd}/u.test(password))
    return { rule: 'PASSWORD_NEEDS_DIGIT', message: 'A password contains at least one digit' };
  if (policy.refuseUsername && password.toLowerCase().includes(context.username.toLowerCase()))
    return { rule: 'PASSWORD_CONTAINS_USERNAME', message: 'A password does not contain the username' };
  if (context.current !== undefined && context.current.normalize('NFC') === password.normalize('NFC'))
    return { rule: 'PASSWORD_UNCHANGED', message: 'The new password differs from the current one' };
  return null;
}
