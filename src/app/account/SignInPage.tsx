// /sign-in: signs a member in with email and password (or single sign-on); on a server without any
// account yet it is the first-admin setup instead.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useT, type Translate } from '../../i18n';
import { ApiError } from '../../sync/api';
import { setupWorkspace, signIn, type SignInResult } from '../../sync/accountsApi';
import { AccountLayout } from './AccountLayout';
import { ensureAccountLoaded, useAccount } from './useAccount';

/** Where to go after signing in: a same-site path from ?next=, else home. */
function nextPath(): string {
  const next = new URLSearchParams(window.location.search).get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function refusalMessage(t: Translate, result: Exclude<SignInResult, { ok: true }>): string {
  switch (result.reason) {
    case 'wrong_credentials':
      return t('account.wrongPassword');
    case 'locked':
      return t('account.lockedOut', { minutes: Math.ceil(result.retryAfterSeconds / 60) });
    case 'offline':
      return t('account.offline');
    default:
      return t('account.failed', { message: result.message });
  }
}

export function SignInPage() {
  const t = useT();
  const me = useAccount((state) => state.me);
  const [, navigate] = useLocation();
  useEffect(ensureAccountLoaded, []);
  useEffect(() => {
    document.title = `${t('account.signIn')} · Percorso`;
  }, [t]);

  if (me === undefined) {
    return (
      <AccountLayout>
        <p className="muted" aria-busy="true">
          {t('account.busy')}
        </p>
      </AccountLayout>
    );
  }
  if (me?.member) {
    return (
      <AccountLayout>
        <p>{t('account.alreadyIn', { name: me.member.name })}</p>
        <Link href="/">{t('account.toMaps')}</Link>
      </AccountLayout>
    );
  }
  const done = () => navigate(nextPath());
  return <AccountLayout>{me?.setupNeeded ? <SetupForm onDone={done} /> : <SignInForm onDone={done} />}</AccountLayout>;
}

function SignInForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const me = useAccount((state) => state.me);
  const setMe = useAccount((state) => state.set);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  // coming back from single sign-on that did not sign anyone in (?sso=failed | not_member)
  const [error, setError] = useState<string | null>(() => {
    const sso = new URLSearchParams(window.location.search).get('sso');
    return sso === 'not_member' ? t('account.ssoNotMember') : sso === 'failed' ? t('account.ssoFailed') : null;
  });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await signIn(email, password);
    setBusy(false);
    if (!result.ok) {
      setPassword('');
      return setError(refusalMessage(t, result));
    }
    setMe({ member: result.member, setupNeeded: false, sso: me?.sso ?? false });
    onDone();
  };

  return (
    <>
      <h1>{t('account.signInHeading')}</h1>
      <p className="muted">{t('account.signInLead')}</p>
      {me?.sso && (
        <>
          <a className="account-sso" href={`/api/oidc/login?next=${encodeURIComponent(nextPath())}`}>
            {t('account.sso')}
          </a>
          <p className="account-or">{t('account.or')}</p>
        </>
      )}
      <form className="account-form" onSubmit={onSubmit} aria-describedby={error ? 'sign-in-error' : undefined}>
        <label>
          {t('account.email')}
          <input
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t('account.password')}
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert" id="sign-in-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('account.busy') : t('account.signIn')}
        </button>
      </form>
    </>
  );
}

function SetupForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const setMe = useAccount((state) => state.set);
  const me = useAccount((state) => state.me);
  const [fields, setFields] = useState({ name: '', email: '', password: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = (name: keyof typeof fields) => (e: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [name]: e.target.value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { member } = await setupWorkspace(fields);
      setMe({ member, setupNeeded: false, sso: me?.sso ?? false });
      onDone();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('account.offline'));
      // someone else set it up meanwhile: show the sign-in form
      if (caught instanceof ApiError && caught.status === 409) void useAccount.getState().load();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('account.setupHeading')}</h1>
      <p className="muted">{t('account.setupLead')}</p>
      <form className="account-form" onSubmit={onSubmit}>
        <label>
          {t('account.name')}
          <input autoComplete="name" required maxLength={80} autoFocus value={fields.name} onChange={field('name')} />
        </label>
        <label>
          {t('account.email')}
          <input type="email" autoComplete="username" required value={fields.email} onChange={field('email')} />
        </label>
        <label>
          {t('account.password')}
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            value={fields.password}
            onChange={field('password')}
          />
          <span className="hint">{t('account.passwordHint')}</span>
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('account.busy') : t('account.setupSubmit')}
        </button>
      </form>
    </>
  );
}
