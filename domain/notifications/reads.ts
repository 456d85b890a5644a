/**
 * A user's notifications as read in the app (the bell), their choice of e-mail and language, and the administrator's
 * view of the outbox's deliveries. A notification's text is built by labels/notifications.ts from its facts (what
 * happened, the area, the deadline, the link), never from a record's content: reading one is not a confidential read.
 */
import { LANGUAGES, type Language } from '../../labels/keys';
import { noticeFactsOf, noticeOf } from '../../labels/notifications';
import type { FilingReader } from '../../machines/access';
import type { PrismaClient } from '../../prisma/database';
import { type Page, type PageRequest, pageArgs, toPage } from '../pagination';
import { sealedDeliveries } from './sealed';

export interface Preferences {
  emailNotifications: boolean;
  language: Language;
  /** Where the e-mails go: the official's address on record, or an area committee user's own. */
  email: string | null;
}

const languageOf = (stored: string): Language =>
  (LANGUAGES as readonly string[]).includes(stored) ? (stored as Language) : 'vi';

export async function preferencesOf(prisma: PrismaClient, userId: string): Promise<Preferences> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { emailNotifications: true, language: true, email: true, official: { select: { email: true } } },
  });
  return {
    emailNotifications: user.emailNotifications,
    language: languageOf(user.language),
    email: user.official ? user.official.email : user.email,
  };
}

/** Whether the user acts as an official (whose address is the one on their personnel record). */
export async function isOfficialUser(prisma: PrismaClient, userId: string): Promise<boolean> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { officialId: true } });
  return user.officialId !== null;
}

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

/** The former area's name where a payload names one (a successor took the matter over in a reorganisation). */
async function formerAreaNames(prisma: PrismaClient, payloads: unknown[]): Promise<(string | undefined)[]> {
  const ids = payloads.map((p) => ((p ?? {}) as Record<string, unknown>).formerAreaId);
  const wanted = [...new Set(ids.filter((v): v is string => typeof v === 'string'))];
  if (wanted.length === 0) return ids.map(() => undefined);
  const areas = await prisma.area.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  const name = new Map(areas.map((a) => [a.id, a.name]));
  return ids.map((id) => (typeof id === 'string' ? name.get(id) : undefined));
}

export interface NotificationItem {
  id: string;
  template: string;
  title: string;
  dueLine: string | null;
  link: string;
  createdAt: string;
  readAt: string | null;
}

/** How many of the user's in-app notifications are unread. */
export function unreadCount(prisma: PrismaClient, userId: string): Promise<number> {
  return prisma.notificationDelivery.count({ where: { userId, channel: 'IN_APP', readAt: null } });
}

/** The user's in-app notifications (only the unread ones if asked), newest first, in `language`. */
export async function notificationsPage(
  prisma: PrismaClient,
  userId: string,
  { unreadOnly, language, ...page }: PageRequest & { unreadOnly: boolean; language: Language },
): Promise<Page<NotificationItem> & { unread: number }> {
  const where = { userId, channel: 'IN_APP' as const, ...(unreadOnly && { readAt: null }) };
  const [rows, unread] = await Promise.all([
    prisma.notificationDelivery.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      include: { outbox: { select: { payload: true } } },
      ...pageArgs(page),
    }),
    unreadCount(prisma, userId),
  ]);
  const payloads = rows.map((r) => r.outbox.payload);
  const [names, formerNames] = await Promise.all([areaNames(prisma, payloads), formerAreaNames(prisma, payloads)]);
  const nameOf = new Map(rows.map((r, i) => [r.id, names[i]]));
  const formerNameOf = new Map(rows.map((r, i) => [r.id, formerNames[i]]));
  return {
    ...toPage(rows, page.limit, (row) => {
      const notice = noticeOf(
        noticeFactsOf(row.template, row.outbox.payload, {
          areaName: nameOf.get(row.id),
          formerAreaName: formerNameOf.get(row.id),
        }),
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
    unread,
  };
}

/** One of the user's in-app notifications, or null. */
export function ownNotification(prisma: PrismaClient, userId: string, id: string) {
  return prisma.notificationDelivery.findFirst({ where: { id, userId, channel: 'IN_APP' } });
}

export const DELIVERY_STATUSES = ['failed', 'pending', 'sending', 'delivered', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The outbox's deliveries of a status, newest first, without those the reader may not know of (sealed.ts). Rows are
 * read in pages of the size asked until the page is full, so a sealed row never shortens a page nor shows in its
 * cursor.
 */
export async function deliveriesPage(
  prisma: PrismaClient,
  reader: FilingReader,
  status: DeliveryStatus,
  page: PageRequest,
) {
  const kept: Awaited<ReturnType<typeof deliveryRows>> = [];
  let cursor = page.cursor;
  for (;;) {
    const rows = await deliveryRows(prisma, status, { limit: page.limit, cursor });
    const sealed = await sealedDeliveries(prisma, reader, rows);
    kept.push(...rows.filter((row) => !sealed.has(row.id)));
    if (rows.length <= page.limit || kept.length > page.limit) break;
    cursor = rows.at(-1)!.id;
  }
  return toPage(kept.slice(0, page.limit + 1), page.limit, (row) => ({
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
}

function deliveryRows(prisma: PrismaClient, status: DeliveryStatus, page: PageRequest) {
  return prisma.notificationDelivery.findMany({
    where: { status: status.toUpperCase() as 'FAILED' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include: { user: { select: { username: true } }, outbox: { select: { payload: true } } },
    ...pageArgs(page),
  });
}

/** A delivery's status, or null when there is none or the reader may not know of it (sealed.ts). */
export async function deliveryStatus(prisma: PrismaClient, reader: FilingReader, id: string): Promise<string | null> {
  const row = await prisma.notificationDelivery.findUnique({
    where: { id },
    select: { id: true, status: true, template: true, outbox: { select: { payload: true } } },
  });
  if (!row || (await sealedDeliveries(prisma, reader, [row])).has(row.id)) return null;
  return row.status;
}
