import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<delivery-id@dia-ban>`: the same on every attempt of one delivery, so a resent mail is recognisably the same. */
  messageId: string;
  language: 'vi' | 'en';
  /** The notice's template (`monthly.plan.reminder`), for the recipients' mail filters. */
  template: string;
  /** Files sent with it (an audit checkpoint's signed note). */
  attachments?: { filename: string; contentType: string; content: string }[] | undefined;
}

/** Sends one e-mail; resolves once the SMTP server has accepted it (250 to DATA). */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** How many SMTP connections one mailer keeps open and sends over at once (the dispatcher's sends in flight). */
export const SMTP_CONNECTIONS = 4;

/**
 * A nodemailer SMTP transport on `smtpUrl` (smtp://user:pass@host:587, smtps://… for implicit TLS), pooled: up to
 * SMTP_CONNECTIONS connections kept open and reused, instead of a connection, greeting and TLS handshake a mail.
 */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: SMTP_CONNECTIONS });
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        ...(mail.attachments?.length && { attachments: mail.attachments }),
        headers: {
          'Content-Language': mail.language,
          'Auto-Submitted': 'auto-generated',
          'X-Dia-Ban-Notice': mail.template,
        },
      });
    },
    close: () => transport.close(),
  };
}
