/**
 * Delivers the outbox: every OutboxMessage becomes one NotificationDelivery per person and channel,
 * written once, and the e-mails among them are sent under a lease with retries and back-off.
 *
 * - Planning: the oldest waiting messages, 50 at a time, have their recipients resolved (an official, or a role made
 *   into its people by the payload: the area committee, the group leader, the leader in charge, the Head of Board, the
 *   verifiers; each look-up made once for the batch), then one transaction claims each of them (`plannedAt` set where it
 *   was null; a second dispatcher finds it taken and skips it) and writes the deliveries of those it claimed. An in-app
 *   notification is delivered by being written. The deliveries are unique per (message, channel, person) and per
 *   (person, channel, notice): a message planned again, or a notice a workflow repeats (the area committee told of
 *   the same miss at each escalation, in one batch or in two), adds nothing. A batch that cannot be written (another
 *   dispatcher wrote the same notice at once) is undone and its messages planned one at a time.
 * - Sending: an e-mail due (PENDING, `nextAttemptAt` past) or whose lease expired (SENDING, `leaseUntil` past: its
 *   dispatcher died) is claimed by a conditional update (the status, lease and attempts it was read with), sent, then
 *   marked DELIVERED with `deliveredAt`; `sendsAtOnce` of them are under way at once, each claimed on its own, so two
 *   dispatchers never both hold one. A failure waits `backoffMs(attempt)` and is retried up to `maxAttempts`, then is
 *   FAILED, for the administrator (GET /admin/outbox?status=failed, retry).
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
  /**
   * How many e-mails one dispatcher sends at once (each claimed, sent and recorded on its own), at most its mailer's
   * connections. 1 (the default): one at a time, in the order they fell due.
   */
  sendsAtOnce?: number;
  /** Called after a claim and before the send: the tests' point of "the worker dies here". */
  beforeSend?: (deliveryId: string) => Promise<void>;
  log?: (line: string) => void;
}

const DEFAULT_BACKOFF = (attempt: number) => Math.min(30_000 * 2 ** (attempt - 1), 30 * 60_000);
const BATCH = 50;
/** Settling is one query and one update, however many: a burst's messages are settled 500 a round. */
const SETTLE_BATCH = 500;

interface WaitingMessage {
  id: string;
  recipientId: string | null;
  recipientRole: string | null;
  template: string;
  payload: Prisma.JsonValue;
  createdAt: Date;
}

interface DueDelivery {
  id: string;
  status: 'PENDING' | 'SENDING' | 'DELIVERED' | 'FAILED' | 'SKIPPED';
  leaseUntil: Date | null;
  attempts: number;
  address: string | null;
  outbox: { template: string; payload: Prisma.JsonValue };
  user: { language: string };
}

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
  private readonly sendsAtOnce: number;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: DispatcherOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 60_000;
    this.maxAttempts = options.maxAttempts ?? 6;
    this.backoffMs = options.backoffMs ?? DEFAULT_BACKOFF;
    this.sendsAtOnce = Math.max(1, Math.floor(options.sendsAtOnce ?? 1));
  }

  /**
   * One round: plans the messages waiting, sends the e-mails due, settles the messages done. `more`: the round found a
   * full batch of any of them, so more may be waiting now (a burst of escalations), and the next round need not wait.
   */
  async tick(): Promise<{ planned: number; sent: number; failed: number; more: boolean }> {
    const planning = await this.planRound();
    const sending = this.options.mailer
      ? await this.sendRound(this.options.mailer)
      : { sent: 0, failed: 0, full: false };
    const settled = await this.settleMessages();
    return {
      planned: planning.planned,
      sent: sending.sent,
      failed: sending.failed,
      more: planning.full || sending.full || settled >= SETTLE_BATCH,
    };
  }

  async planWaiting(): Promise<number> {
    return (await this.planRound()).planned;
  }

  /** Plans the oldest BATCH messages waiting in one transaction; `full`: there were BATCH of them, some planned here. */
  private async planRound(): Promise<{ planned: number; full: boolean }> {
    const waiting = await this.prisma.outboxMessage.findMany({
      where: { plannedAt: null },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: BATCH,
      select: { id: true, recipientId: true, recipientRole: true, template: true, payload: true, createdAt: true },
    });
    if (waiting.length === 0) return { planned: 0, full: false };
    let planned = 0;
    try {
      planned = await this.plan(waiting);
    } catch (error) {
      // The batch undone (another dispatcher planning the same notice at once: a unique key; a look-up that failed):
      // its messages are planned one at a time, so that one message's trouble does not hold the others back.
      this.options.log?.(
        `notifications: planning ${waiting.length} at once failed, one at a time: ${messageOf(error)}`,
      );
      for (const message of waiting) {
        try {
          planned += await this.plan([message]);
        } catch (failure) {
          this.options.log?.(`notifications: planning ${message.id} failed, retried next round: ${messageOf(failure)}`);
        }
      }
    }
    // Full only when it went forward: a batch none of which could be planned waits the loop's poll, as it did.
    return { planned, full: waiting.length >= BATCH && planned > 0 };
  }

  /**
   * Plans `messages` together: their recipients resolved first (read only, each assignment, leader and person looked
   * up once for the batch), then one transaction claims each message still unplanned and writes the deliveries of
   * those it claimed, in one insert. Returns how many it claimed.
   */
  private async plan(messages: WaitingMessage[]): Promise<number> {
    const lookups = new Lookups(this.prisma);
    const wanted = await Promise.all(messages.map((message) => recipientsWanted(lookups, message)));
    const recipients = await usersOf(this.prisma, wanted);
    const now = new Date();
    const { claimed, nobody } = await this.prisma.$transaction(async (tx) => {
      const claimed: { message: WaitingMessage; recipients: Recipient[] }[] = [];
      for (const [index, message] of messages.entries()) {
        const claim = await tx.outboxMessage.updateMany({
          where: { id: message.id, plannedAt: null },
          data: { plannedAt: now },
        });
        if (claim.count > 0) claimed.push({ message, recipients: recipients[index]! });
      }
      if (claimed.length === 0) return { claimed, nobody: [] };
      const wantedRows = deliveryRows(claimed, now);
      const told = wantedRows.length
        ? await tx.notificationDelivery.findMany({
            where: {
              OR: [
                { outboxId: { in: claimed.map((c) => c.message.id) } },
                {
                  userId: { in: [...new Set(wantedRows.map((d) => d.userId))] },
                  noticeKey: { in: [...new Set(wantedRows.map((d) => d.noticeKey))] },
                },
              ],
            },
            select: { outboxId: true, channel: true, userId: true, noticeKey: true },
          })
        : [];
      const rows = withoutTold(wantedRows, told);
      if (rows.length > 0) await tx.notificationDelivery.createMany({ data: rows });
      const nobody = claimed.filter((c) => c.recipients.length === 0).map((c) => c.message);
      if (nobody.length > 0)
        await tx.outboxMessage.updateMany({
          where: { id: { in: nobody.map((m) => m.id) } },
          data: { deliveredAt: now },
        });
      return { claimed, nobody };
    });
    for (const message of nobody)
      this.options.log?.(`notifications: ${message.template} (${message.id}) has nobody to go to`);
    return claimed.length;
  }

  /** Claims, sends and records the e-mails due, `sendsAtOnce` at a time. */
  async sendDue(mailer: Mailer): Promise<{ sent: number; failed: number }> {
    const { sent, failed } = await this.sendRound(mailer);
    return { sent, failed };
  }

  private async sendRound(mailer: Mailer): Promise<{ sent: number; failed: number; full: boolean }> {
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
      select: {
        id: true,
        status: true,
        leaseUntil: true,
        attempts: true,
        address: true,
        outbox: { select: { template: true, payload: true } },
        user: { select: { language: true } },
      },
    });
    const counts = { sent: 0, failed: 0 };
    const lookups = new Lookups(this.prisma);
    const namesOf = (payload: unknown) =>
      lookups.once(JSON.stringify(payload ?? null), () =>
        Promise.all([areaNameOf(this.prisma, payload), formerAreaNameOf(this.prisma, payload)]).then(
          ([areaName, formerAreaName]) => ({ areaName, formerAreaName }),
        ),
      );
    let next = 0;
    const sender = async () => {
      for (let i = next++; i < due.length; i = next++) {
        const outcome = await this.sendOne(mailer, due[i]!, namesOf);
        if (outcome === 'sent' || outcome === 'failed') counts[outcome] += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.sendsAtOnce, due.length) }, sender));
    return { ...counts, full: due.length >= BATCH };
  }

  /** One e-mail: claimed if nobody took it since it was read, sent, then recorded. */
  private async sendOne(
    mailer: Mailer,
    delivery: DueDelivery,
    namesOf: (payload: unknown) => Promise<{ areaName: string | undefined; formerAreaName: string | undefined }>,
  ): Promise<'sent' | 'failed' | 'retried' | 'taken'> {
    const claimedAt = new Date();
    // The claim: only if nobody took it since it was read (the same status, lease and count of attempts).
    const claim = await this.prisma.notificationDelivery.updateMany({
      where: { id: delivery.id, status: delivery.status, leaseUntil: delivery.leaseUntil, attempts: delivery.attempts },
      data: {
        status: 'SENDING',
        leaseUntil: new Date(claimedAt.getTime() + this.leaseMs),
        attempts: delivery.attempts + 1,
      },
    });
    if (claim.count === 0) return 'taken';
    const attempts = delivery.attempts + 1;
    try {
      await this.options.beforeSend?.(delivery.id);
      const language = asLanguage(delivery.user.language);
      const { areaName, formerAreaName } = await namesOf(delivery.outbox.payload);
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
      return 'sent';
    } catch (error) {
      const finalAttempt = attempts >= this.maxAttempts;
      await this.prisma.notificationDelivery.update({
        where: { id: delivery.id },
        data: {
          status: finalAttempt ? 'FAILED' : 'PENDING',
          leaseUntil: null,
          lastError: messageOf(error).slice(0, 1000),
          nextAttemptAt: new Date(Date.now() + (finalAttempt ? 0 : this.backoffMs(attempts))),
        },
      });
      this.options.log?.(
        `notifications: e-mail ${delivery.id} to ${delivery.address} failed (attempt ${attempts}` +
          `${finalAttempt ? ', giving up' : ''}): ${messageOf(error)}`,
      );
      return finalAttempt ? 'failed' : 'retried';
    }
  }

  /** The messages whose deliveries are all settled are delivered (OutboxMessage.deliveredAt); returns how many. */
  private async settleMessages(): Promise<number> {
    const open = await this.prisma.outboxMessage.findMany({
      where: {
        plannedAt: { not: null },
        deliveredAt: null,
        deliveries: { none: { status: { in: ['PENDING', 'SENDING'] } } },
      },
      take: SETTLE_BATCH,
      select: { id: true },
    });
    if (open.length === 0) return 0;
    await this.prisma.outboxMessage.updateMany({
      where: { id: { in: open.map((m) => m.id) }, deliveredAt: null },
      data: { deliveredAt: new Date() },
    });
    return open.length;
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

type DeliveryRow = Prisma.NotificationDeliveryCreateManyInput & {
  channel: 'IN_APP' | 'EMAIL';
  userId: string;
  noticeKey: string;
};

/**
 * The deliveries of the claimed messages, in their order: per person an in-app notification (unless the notice is
 * e-mail only) and, to those who keep e-mail on, an e-mail (PENDING, or SKIPPED without an address). A person is told
 * a notice once per channel, even when two messages of the batch carry it.
 */
function deliveryRows(claimed: { message: WaitingMessage; recipients: Recipient[] }[], plannedAt: Date): DeliveryRow[] {
  const rows: DeliveryRow[] = [];
  const seen = new Set<string>();
  for (const [index, { message, recipients }] of claimed.entries()) {
    // A millisecond apart, before the claim, in the messages' order: the bell lists them and the e-mails fall due in
    // the order they were sent, as when each message had a round of its own.
    const now = new Date(plannedAt.getTime() - (claimed.length - 1 - index));
    const noticeKey = noticeKeyOf(message.template, message.payload);
    const byEmail = sentByEmail(message.template);
    const add = (
      person: Recipient,
      channel: 'IN_APP' | 'EMAIL',
      data: Pick<DeliveryRow, 'status' | 'address' | 'deliveredAt' | 'lastError'>,
    ) => {
      const key = `${person.userId}\n${channel}\n${noticeKey}`;
      if (seen.has(key)) return;
      seen.add(key);
      rows.push({
        id: deliveryIdOf(message.id, channel, person.userId),
        outboxId: message.id,
        channel,
        userId: person.userId,
        noticeKey,
        template: message.template,
        status: data.status,
        address: data.address ?? null,
        deliveredAt: data.deliveredAt ?? null,
        lastError: data.lastError ?? null,
        nextAttemptAt: now,
        createdAt: now,
      });
    };
    for (const person of recipients) {
      if (!EMAIL_ONLY.has(message.template)) add(person, 'IN_APP', { status: 'DELIVERED', deliveredAt: now });
      if (!byEmail || !person.emailNotifications) continue;
      add(
        person,
        'EMAIL',
        person.email
          ? { status: 'PENDING', address: person.email }
          : { status: 'SKIPPED', lastError: 'no e-mail address on record' },
      );
    }
  }
  return rows;
}

/** The rows whose person was not told already: by the same message on the channel, or of the same notice. */
function withoutTold(
  rows: DeliveryRow[],
  told: { outboxId: string; channel: string; userId: string; noticeKey: string }[],
): DeliveryRow[] {
  const byMessage = new Set(told.map((d) => `${d.outboxId}\n${d.channel}\n${d.userId}`));
  const byNotice = new Set(told.map((d) => `${d.userId}\n${d.channel}\n${d.noticeKey}`));
  return rows.filter(
    (d) =>
      !byMessage.has(`${d.outboxId}\n${d.channel}\n${d.userId}`) &&
      !byNotice.has(`${d.userId}\n${d.channel}\n${d.noticeKey}`),
  );
}

const recipientSelect = {
  id: true,
  officialId: true,
  email: true,
  emailNotifications: true,
  language: true,
  official: { select: { email: true } },
} as const;

type UserRow = {
  id: string;
  officialId: string | null;
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

/** The look-ups of one round (a batch's planning, its e-mails' area names), each made once however many ask it. */
class Lookups {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(readonly db: Tx) {}

  once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let found = this.memo.get(key) as Promise<T> | undefined;
    if (!found) {
      found = load();
      this.memo.set(key, found);
    }
    return found;
  }
}

/** Who a message goes to, before they are made into users: officials by id, and users by a rule. */
interface Wanted {
  officialIds: string[];
  userWhere: Prisma.UserWhereInput[];
}

/**
 * The people a message goes to (point 9): its official, or its role made into people from the payload's assignment,
 * area or complaint. A rotation proposed at the mandatory term goes to the Head of Board as well as the leader in
 * charge.
 */
async function recipientsWanted(l: Lookups, message: WaitingMessage): Promise<Wanted> {
  const tx = l.db;
  const p = (message.payload ?? {}) as Record<string, unknown>;
  const assignmentId = typeof p.assignmentId === 'string' ? p.assignmentId : undefined;
  const complaintId = typeof p.complaintId === 'string' ? p.complaintId : undefined;
  const complaint = complaintId
    ? await l.once(`complaint ${complaintId}`, () =>
        tx.complaint.findUnique({ where: { id: complaintId }, select: { assignmentId: true } }),
      )
    : null;
  const assignment = await (async () => {
    const id = assignmentId ?? complaint?.assignmentId;
    return id
      ? l.once(`assignment ${id}`, () =>
          tx.assignment.findUnique({
            where: { id },
            select: {
              officialId: true,
              groupId: true,
              areaId: true,
              rotationDueAt: true,
              area: { select: { leaderInChargeId: true } },
              official: { select: { departmentId: true } },
            },
          }),
        )
      : null;
  })();
  const areaId = typeof p.areaId === 'string' ? p.areaId : assignment?.areaId;
  const headOfBoard = () => l.once('head of board', () => headOfBoardId(tx));

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
      if (assignment)
        officialIds.add(
          await l.once(`group leader ${assignment.groupId} ${assignment.officialId}`, () =>
            groupLeaderOf(tx, assignment.groupId, assignment.officialId),
          ),
        );
      break;
    }
    case 'BOARD_LEADER': {
      const leaderId = areaId ? await l.once(`leader of ${areaId}`, () => leaderInChargeOf(tx, areaId)) : null;
      if (leaderId) officialIds.add(leaderId);
      break;
    }
    case 'HEAD_OF_BOARD': {
      const head = await headOfBoard();
      if (head) officialIds.add(head);
      break;
    }
    case 'AUDITOR': {
      // A complaint goes to its verifier: the one who started its verification, or, before, the verifiers.
      const started = complaintId
        ? await l.once(`verifier ${complaintId}`, () =>
            tx.auditEvent.findFirst({
              where: { entityType: 'Complaint', entityId: complaintId, action: 'COMPLAINT_VERIFICATION_STARTED' },
              select: { actorId: true },
            }),
          )
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
    case 'AGENCY_HEAD': {
      const linkId = p.linkId;
      if (typeof linkId === 'string')
        userWhere.push(await l.once(`agency ${linkId} ${role}`, () => agencyRecipients(tx, linkId, role)));
      break;
    }
  }
  if (message.template === ROTATION_PROPOSAL && assignment && assignment.rotationDueAt <= message.createdAt) {
    const head = await headOfBoard();
    if (head) officialIds.add(head);
  }
  return { officialIds: [...officialIds], userWhere };
}

/**
 * The active users each message goes to, ordered by id: those named by official in one query for the batch, those
 * named by a rule (a role, an area's committee) by a query of their message's own.
 */
async function usersOf(db: Tx, wanted: Wanted[]): Promise<Recipient[][]> {
  const allOfficials = [...new Set(wanted.flatMap((w) => w.officialIds))];
  const byOfficial = new Map<string, UserRow>();
  if (allOfficials.length > 0) {
    const users = await db.user.findMany({
      where: { active: true, officialId: { in: allOfficials } },
      select: recipientSelect,
    });
    for (const user of users) if (user.officialId) byOfficial.set(user.officialId, user);
  }
  return Promise.all(
    wanted.map(async ({ officialIds, userWhere }) => {
      const users = new Map<string, UserRow>();
      for (const id of officialIds) {
        const user = byOfficial.get(id);
        if (user) users.set(user.id, user);
      }
      if (userWhere.length > 0) {
        const more = await db.user.findMany({ where: { active: true, OR: userWhere }, select: recipientSelect });
        for (const user of more) users.set(user.id, user);
      }
      return [...users.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(asRecipient);
    }),
  );
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
