import { z } from 'zod';
import { RoleSchema } from '../../contracts/codes';
import { USERNAME_PATTERN } from '../../machines/accounts';
import { pageQuery } from '../pagination';

/** Lower-case letters, digits and . _ -, 3 to 50, beginning with a letter or digit: typed at every login. */
export const UsernameSchema = z
  .string()
  .regex(USERNAME_PATTERN, '3 to 50 lower-case letters, digits, dots, underscores or hyphens');

export const CreateAccountBodySchema = z.strictObject({
  username: UsernameSchema,
  /** Defaults to the official's name; required for an area committee's or an administrator's account. */
  displayName: z.string().trim().min(1).max(200).optional(),
  roles: z.array(RoleSchema).min(1).max(8),
  /** The official the account is for (Board staff). */
  officialId: z.string().trim().min(1).max(200).optional(),
  /** The area whose committee the account is for (role AREA_COMMITTEE alone). */
  areaId: z.string().trim().min(1).max(200).optional(),
  /** An area committee's address; an official's is on their personnel record. */
  email: z.email().max(200).optional(),
});

export const AccountsQuerySchema = z.strictObject({
  ...pageQuery,
  active: z.enum(['true', 'false']).optional(),
});

export const ChangePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1).max(1_000),
  newPassword: z.string().min(1).max(1_000),
});

export const ChangePasswordAnswerSchema = z.object({
  token: z.string(),
  tokenType: z.literal('Bearer'),
  expiresAt: z.iso.datetime(),
});
