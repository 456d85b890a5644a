/**
 * Notifications at the HTTP edge: the bell's list (GET /me/notifications, mark read), the caller's channels and
 * language (GET/PUT /me/preferences), and the administrator's view of failed e-mails and their retry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../activities/mailer';
import { NotificationDispatcher } from '../../activities/notification-dispatcher';
import { composeNoticeMail } from '../../labels/notifications';
import { errorOf, SEEDED_USERS } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import { startActiveAssignment } from '../support/assignments';
import { startSmtpListener } from '../support/smtp-listener';
import { Started } from '../support/started';

interface NotificationPage {
  items: { id: string; template: string; title: string; dueLine: string | null; link: string; readAt: string | null }[];
  unread: number;
  nextCursor: string | null;
}

describe('notifications API', () => {
  let s: ApiSuite;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  const { official, auditor, admin, committee } = SEEDED_USERS;

  // Either may fail to start: the other is closed all the same.
  const started = new Started();
  beforeAll(() =>
    started.closeOnFailure(async () => {
      [s, smtp] = await Promise.all([
        started.add(startApiSuite(), (suite) => suite.close()),
        started.add(startSmtpListener(), (listener) => listener.close()),
      ]);
    }),
  );
  afterAll(() => started.close());

  const dispatcher = (send: 'fails' | 'works') =>
    new NotificationDispatcher(s.h.db.prisma, {
      mailer:
        send === 'works'
          ? smtpMailer(smtp.url, 'Địa bàn <dia-ban@localhost>')
          : {
              send: () => Promise.reject(new Error('550 mailbox unavailable')),
              close() {},
            },
      compose: composeNoticeMail('http://app.test'),
      maxAttempts: 1,
    });

  it('lists the approval in the bell, marks it read; a failed e-mail is the administrator’s to retry', async () => {
    const { h, api } = s;
    const user = await h.db.prisma.user.findUniqueOrThrow({ where: { username: official } });
    await startActiveAssignment(h, {
      assignmentId: 'bell-1',
      areaId: h.people.areas[2]!.id,
      official: { id: user.officialId!, roles: ['OFFICIAL'] },
      proposedBy: h.people.departmentHead,
    });
    for (
      let i = 0;
      i < 50 && (await h.db.prisma.outboxMessage.count({ where: { template: 'assignment.approved' } })) === 0;
      i += 1
    )
      await new Promise((resolve) => setTimeout(resolve, 100));
    await dispatcher('fails').tick();

    const list = await api.call('GET', '/me/notifications', official);
    expect(list.statusCode, list.body).toBe(200);
    const page = list.json<NotificationPage>();
    expect(page.unread).toBe(1);
    expect(page.items).toMatchObject([
      { template: 'assignment.approved', link: '/app/assignments/bell-1', readAt: null },
    ]);
    expect(page.items[0]!.title).toContain('phê duyệt');
    const english = (await api.call('GET', '/me/notifications?lang=en', official)).json<NotificationPage>();
    expect(english.items[0]!.title).toContain('approved');
    const id = page.items[0]!.id;

    expect((await api.call('POST', `/me/notifications/${id}/read`, auditor)).statusCode).toBe(404);
    const read = await api.call('POST', `/me/notifications/${id}/read`, official);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json<{ unread: number }>().unread).toBe(0);
    expect((await api.call('GET', '/me/notifications?unread=true', official)).json<NotificationPage>().items).toEqual(
      [],
    );
    expect(errorOf(await api.call('GET', '/me/notifications?unread=maybe', official)).issues).toMatchObject([
      { path: 'unread' },
    ]);

    // The e-mail failed past its (one) attempt: the administrator sees it and sends it again.
    expect((await api.call('GET', '/admin/outbox', official)).statusCode).toBe(403);
    const failed = await api.call('GET', '/admin/outbox?status=failed', admin);
    expect(failed.statusCode, failed.body).toBe(200);
    const [delivery] = failed.json<{ items: { id: string; template: string; lastError: string; address: string }[] }>()
      .items;
    expect(delivery).toMatchObject({ template: 'assignment.approved', lastError: '550 mailbox unavailable' });
    expect(errorOf(await api.call('GET', '/admin/outbox?status=lost', admin)).issues).toMatchObject([
      { path: 'status' },
    ]);
    expect((await api.call('POST', `/admin/outbox/${delivery!.id}/retry`, admin)).statusCode).toBe(200);
    expect((await api.call('POST', `/admin/outbox/${delivery!.id}/retry`, admin)).statusCode).toBe(409);
    expect((await api.call('POST', '/admin/outbox/nd-nothing/retry', admin)).statusCode).toBe(404);
    await dispatcher('works').tick();
    expect(smtp.mails.map((m) => m.to)).toEqual([[delivery!.address]]);
    expect((await api.call('GET', '/admin/outbox?status=failed', admin)).json<{ items: unknown[] }>().items).toEqual(
      [],
    );
  });

  it('keeps each user’s channels and language; an official’s address is their record’s', async () => {
    const { api } = s;
    const initial = await api.call('GET', '/me/preferences', official);
    expect(initial.json()).toEqual({
      emailNotifications: true,
      language: 'vi',
      email: 'cb-003@btctu.nghean.example',
    });
    const updated = await api.call('PUT', '/me/preferences', official, { emailNotifications: false, language: 'en' });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ emailNotifications: false, language: 'en' });
    expect(errorOf(await api.call('PUT', '/me/preferences', official, { language: 'fr' })).issues).toMatchObject([
      { path: 'language' },
    ]);
    expect(
      errorOf(await api.call('PUT', '/me/preferences', official, { email: 'other@example.org' })).issues,
    ).toMatchObject([{ path: 'email' }]);
    expect(
      errorOf(await api.call('PUT', '/me/preferences', committee, { email: 'not-an-address' })).issues,
    ).toMatchObject([{ path: 'email' }]);
    expect((await api.call('GET', '/me/preferences', committee)).json()).toMatchObject({
      email: 'btv@vinh.nghean.example',
    });
    const committeeAddress = await api.call('PUT', '/me/preferences', committee, { email: 'btv2@vinh.nghean.example' });
    expect(committeeAddress.json()).toMatchObject({ email: 'btv2@vinh.nghean.example', emailNotifications: true });
    expect((await api.call('PUT', '/me/preferences', official, {})).statusCode).toBe(400);
  });
});
