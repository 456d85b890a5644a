/**
 * Delivers the outbox: every OutboxMessage becomes one NotificationDelivery per person and channel,
 * written once, and the e-mails among them are sent under a lease with retries and back-off.
 *
 * - Planning: one transaction per message claims it (`plannedAt` set where it was null; a second dispatcher finds it
 *   taken), resolves its recipients (an official, or a role made into its people by the payload: the area committee,
 *   the group leader, the leader in charge, the Head of Board, the verifiers) and writes the deliveries. An in-app
 *   notification is delivered by being written. The deliveries are unique per (message, channel, person) and per
 *   (person, channel, notice): a message planned again, or a notice a workflow repeats (the area committee told of
 *   the same miss at each escalation), adds nothing.
 * - Sending: an e-mail due (PENDING, `nextAttemptAt` past) or whose lease expired (SENDING, `leaseUntil` past: its
 *   dispatcher died) is claimed by a conditional update, sent, then marked DELIVERED with `deliveredAt`. A failure
 *   waits `backoffMs(attempt)` and is retried up to `maxAttempts`, then is FAILED, for the administrator
 *   (GET /admin/outbox?status=failed, retry).
 * - A crash: before the claim nothing happened; between the claim and the SMTP server's acceptance, the lease expires
 *   and the next dispatcher sends it (once); after the acceptance and before the DELIVERED commit (one local database
 *   write, milliseconds) the next dispatcher sends it again, with the same Message-ID. SMTP has no idempotent
 *   submission, so that window cannot be closed from here; the Message-ID lets the receiving side see the duplicate.
 */
import { createHash } from 'node:crypto';
import { isNoticeTemplate, type NoticeTemplate } from '../labels/notifications';
import type { Role } from '../machines/actor';
import type { Prisma, PrismaClient } from '../prisma/database';
import type { Tx } from '../domain/audit/log';
import { mailAttachments } from '../domain/audit/checkpoint-mail';
import { groupLeaderOf, headOfBoardId, leaderInChargeOf } from '../domain/parties';
import type { Mailer } from './mailer';

export type Language = 'vi' | 'en';
const LANGUAGES: readonly Language[] = ['vi', 'en'];

/** The mail of a notice in a language: built by labels/notifications.ts (the confidentiality rule), given by the wiring. */
export type ComposeMail = (
  notice: { template: string; payload: unknown; areaName: string | undefined; formerAreaName?: string | undefined },
  language: Language,
) => { subject: string; text: string; html: string };

const IN_APP_ONLY: ReadonlySet<NoticeTemplate> = new Set<NoticeTemplate>([
  'monthly.plan.missed',
  'monthly.report.missed',
]);

/**
 * Which notices also go by e-mail (to those who keep e-mail on). The official's own miss is told in the app only:
 * the e-mail before the deadline was theirs, those after it go up the chain (Đ7.B, point 9).
 */
export function sentByEmail(template: string): boolean {
  return !(isNoticeTemplate(template) && IN_APP_ONLY.has(template));
}

/** Told by e-mail only: an audit checkpoint, signed at every decision and anchoring, is for keeping, not for the bell. */
const EMAIL_ONLY: ReadonlySet<string> = new Set<NoticeTemplate>(['audit.checkpoint']);

/** A rotation proposal made after the mandatory term: the Head of Board hears of it too. */
const ROTATION_PROPOSAL: NoticeTemplate = 'proposal.rotation';

export interface DispatcherOptions {
  compose: ComposeMail;
  /** Absent: no e-mail is sent (they wait, PENDING); in-app notifications are delivered all the same. */
  mailer?: Mailer | undefined;
  /** How long a claimed e-mail is held before another dispatcher may take it over (its sender died). */
  leaseMs?: number;
  maxAttempts?: number;
  /** The wait after the n-th failed attempt (1-based). */
  backoffMs?: (attempt: number) => number;
  /** Called after a claim and before the send: the tests' point of "the worker dies here". */
  beforeSend?: (deliveryId: string) => Promise<void>;
  log?: (line: string) => void;
}

const DEFAULT_BACKOFF = (attempt: number) => Math.min(30_000 * 2 ** (attempt - 1), 30 * 60_000);
const BATCH = 50;

interface Recipient {
  userId: string;
  email: string | null;
  emailNotifications: boolean;
  language: Language;
}

/** A delivery's id: the same for the same message, channel and person, whoever plans it. */
export const deliveryIdOf = (outboxId: string, channel: 'IN_APP' | 'EMAIL', userId: string) =>
  `nd-${createHash('sha256').update(`${outboxId}\n${channel}\n${userId}`).digest('hex').slice(0, 32)}`;

/** One notice: its template and what it is about (the payload's fields, sorted), whichever message carried it. */
function noticeKeyOf(template: string, payload: unknown): string {
  const canonical = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
        )
      : value;
  return createHash('sha256')
    .update(`${template}\n${JSON.stringify(canonical(payload))}`)
    .digest('hex')
    .slice(0, 40);
}

export class NotificationDispatcher {
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: (attempt: number) => number;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: DispatcherOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 60_000;
    this.maxAttempts = options.maxAttempts ?? 6;
    this.backoffMs = options.backoffMs ?? DEFAULT_BACKOFF;
  }

  /**
   * One round: plans the messages waiting, sends the e-mails due, settles the messages done. `more`: the round took a
   * full batch of either, so more may be waiting now (a burst of escalations), and the next round need not wait.
   */
  async tick(): Promise<{ planned: number; sent: number; failed: number; more: boolean }> {
    const planned = await this.planWaiting();
    const { sent, failed } = this.options.mailer ? await this.sendDue(this.options.mailer) : { sent: 0, failed: 0 };
    await this.settleMessages();
    return { planned, sent, failed, more: planned >= BATCH || sent + failed >= BATCH };
  }

  async planWaiting(): Promise<number> {
    const waiting = await this.prisma.outboxMessage.findMany({
      where: { plannedAt: null },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: BATCH,
      select: { id: true },
    });
    let planned = 0;
    for (const { id } of waiting) {
      try {
        if (await this.plan(id)) planned += 1;
      } catch (error) {
        // Another dispatcher planning the same notice at once (a unique key): the next round finds it done.
        this.options.log?.(`notifications: planning ${id} failed, retried next round: ${messageOf(error)}`);
      }
    }
    return planned;
  }

  private async plan(outboxId: string): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const now = new Date();
      const claimed = await tx.outboxMessage.updateMany({
        where: { id: outboxId, plannedAt: null },
        data: { plannedAt: now },
      });
      if (claimed.count === 0) return false;
      const message = await tx.outboxMessage.findUniqueOrThrow({ where: { id: outboxId } });
      const recipients = await resolveRecipients(tx, message);
      const noticeKey = noticeKeyOf(message.template, message.payload);
      const byEmail = sentByEmail(message.template);
      for (const person of recipients) {
        if (!EMAIL_ONLY.has(message.template))
          await addDelivery(
            tx,
            { outboxId, template: message.template, noticeKey, userId: person.userId, now },
            'IN_APP',
            {
              status: 'DELIVERED',
              deliveredAt: now,
            },
          );
        if (!byEmail || !person.emailNotifications) continue;
        await addDelivery(
          tx,
          { outboxId, template: message.template, noticeKey, userId: person.userId, now },
          'EMAIL',
          person.email
            ? { status: 'PENDING', address: person.email }
            : { status: 'SKIPPED', lastError: 'no e-mail address on record' },
        );
      }
      if (recipients.length === 0) {
        await tx.outboxMessage.update({ where: { id: outboxId }, data: { deliveredAt: now } });
        this.options.log?.(`notifications: ${message.template} (${outboxId}) has nobody to go to`);
      }
      return true;
    });
  }

  /** Claims, sends and records the e-mails due, one at a time. */
  async sendDue(mailer: Mailer): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    const now = new Date();
    const due = await this.prisma.notificationDelivery.findMany({
      where: {
        channel: 'EMAIL',
        OR: [
          { status: 'PENDING', nextAttemptAt: { lte: now } },
          { status: 'SENDING', leaseUntil: { lt: now } },
        ],
      },
      orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
      take: BATCH,
      select: { id: true, status: true, leaseUntil: true },
    });
    for (const candidate of due) {
      const claimedAt = new Date();
      // The claim: only if nobody took it since it was read (the same status and lease).
      const claim = await this.prisma.notificationDelivery.updateMany({
        where: { id: candidate.id, status: candidate.status, leaseUntil: candidate.leaseUntil },
        data: {
          status: 'SENDING',
          leaseUntil: new Date(claimedAt.getTime() + this.leaseMs),
          attempts: { increment: 1 },
        },
      });
      if (claim.count === 0) continue;
      const delivery = await this.prisma.notificationDelivery.findUniqueOrThrow({
        where: { id: candidate.id },
        include: { outbox: true, user: { select: { language: true } } },
      });
      try {
        await this.options.beforeSend?.(delivery.id);
        const language = asLanguage(delivery.user.language);
        const areaName = await areaNameOf(this.prisma, delivery.outbox.payload);
        const formerAreaName = await formerAreaNameOf(this.prisma, delivery.outbox.payload);
        const mail = this.options.compose(
          { template: delivery.outbox.template, payload: delivery.outbox.payload, areaName, formerAreaName },
          language,
        );
        await mailer.send({
          ...mail,
          to: delivery.address!,
          messageId: `<${delivery.id}@dia-ban>`,
          language,
          template: delivery.outbox.template,
          attachments: mailAttachments(delivery.outbox.template, delivery.outbox.payload),
        });
        await this.prisma.notificationDelivery.update({
          where: { id: delivery.id },
          data: { status: 'DELIVERED', deliveredAt: new Date(), leaseUntil: null, lastError: null },
        });
        sent += 1;
      } catch (error) {
        const finalAttempt = delivery.attempts >= this.maxAttempts;
        await this.prisma.notificationDelivery.update({
          where: { id: delivery.id },
          data: {
            status: finalAttempt ? 'FAILED' : 'PENDING',
            leaseUntil: null,
            lastError: messageOf(error).slice(0, 1000),
            nextAttemptAt: new Date(Date.now() + (finalAttempt ? 0 : this.backoffMs(delivery.attempts))),
          },
        });
        if (finalAttempt) failed += 1;
        this.options.log?.(
          `notifications: e-mail ${delivery.id} to ${delivery.address} failed (attempt ${delivery.attempts}` +
            `${finalAttempt ? ', giving up' : ''}): ${messageOf(error)}`,
        );
      }
    }
    return { sent, failed };
  }

  /** A message whose deliveries are all settled is delivered (OutboxMessage.deliveredAt). */
  private async settleMessages(): Promise<void> {
    const open = await this.prisma.outboxMessage.findMany({
      where: {
        plannedAt: { not: null },
        deliveredAt: null,
        deliveries: { none: { status: { in: ['PENDING', 'SENDING'] } } },
      },
      take: BATCH,
      select: { id: true },
    });
    if (open.length === 0) return;
    await this.prisma.outboxMessage.updateMany({
      where: { id: { in: open.map((m) => m.id) }, deliveredAt: null },
      data: { deliveredAt: new Date() },
    });
  }
}

/** An administrator's retry of a failed e-mail: due again at once, with a fresh count of attempts. */
export async function retryDelivery(prisma: PrismaClient, deliveryId: string): Promise<boolean> {
  const now = new Date();
  const { count } = await prisma.notificationDelivery.updateMany({
    where: { id: deliveryId, status: 'FAILED' },
    data: { status: 'PENDING', attempts: 0, nextAttemptAt: now, leaseUntil: null },
  });
  if (count > 0) {
    const delivery = await prisma.notificationDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    await prisma.outboxMessage.update({ where: { id: delivery.outboxId }, data: { deliveredAt: null } });
  }
  return count > 0;
}

async function addDelivery(
  tx: Tx,
  base: { outboxId: string; template: string; noticeKey: string; userId: string; now: Date },
  channel: 'IN_APP' | 'EMAIL',
  data: Partial<
    Pick<Prisma.NotificationDeliveryUncheckedCreateInput, 'status' | 'address' | 'deliveredAt' | 'lastError'>
  >,
): Promise<void> {
  const told = await tx.notificationDelivery.findFirst({
    where: {
      OR: [
        { outboxId: base.outboxId, channel, userId: base.userId },
        { userId: base.userId, channel, noticeKey: base.noticeKey },
      ],
    },
    select: { id: true },
  });
  if (told) return;
  await tx.notificationDelivery.create({
    data: {
      id: deliveryIdOf(base.outboxId, channel, base.userId),
      outboxId: base.outboxId,
      channel,
      userId: base.userId,
      noticeKey: base.noticeKey,
      template: base.template,
      status: data.status ?? 'PENDING',
      address: data.address ?? null,
      deliveredAt: data.deliveredAt ?? null,
      lastError: data.lastError ?? null,
      nextAttemptAt: base.now,
      createdAt: base.now,
    },
  });
}

const recipientSelect = {
  id: true,
  email: true,
  emailNotifications: true,
  language: true,
  official: { select: { email: true } },
} as const;

type UserRow = {
  id: string;
  email: string | null;
  emailNotifications: boolean;
  language: string;
  official: { email: string | null } | null;
};
const asRecipient = (u: UserRow): Recipient => ({
  userId: u.id,
  email: u.official?.email ?? u.email,
  emailNotifications: u.emailNotifications,
  language: asLanguage(u.language),
});

function asLanguage(value: string): Language {
  return (LANGUAGES as readonly string[]).includes(value) ? (value as Language) : 'vi';
}

/**
 * The people a message goes to (point 9): its official, or its role made into people from the payload's assignment,
 * area or complaint. A rotation proposed at the mandatory term goes to the Head of Board as well as the leader in
 * charge.
 */
async function resolveRecipients(
  tx: Tx,
  message: {
    recipientId: string | null;
    recipientRole: string | null;
    template: string;
    payload: unknown;
    createdAt: Date;
  },
): Promise<Recipient[]> {
  const p = (message.payload ?? {}) as Record<string, unknown>;
  const assignmentId = typeof p.assignmentId === 'string' ? p.assignmentId : undefined;
  const complaintId = typeof p.complaintId === 'string' ? p.complaintId : undefined;
  const complaint = complaintId
    ? await tx.complaint.findUnique({ where: { id: complaintId }, select: { assignmentId: true } })
    : null;
  const assignment = await (async () => {
    const id = assignmentId ?? complaint?.assignmentId;
    return id
      ? tx.assignment.findUnique({
          where: { id },
          select: {
            officialId: true,
            groupId: true,
            areaId: true,
            rotationDueAt: true,
            area: { select: { leaderInChargeId: true } },
            official: { select: { departmentId: true } },
          },
        })
      : null;
  })();
  const areaId = typeof p.areaId === 'string' ? p.areaId : assignment?.areaId;

  const officialIds = new Set<string>();
  const userWhere: Prisma.UserWhereInput[] = [];
  if (message.recipientId) officialIds.add(message.recipientId);
  const role = message.recipientRole as Role | null;
  switch (role) {
    case null:
      break;
    case 'AREA_COMMITTEE':
      if (areaId) userWhere.push({ areaId, roles: { some: { role: 'AREA_COMMITTEE' } } });
      break;
    case 'OFFICIAL':
      if (assignment) officialIds.add(assignment.officialId);
      break;
    case 'GROUP_LEADER': {
      if (assignment) officialIds.add(await groupLeaderOf(tx, assignment.groupId, assignment.officialId));
      break;
    }
    case 'BOARD_LEADER': {
      const leaderId = areaId ? await leaderInChargeOf(tx, areaId) : null;
      if (leaderId) officialIds.add(leaderId);
      break;
    }
    case 'HEAD_OF_BOARD': {
      const head = await headOfBoardId(tx);
      if (head) officialIds.add(head);
      break;
    }
    case 'AUDITOR': {
      // A complaint goes to its verifier: the one who started its verification, or, before, the verifiers.
      const started = complaintId
        ? await tx.auditEvent.findFirst({
            where: { entityType: 'Complaint', entityId: complaintId, action: 'COMPLAINT_VERIFICATION_STARTED' },
            select: { actorId: true },
          })
        : null;
      if (started?.actorId) officialIds.add(started.actorId);
      else userWhere.push({ roles: { some: { role: 'AUDITOR' } } });
      break;
    }
    case 'DEPARTMENT_HEAD':
      if (assignment?.official.departmentId)
        userWhere.push({
          roles: { some: { role: 'DEPARTMENT_HEAD' } },
          official: { departmentId: assignment.official.departmentId },
        });
      break;
    case 'ADMINISTRATOR':
      userWhere.push({ roles: { some: { role: 'ADMINISTRATOR' } } });
      break;
    case 'STANDING_COMMITTEE_MEMBER':
      userWhere.push({ roles: { some: { role: 'STANDING_COMMITTEE_MEMBER' } } });
      break;
    // A leader's commune (payload's linkId): its leader, or the heads in place of the leader's agency.
    case 'AGENCY_LEADER':
    case 'AGENCY_HEAD':
      if (typeof p.linkId === 'string') userWhere.push(await agencyRecipients(tx, p.linkId, role));
      break;
  }
  if (message.template === ROTATION_PROPOSAL && assignment && assignment.rotationDueAt <= message.createdAt) {
    const head = await headOfBoardId(tx);
    if (head) officialIds.add(head);
  }
  if (officialIds.size > 0) userWhere.push({ officialId: { in: [...officialIds] } });
  if (userWhere.length === 0) return [];
  const users = await tx.user.findMany({
    where: { active: true, OR: userWhere },
    orderBy: { id: 'asc' },
    select: recipientSelect,
  });
  return users.map(asRecipient);
}

async function areaNameOf(prisma: PrismaClient, payload: unknown): Promise<string | undefined> {
  const p = (payload ?? {}) as Record<string, unknown>;
  if (typeof p.areaId === 'string')
    return (await prisma.area.findUnique({ where: { id: p.areaId }, select: { name: true } }))?.name;
  const assignmentId =
    typeof p.assignmentId === 'string'
      ? p.assignmentId
      : typeof p.complaintId === 'string'
        ? (await prisma.complaint.findUnique({ where: { id: p.complaintId }, select: { assignmentId: true } }))
            ?.assignmentId
        : undefined;
  if (!assignmentId) return undefined;
  return (
    await prisma.assignment.findUnique({ where: { id: assignmentId }, select: { area: { select: { name: true } } } })
  )?.area.name;
}

/** The former area's name, when a successor unit took the matter over in a reorganisation. */
async function formerAreaNameOf(prisma: PrismaClient, payload: unknown): Promise<string | undefined> {
  const formerAreaId = ((payload ?? {}) as Record<string, unknown>).formerAreaId;
  if (typeof formerAreaId !== 'string') return undefined;
  return (await prisma.area.findUnique({ where: { id: formerAreaId }, select: { name: true } }))?.name;
}

export { areaNameOf };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The users a notice about a leader's commune goes to: the leader who monitors it, or their agency's heads in place. */
async function agencyRecipients(
  tx: Tx,
  linkId: string,
  role: 'AGENCY_LEADER' | 'AGENCY_HEAD',
): Promise<Prisma.UserWhereInput> {
  const link = await tx.agencyLeaderArea.findUnique({
    where: { id: linkId },
    select: { member: { select: { userId: true, agencyId: true } } },
  });
  if (!link) return { id: { in: [] } };
  if (role === 'AGENCY_LEADER') return { id: link.member.userId };
  return { agencyMemberships: { some: { agencyId: link.member.agencyId, isHead: true, until: null } } };
}
