/**
 * The dev mail inbox of `npm start`: the Mailpit the set-up builds into the tools cache starts on
 * free ports, receives a notice's e-mail over SMTP as the dispatcher sends it, shows it in its inbox (API and raw
 * message), and stops with its pid file removed.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../activities/mailer';
import { composeNoticeMail } from '../../labels/notifications';
import { mailpitExecutable, startMailpit } from '../../worker/mailpit';
import { decodeMime } from '../support/smtp-listener';

const exe = mailpitExecutable();
const dataDir = mkdtempSync(path.join(tmpdir(), 'dia-ban-mailpit-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('Mailpit, the dev mail inbox', () => {
  it('receives the notice as sent and shows it in its inbox', async () => {
    if (!exe) throw new Error('no Mailpit: `npm test` builds it (tsx scripts/setup.ts --tests, with Go)');
    const lines: string[] = [];
    const mailpit = await startMailpit(exe, { dataDir, log: (line) => lines.push(line) });
    try {
      expect(existsSync(path.join(dataDir, 'mailpit.pid'))).toBe(true);
      const compose = composeNoticeMail('http://127.0.0.1:3000');
      const mail = compose(
        {
          template: 'monthly.report.escalated',
          payload: { assignmentId: 'a-1', period: '2027-01' },
          areaName: 'Huyện Nam Đàn',
        },
        'en',
      );
      const mailer = smtpMailer(mailpit.smtpUrl, 'Địa bàn <dia-ban@localhost>');
      await mailer.send({
        ...mail,
        to: 'ld-02@btctu.nghean.example',
        messageId: '<nd-test@dia-ban>',
        language: 'en',
        template: 'monthly.report.escalated',
      });
      mailer.close();
      const list = (await (await fetch(`${mailpit.inboxUrl}/api/v1/messages`)).json()) as {
        messages: { ID: string; MessageID: string; Subject: string; To: { Address: string }[] }[];
      };
      expect(list.messages).toMatchObject([
        {
          MessageID: 'nd-test@dia-ban',
          Subject: '[Địa bàn] Escalated: the report for 01/2027 was not filed — area Huyện Nam Đàn',
          To: [{ Address: 'ld-02@btctu.nghean.example' }],
        },
      ]);
      const raw = await (await fetch(`${mailpit.inboxUrl}/api/v1/message/${list.messages[0]!.ID}/raw`)).text();
      expect(raw).toMatch(/^X-Dia-Ban-Notice: monthly\.report\.escalated$/m);
      expect(decodeMime(raw)).toContain('http://127.0.0.1:3000/app/assignments/a-1?month=2027-01');
    } finally {
      await mailpit.close();
    }
    expect(existsSync(path.join(dataDir, 'mailpit.pid'))).toBe(false);
    expect(lines).toEqual([]);
  });
});
