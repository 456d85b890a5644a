/** The accounts' answers: an account as the administrator lists it, and the one-time password answered once. */
import { z } from 'zod';
import { RoleSchema } from './codes';

export const AccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  roles: z.array(RoleSchema),
  official: z.object({ id: z.string(), code: z.string(), fullName: z.string() }).nullable(),
  area: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  active: z.boolean(),
  /** A one-time password is in force: the user chooses their own at their next login. */
  mustChangePassword: z.boolean(),
  passwordChangedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type Account = z.infer<typeof AccountSchema>;

/** The answer of a creation or a reset: the one-time password, shown here once and stored nowhere but as its hash. */
export const AccountWithPasswordSchema = z.object({
  account: AccountSchema,
  oneTimePassword: z.string(),
});
export type AccountWithPassword = z.infer<typeof AccountWithPasswordSchema>;

/** What a password must be (machines/password-policy.ts), for the forms to say it before the user types. */
export const PasswordPolicyAnswerSchema = z.object({
  version: z.string(),
  minLength: z.number().int(),
  maxLength: z.number().int(),
  requireLetter: z.boolean(),
  requireDigit: z.boolean(),
  refuseUsername: z.boolean(),
});

/**
 * What an import of the area committees' users answers: the lines written and those already on record, and each new
 * account's one-time password, shown here once and stored nowhere but as its hash.
 */
export const AreaCommitteeImportResultSchema = z.object({
  file: z.string(),
  importedOn: z.iso.date(),
  created: z.array(z.object({ line: z.number().int(), id: z.string(), code: z.string() })),
  alreadyPresent: z.array(z.object({ line: z.number().int(), id: z.string(), code: z.string() })),
  accounts: z.array(
    z.object({
      line: z.number().int(),
      id: z.string(),
      username: z.string(),
      area: z.string(),
      oneTimePassword: z.string(),
    }),
  ),
});
export type AreaCommitteeImportResult = z.infer<typeof AreaCommitteeImportResultSchema>;
