/** The notification routes' query parameters, bodies and answers. */
import { z } from 'zod';
import { DELIVERY_STATUSES } from '../../domain/notifications/reads';
import { LANGUAGES } from '../../labels/keys';
import { pageQuery, pageSchema } from '../pagination';

const LanguageSchema = z.enum(LANGUAGES);

const NotificationSchema = z.object({
  id: z.string(),
  template: z.string(),
  title: z.string(),
  /** The deadline, in the reader's language ("Hạn: 08/01/2027"); null when there is none. */
  dueLine: z.string().nullable(),
  /** The page concerned, under /app/ (the month, the proposal, the evaluation). */
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const NotificationPageSchema = pageSchema(NotificationSchema).extend({ unread: z.number().int() });
export const ListQuerySchema = z.strictObject({
  ...pageQuery,
  unread: z.enum(['true', 'false']).optional(),
  lang: LanguageSchema.optional(),
});

export const PreferencesSchema = z.object({
  emailNotifications: z.boolean(),
  language: LanguageSchema,
  /** Where the e-mails go: the official's address on record, or an area committee user's own. */
  email: z.string().nullable(),
});
export const PreferencesBodySchema = z
  .strictObject({
    emailNotifications: z.boolean().optional(),
    language: LanguageSchema.optional(),
    email: z.email().max(200).nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'send emailNotifications, language or email')
  .meta({ minProperties: 1 });

export const OutboxQuerySchema = z.strictObject({
  ...pageQuery,
  status: z.enum(DELIVERY_STATUSES).default('failed'),
});
export const DeliverySchema = z.object({
  id: z.string(),
  outboxId: z.string(),
  channel: z.enum(['IN_APP', 'EMAIL']),
  template: z.string(),
  userId: z.string(),
  username: z.string(),
  address: z.string().nullable(),
  status: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
