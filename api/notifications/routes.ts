/**
 * Notifications: the caller's in-app notifications (the bell) and their choice of e-mail and language; the
 * administrator's view of the deliveries that failed, and their retry. A notification's text is built by
 * labels/notifications.ts from its facts (what happened, the area, the deadline, the link), never from a record's
 * content: reading one is not a confidential read. The records are domain/notifications/.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { retryDelivery } from '../../activities/notification-dispatcher';
import {
  deliveriesPage,
  deliveryStatus,
  isOfficialUser,
  notificationsPage,
  ownNotification,
  preferencesOf,
  unreadCount,
} from '../../domain/notifications/reads';
import { markRead, setPreferences } from '../../domain/notifications/writes';
import { filingReader } from '../../domain/parties';
import { ANY_ROLE, principal } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import { Refusal, notFound } from '../errors';
import { pageSchema } from '../pagination';
import { IdParamsSchema } from '../params';
import type { ZodTypeProvider } from '../zod-provider';
import {
  DeliverySchema,
  ListQuerySchema,
  NotificationPageSchema,
  OutboxQuerySchema,
  PreferencesBodySchema,
  PreferencesSchema,
} from './schemas';

export const notificationRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/me/notifications',
    {
      config: { roles: ANY_ROLE },
      schema: {
        tags: ['notifications'],
        summary: "The caller's notifications in the app, newest first, with the count of unread ones (the bell)",
        description:
          'Each says what happened, the deadline and the page concerned; never the content of a complaint, an evaluation or a report. `lang` defaults to the language the user chose.',
        querystring: ListQuerySchema,
        response: { 200: NotificationPageSchema },
      },
    },
    async (request) => {
      const { userId } = principal(request);
      const { unread, lang, ...page } = request.query;
      const language = lang ?? (await preferencesOf(prisma, userId)).language;
      return notificationsPage(prisma, userId, { ...page, unreadOnly: unread === 'true', language });
    },
  );

  app.post(
    '/me/notifications/:id/read',
    {
      config: { roles: ANY_ROLE },
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of the caller’s notifications read (again: no change)',
        params: IdParamsSchema,
        response: { 200: z.object({ id: z.string(), readAt: z.string(), unread: z.number().int() }) },
      },
    },
    async (request) => {
      const { userId } = principal(request);
      const { id } = request.params;
      const row = await ownNotification(prisma, userId, id);
      if (!row) throw notFound('notification', id);
      const readAt = row.readAt ?? new Date();
      if (!row.readAt) await markRead(prisma, id, readAt);
      const unread = await unreadCount(prisma, userId);
      return { id, readAt: readAt.toISOString(), unread };
    },
  );

  app.get(
    '/me/preferences',
    {
      config: { roles: ANY_ROLE },
      schema: {
        tags: ['notifications'],
        summary: "The caller's notification channels and language: e-mail on or off (the app always), vi or en",
        response: { 200: PreferencesSchema },
      },
    },
    async (request) => preferencesOf(prisma, principal(request).userId),
  );

  app.put(
    '/me/preferences',
    {
      config: { roles: ANY_ROLE },
      schema: {
        tags: ['notifications'],
        summary: 'Choose e-mail on or off and the language of the e-mails; an area committee user sets its address',
        description:
          "An official's address is the one on their personnel record (`email` is refused with 400 for them).",
        body: PreferencesBodySchema,
        response: { 200: PreferencesSchema },
      },
    },
    async (request) => {
      const { userId } = principal(request);
      const { emailNotifications, language, email } = request.body;
      if (email !== undefined) {
        if (await isOfficialUser(prisma, userId))
          throw new Refusal(400, 'INVALID_INPUT', 'The request is invalid', {
            issues: [{ path: 'email', message: "an official's address is the one on their personnel record" }],
          });
      }
      await setPreferences(prisma, userId, { emailNotifications, language, email });
      return preferencesOf(prisma, userId);
    },
  );

  app.get(
    '/admin/outbox',
    {
      config: { roles: ['ADMINISTRATOR'] },
      schema: {
        tags: ['notifications'],
        summary: 'Deliveries of the outbox by status (default: failed past their retries), newest first',
        description:
          'Without the deliveries of a notice the caller may not know of: a report on a sensitive matter (Đ7.A.4) is known only to those its reading rule names, so its notice to the Head of Board is not listed (nor retried: 404) for an administrator.',
        querystring: OutboxQuerySchema,
        response: { 200: pageSchema(DeliverySchema) },
      },
    },
    async (request) => {
      const { status, ...page } = request.query;
      return deliveriesPage(prisma, await filingReader(prisma, principal(request).actor), status, page);
    },
  );

  app.post(
    '/admin/outbox/:id/retry',
    {
      config: { roles: ['ADMINISTRATOR'] },
      schema: {
        tags: ['notifications'],
        summary: 'Send a failed delivery again: due at once, with its attempts counted afresh',
        params: IdParamsSchema,
        response: { 200: z.object({ id: z.string(), status: z.string() }) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const status = await deliveryStatus(prisma, await filingReader(prisma, principal(request).actor), id);
      if (status === null) throw notFound('delivery', id);
      if (!(await retryDelivery(prisma, id)))
        throw new Refusal(409, 'NOT_FAILED', `Delivery ${id} is ${status}; only a failed one is retried`, { status });
      return { id, status: 'PENDING' };
    },
  );
};
