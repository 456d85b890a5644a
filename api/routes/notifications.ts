/**
 * Notifications (issue 13, points 6-8): the caller's in-app notifications (the bell) and their choice of e-mail and
 * language; the administrator's view of the deliveries that failed, and their retry. A notification's text is built
 * by labels/notifications.ts from its facts (what happened, the area, the deadline, the link), never from a record's
 * content: reading one is not a confidential read.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { retryDelivery } from '../../activities/notification-dispatcher';
import { LANGUAGES } from '../../labels/keys';
import { noticeFactsOf, noticeOf } from '../../labels/notifications';
import type { PrismaClient } from '../../prisma/database';
import { ANY_ROLE, principal } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import { Refusal, notFound } from '../errors';
import { pageArgs, pageQuery, pageSchema, toPage } from '../pagination';
import { IdParamsSchema } from '../params';
import type { ZodTypeProvider } from '../zod-provider';

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
const NotificationPageSchema = pageSchema(NotificationSchema).extend({ unread: z.number().int() });
const ListQuerySchema = z.strictObject({
  ...pageQuery,
  unread: z.enum(['true', 'false']).optional(),
  lang: LanguageSchema.optional(),
});

const PreferencesSchema = z.object({
  emailNotifications: z.boolean(),
  language: LanguageSchema,
  /** Where the e-mails go: the official's address on record, or an area committee user's own. */
  email: z.string().nullable(),
});
const PreferencesBodySchema = z
  .strictObject({
    emailNotifications: z.boolean().optional(),
    language: LanguageSchema.optional(),
    email: z.email().max(200).nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'send emailNotifications, language or email');

const DELIVERY_STATUSES = ['failed', 'pending', 'sending', 'delivered', 'skipped'] as const;
const OutboxQuerySchema = z.strictObject({
  ...pageQuery,
  status: z.enum(DELIVERY_STATUSES).default('failed'),
});
const DeliverySchema = z.object({
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

/** The area each payload is about, by name, for the notices' titles; one query per kind of reference. */
async function areaNames(prisma: PrismaClient, payloads: unknown[]): Promise<(string | undefined)[]> {
  const refs = payloads.map((p) => (p ?? {}) as Record<string, unknown>);
  const ids = (key: string) => [...new Set(refs.map((r) => r[key]).filter((v): v is string => typeof v === 'string'))];
  const [areas, assignments, complaints] = await Promise.all([
    prisma.area.findMany({ where: { id: { in: ids('areaId') } }, select: { id: true, name: true } }),
    prisma.assignment.findMany({
      where: { id: { in: ids('assignmentId') } },
      select: { id: true, area: { select: { name: true } } },
    }),
    prisma.complaint.findMany({
      where: { id: { in: ids('complaintId') } },
      select: { id: true, assignment: { select: { area: { select: { name: true } } } } },
    }),
  ]);
  const area = new Map(areas.map((a) => [a.id, a.name]));
  const ofAssignment = new Map(assignments.map((a) => [a.id, a.area.name]));
  const ofComplaint = new Map(complaints.map((c) => [c.id, c.assignment.area.name]));
  return refs.map(
    (r) =>
      area.get(r.areaId as string) ??
      ofAssignment.get(r.assignmentId as string) ??
      ofComplaint.get(r.complaintId as string),
  );
}

export const notificationRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const preferencesOf = async (userId: string) => {
    const user = await prisma.user.findUniqueOrThrow({
      where: { id: userId },
      select: { emailNotifications: true, language: true, email: true, official: { select: { email: true } } },
    });
    return {
      emailNotifications: user.emailNotifications,
      language: LanguageSchema.catch('vi').parse(user.language),
      email: user.official ? user.official.email : user.email,
    };
  };

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
      const language = lang ?? (await preferencesOf(userId)).language;
      const where = { userId, channel: 'IN_APP' as const, ...(unread === 'true' && { readAt: null }) };
      const [rows, unreadCount] = await Promise.all([
        prisma.notificationDelivery.findMany({
          where,
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          include: { outbox: { select: { payload: true } } },
          ...pageArgs(page),
        }),
        prisma.notificationDelivery.count({ where: { userId, channel: 'IN_APP', readAt: null } }),
      ]);
      const names = await areaNames(
        prisma,
        rows.map((r) => r.outbox.payload),
      );
      const nameOf = new Map(rows.map((r, i) => [r.id, names[i]]));
      return {
        ...toPage(rows, page.limit, (row) => {
          const notice = noticeOf(
            noticeFactsOf(row.template, row.outbox.payload, { areaName: nameOf.get(row.id) }),
            language,
          );
          return {
            id: row.id,
            template: row.template,
            title: notice.title,
            dueLine: notice.dueLine ?? null,
            link: notice.link,
            createdAt: row.createdAt.toISOString(),
            readAt: row.readAt?.toISOString() ?? null,
          };
        }),
        unread: unreadCount,
      };
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
      const row = await prisma.notificationDelivery.findFirst({ where: { id, userId, channel: 'IN_APP' } });
      if (!row) throw notFound('notification', id);
      const readAt = row.readAt ?? new Date();
      if (!row.readAt) await prisma.notificationDelivery.updateMany({ where: { id, readAt: null }, data: { readAt } });
      const unread = await prisma.notificationDelivery.count({ where: { userId, channel: 'IN_APP', readAt: null } });
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
    async (request) => preferencesOf(principal(request).userId),
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
        const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { officialId: true } });
        if (user.officialId)
          throw new Refusal(400, 'INVALID_INPUT', 'The request is invalid', {
            issues: [{ path: 'email', message: "an official's address is the one on their personnel record" }],
          });
      }
      await prisma.user.update({
        where: { id: userId },
        data: {
          ...(emailNotifications !== undefined && { emailNotifications }),
          ...(language !== undefined && { language }),
          ...(email !== undefined && { email }),
        },
      });
      return preferencesOf(userId);
    },
  );

  app.get(
    '/admin/outbox',
    {
      config: { roles: ['ADMINISTRATOR'] },
      schema: {
        tags: ['notifications'],
        summary: 'Deliveries of the outbox by status (default: failed past their retries), newest first',
        querystring: OutboxQuerySchema,
        response: { 200: pageSchema(DeliverySchema) },
      },
    },
    async (request) => {
      const { status, ...page } = request.query;
      const rows = await prisma.notificationDelivery.findMany({
        where: { status: status.toUpperCase() as 'FAILED' },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        include: { user: { select: { username: true } } },
        ...pageArgs(page),
      });
      return toPage(rows, page.limit, (row) => ({
        id: row.id,
        outboxId: row.outboxId,
        channel: row.channel,
        template: row.template,
        userId: row.userId,
        username: row.user.username,
        address: row.address,
        status: row.status,
        attempts: row.attempts,
        lastError: row.lastError,
        nextAttemptAt: row.nextAttemptAt.toISOString(),
        createdAt: row.createdAt.toISOString(),
        deliveredAt: row.deliveredAt?.toISOString() ?? null,
      }));
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
      const row = await prisma.notificationDelivery.findUnique({ where: { id }, select: { status: true } });
      if (!row) throw notFound('delivery', id);
      if (!(await retryDelivery(prisma, id)))
        throw new Refusal(409, 'NOT_FAILED', `Delivery ${id} is ${row.status}; only a failed one is retried`, {
          status: row.status,
        });
      return { id, status: 'PENDING' };
    },
  );
};
