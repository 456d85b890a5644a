/**
 * The notification dispatcher of `npm start`: e-mail through SMTP_URL, or, without it, the
 * local Mailpit from the tools cache (its SMTP and web inbox printed), or, without that either, in the app only.
 */
import { z } from 'zod';
import { SMTP_CONNECTIONS, smtpMailer, type Mailer } from '../activities/mailer';
import { NotificationDispatcher } from '../activities/notification-dispatcher';
import { composeNoticeMail } from '../labels/notifications';
import type { PrismaClient } from '../prisma/database';
import { ConfigError, redactUrl } from './config';
import { mailpitExecutable, startMailpit } from './mailpit';
import { NotificationLoop } from './notification-loop';

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
const port = z.coerce.number().int().min(1).max(65535);

/** The settings of e-mail notifications, read apart from worker/config.ts: they concern only this module. */
const mailSettings = z.object({
  SMTP_URL: optional(z.string().regex(/^smtps?:\/\/./, 'SMTP_URL must be an smtp:// or smtps:// URL')),
  MAIL_FROM: optional(z.string().min(3)),
  APP_URL: optional(z.url({ error: 'APP_URL must be the http(s) address of the app, e.g. https://diaban.example' })),
  MAILPIT_SMTP_PORT: optional(port),
  MAILPIT_UI_PORT: optional(port),
  NOTIFY_POLL_MS: optional(z.coerce.number().int().min(50).max(600_000)),
});

export interface Notifications {
  close(): Promise<void>;
}

export async function startNotifications({
  prisma,
  dataDir,
  apiUrl,
  env = process.env,
  log,
}: {
  prisma: PrismaClient;
  dataDir: string;
  /** The API's own address: the links of the mails, unless APP_URL says where users reach it. */
  apiUrl: string;
  env?: NodeJS.ProcessEnv;
  log: (line: string) => void;
}): Promise<Notifications> {
  const parsed = mailSettings.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const setting = String(issue.path[0]);
    throw new ConfigError(setting, `${setting}: ${issue.message}`);
  }
  const settings = parsed.data;
  const closers: (() => Promise<void>)[] = [];
  let mailer: Mailer | undefined;
  const from = settings.MAIL_FROM ?? 'Địa bàn <dia-ban@localhost>';
  if (settings.SMTP_URL) {
    mailer = smtpMailer(settings.SMTP_URL, from);
    log(`e-mail       SMTP_URL=${redactUrl(settings.SMTP_URL)} (from ${from})`);
  } else if (env.NODE_ENV === 'production') {
    // A dev inbox in production would swallow real notices: without SMTP_URL they stay in the app, said once.
    log('e-mail off: NODE_ENV=production and no SMTP_URL; notifications in the app only');
  } else {
    const exe = mailpitExecutable();
    // The dev inbox is a convenience: when it cannot start, the service runs on with notifications in the app only.
    const mailpit = exe
      ? await startMailpit(exe, {
          dataDir,
          smtpPort: settings.MAILPIT_SMTP_PORT,
          uiPort: settings.MAILPIT_UI_PORT,
          log,
        }).catch((error: unknown) => {
          log(`e-mail off: Mailpit did not start (${error instanceof Error ? error.message : String(error)})`);
          return undefined;
        })
      : undefined;
    if (mailpit) {
      closers.push(() => mailpit.close());
      mailer = smtpMailer(mailpit.smtpUrl, from);
      log(
        `mail inbox   ${mailpit.inboxUrl}/api/v1/messages (Mailpit; SMTP ${mailpit.smtpUrl.slice('smtp://'.length)};` +
          ' set SMTP_URL in production)',
      );
    } else if (!exe) {
      log('e-mail off: no SMTP_URL and no Mailpit (`npm run setup` builds it with Go); notifications in the app only');
    }
  }
  if (mailer) closers.unshift(async () => mailer.close());
  const dispatcher = new NotificationDispatcher(prisma, {
    mailer,
    compose: composeNoticeMail(settings.APP_URL ?? apiUrl),
    // As many e-mails under way as the mailer has connections: a burst is not sent one round trip at a time.
    sendsAtOnce: SMTP_CONNECTIONS,
    log,
  });
  const loop = new NotificationLoop(dispatcher, settings.NOTIFY_POLL_MS ?? 2_000, log).start();
  closers.unshift(() => loop.stop());
  return {
    async close() {
      for (const close of closers) await close();
    },
  };
}
