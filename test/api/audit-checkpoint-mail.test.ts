/**
 * Checkpoints sent to the auditors: every new checkpoint the anchor workflow signs is put in the outbox for the users
 * with the auditor role, and the dispatcher e-mails it (to Mailpit, the dev inbox, over SMTP) with its signed note
 * attached, which the offline verifier accepts with the public key; the same checkpoint is mailed once, and never
 * shown in the bell.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../activities/mailer';
import { NotificationDispatcher } from '../../activities/notification-dispatcher';
import { recordOnce } from '../../domain/audit/log';
import { composeNoticeMail } from '../../labels/notifications';
import { verifyFiles } from '../../scripts/verify';
import { type LocalMailpit, mailpitExecutable, startMailpit } from '../../worker/mailpit';
import { ensureAuditAnchor } from '../../worker/audit-anchor';
import { SEEDED_USERS as USERS } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import { Started } from '../support/started';

let suite: ApiSuite;
let mailpit: LocalMailpit;
const dataDir = mkdtempSync(path.join(tmpdir(), 'dia-ban-checkpoint-mail-'));
const started = new Started();

interface MailpitList {
  messages: { ID: string; Subject: string; To: { Address: string }[]; Attachments: number }[];
}
interface MailpitMessage {
  Attachments: { PartID: string; FileName: string; ContentType: string }[];
}
const inbox = async <T>(url: string): Promise<T> => (await fetch(`${mailpit.inboxUrl}${url}`)).json() as Promise<T>;

beforeAll(() =>
  started.closeOnFailure(async () => {
    const exe = mailpitExecutable();
    if (!exe) throw new Error('no Mailpit: `npm test` builds it (tsx scripts/setup.ts --tests, with Go)');
    [suite, mailpit] = await Promise.all([
      started.add(startApiSuite(), (s) => s.close()),
      started.add(startMailpit(exe, { dataDir, log: () => {} }), (m) => m.close()),
    ]);
    await ensureAuditAnchor(suite.h.client, { taskQueue: suite.h.taskQueue, everyMinutes: 24 * 60 });
  }),
);
afterAll(async () => {
  await started.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('checkpoints e-mailed to the auditors', () => {
  it('mails each new checkpoint to every auditor with its signed note attached, once', async () => {
    const prisma = suite.h.db.prisma;
    await recordOnce(
      suite.h.db,
      {
        idempotencyKey: 'checkpoint-mail-1',
        at: new Date(await suite.h.env.currentTimeMs()).toISOString(),
        actorId: 'official-cb-014',
        action: 'DECISION_ISSUED',
        entityType: 'Decision',
        entityId: 'decision-mail-1',
        payload: {},
      },
      async () => {},
    );
    const response = await suite.api.call('POST', '/audit/checkpoints', USERS.auditor, {});
    expect(response.statusCode, response.body).toBe(200);
    const checkpoint = response.json<{ size: number; note: string }>();
    // Asked again with nothing appended: the same checkpoint, not mailed again.
    expect((await suite.api.call('POST', '/audit/checkpoints', USERS.auditor, {})).json()).toMatchObject(checkpoint);

    const messages = await prisma.outboxMessage.findMany({ where: { template: 'audit.checkpoint' } });
    const mine = messages.filter((m) => (m.payload as { size: number }).size === checkpoint.size);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ recipientRole: 'AUDITOR' });

    const dispatcher = new NotificationDispatcher(prisma, {
      mailer: smtpMailer(mailpit.smtpUrl, 'Địa bàn <dia-ban@localhost>'),
      compose: composeNoticeMail('http://app.test'),
    });
    await dispatcher.tick();
    const auditors = await prisma.user.findMany({
      where: { active: true, roles: { some: { role: 'AUDITOR' } } },
      select: { id: true, email: true, official: { select: { email: true } } },
    });
    const addresses = auditors.map((a) => a.official?.email ?? a.email).filter((e): e is string => !!e);
    expect(addresses.length).toBeGreaterThan(0);
    const deliveries = await prisma.notificationDelivery.findMany({ where: { outboxId: mine[0]!.id } });
    expect(deliveries.map((d) => [d.channel, d.status])).toEqual(addresses.map(() => ['EMAIL', 'DELIVERED']));

    const list = await inbox<MailpitList>('/api/v1/messages');
    const mails = list.messages.filter((m) => m.Subject.includes(`: ${checkpoint.size} `));
    expect(mails.flatMap((m) => m.To.map((t) => t.Address)).sort()).toEqual([...addresses].sort());
    const publicKey = (await suite.api.call('GET', '/audit/public-key', null)).json<{ publicKey: string }>().publicKey;
    for (const mail of mails) {
      expect(mail.Attachments).toBe(1);
      const full = await inbox<MailpitMessage>(`/api/v1/message/${mail.ID}`);
      expect(full.Attachments).toEqual([
        expect.objectContaining({ FileName: `checkpoint-${checkpoint.size}.txt`, ContentType: 'text/plain' }),
      ]);
      const attached = await (
        await fetch(`${mailpit.inboxUrl}/api/v1/message/${mail.ID}/part/${full.Attachments[0]!.PartID}`)
      ).text();
      expect(attached).toBe(checkpoint.note);
      const findings = verifyFiles({ keys: [publicKey], checkpoints: [attached], witnessKeys: [] });
      expect(findings).toEqual([expect.objectContaining({ ok: true, check: `checkpoint size ${checkpoint.size}` })]);
    }
  });
});
