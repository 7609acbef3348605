// Settings of accounts and sign-in (SESSION_DAYS, ALLOW_ANONYMOUS_MAPS, OIDC_*) and of the members'
// mention e-mails (SMTP_URL, MAIL_FROM), read with the rest of the server's environment (config.ts).
import type { MailConfig } from '../mentions/mailer';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface AccountsConfig {
  /** How long a sign-in lasts (days); the cookie and the stored session end together. */
  sessionDays: number;
  /** Anyone may still create maps once accounts exist (the behaviour of a server without accounts). */
  allowAnonymousMaps: boolean;
  /** Single sign-on with OpenID Connect; null: passwords only. */
  oidc: OidcConfig | null;
  /** Mention e-mails to members; null or absent: the in-app inbox only. */
  mail?: MailConfig | null;
}

export const DEFAULT_ACCOUNTS_CONFIG: AccountsConfig = {
  sessionDays: 14,
  allowAnonymousMaps: false,
  oidc: null,
  mail: null,
};

const DEFAULT_MAIL_FROM = 'Percorso <percorso@localhost>';

function mailConfigFromEnv(env: NodeJS.ProcessEnv, problems: string[]): MailConfig | null {
  const url = env.SMTP_URL?.trim() ?? '';
  const from = env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM;
  if (!url) return null;
  if (!/^smtps?:\/\/[^\s]+$/.test(url)) {
    problems.push('SMTP_URL must be smtp://[user:password@]host[:port] or smtps://… (got another value)');
    return null;
  }
  if (/[\r\n]/.test(from)) problems.push('MAIL_FROM must be one line');
  return { url, from };
}

export function accountsConfigFromEnv(env: NodeJS.ProcessEnv, problems: string[]): AccountsConfig {
  let sessionDays = DEFAULT_ACCOUNTS_CONFIG.sessionDays;
  const rawDays = env.SESSION_DAYS?.trim();
  if (rawDays) {
    const n = Number(rawDays);
    if (Number.isInteger(n) && n >= 1 && n <= 365) sessionDays = n;
    else problems.push(`SESSION_DAYS must be a whole number of days from 1 to 365 (got "${rawDays}")`);
  }
  const anonymous = env.ALLOW_ANONYMOUS_MAPS?.trim() ?? '';
  if (!['', '0', '1'].includes(anonymous)) problems.push(`ALLOW_ANONYMOUS_MAPS must be 0 or 1 (got "${anonymous}")`);
  const issuer = env.OIDC_ISSUER?.trim() ?? '';
  const clientId = env.OIDC_CLIENT_ID?.trim() ?? '';
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim() ?? '';
  let oidc: OidcConfig | null = null;
  if (issuer || clientId || clientSecret) {
    if (!issuer || !clientId || !clientSecret)
      problems.push('OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together: set all three or none');
    else if (!/^https?:\/\//.test(issuer)) problems.push(`OIDC_ISSUER must be an http(s) URL (got "${issuer}")`);
    else oidc = { issuer, clientId, clientSecret };
  }
  return { sessionDays, allowAnonymousMaps: anonymous === '1', oidc, mail: mailConfigFromEnv(env, problems) };
}
