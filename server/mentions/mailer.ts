// E-mail for mentions, through the SMTP server of SMTP_URL (nodemailer). Sending never blocks the
// room: the notifier calls it after the mention is stored, and a failure is only logged.
import type { Transporter } from 'nodemailer';

export interface MailConfig {
  /** smtp://user:pass@host:port or smtps://… */
  url: string;
  /** The From header, e.g. "Percorso <maps@example.com>". */
  from: string;
}

export interface MentionMail {
  to: string;
  /** Who wrote the comment, as written. */
  author: string;
  mapTitle: string;
  nodeLabel: string;
  excerpt: string;
  /** Where the comment opens (absolute when PUBLIC_ORIGIN is set, else the path). */
  link: string;
}

export interface Mailer {
  sendMention(mail: MentionMail): Promise<void>;
  close(): void;
}

/** Plain text only: nothing a user typed ever becomes HTML in a mail. */
function mentionText(mail: MentionMail): string {
  return [
    `${mail.author} mentioned you in a comment on “${mail.nodeLabel}” (map “${mail.mapTitle}”):`,
    '',
    mail.excerpt,
    '',
    `Open it: ${mail.link}`,
  ].join('\n');
}

/** A header value on one line: no CR/LF from a title or a name can start a new header. */
const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ').slice(0, 150);

export function smtpMailer(config: MailConfig): Mailer {
  // nodemailer is loaded with the first mail, not with every server (most never send one)
  let transport: Promise<Transporter> | null = null;
  const open = (): Promise<Transporter> =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(config.url)));
  return {
    async sendMention(mail) {
      await (
        await open()
      ).sendMail({
        from: config.from,
        to: mail.to,
        subject: oneLine(`${mail.author} mentioned you on “${mail.mapTitle}”`),
        text: mentionText(mail),
      });
    },
    close: () => void transport?.then((t) => t.close()),
  };
}
