// /invite#token=…: the invitee picks a name and a password and joins (signed in at once). The token
// is read from the fragment (never sent to the server by the browser) and cleared from the address bar.
import { useEffect, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { useT } from '../../i18n';
import { ApiError } from '../../sync/api';
import { acceptInvite, fetchInvite, type WorkspaceRole } from '../../sync/accountsApi';
import { AccountLayout } from './AccountLayout';
import { useAccount } from './useAccount';
import { roleLabel } from './roles';

function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;
}

type Invite = { state: 'loading' } | { state: 'invalid' } | { state: 'ready'; email: string; role: WorkspaceRole };

export function InvitePage() {
  const t = useT();
  const [, navigate] = useLocation();
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [invite, setInvite] = useState<Invite>({ state: 'loading' });
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t('invite.heading')} · Percorso`;
  }, [t]);
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
    if (!token) return setInvite({ state: 'invalid' });
    let cancelled = false;
    fetchInvite(token).then(
      (info) => !cancelled && setInvite({ state: 'ready', ...info }),
      () => !cancelled && setInvite({ state: 'invalid' }),
    );
    return () => {
      cancelled = true;
    };
  }, [token]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!token) return;
    setBusy(true);
    setError(null);
    try {
      const { member } = await acceptInvite(token, name, password);
      useAccount.getState().set({ member, setupNeeded: false, sso: useAccount.getState().me?.sso ?? false });
      navigate('/');
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('account.offline'));
    } finally {
      setBusy(false);
    }
  };

  if (invite.state === 'loading')
    return (
      <AccountLayout>
        <p className="muted" aria-busy="true">
          {t('invite.loading')}
        </p>
      </AccountLayout>
    );
  if (invite.state === 'invalid')
    return (
      <AccountLayout>
        <h1>{t('invite.heading')}</h1>
        <p className="form-error" role="alert">
          {t('invite.invalid')}
        </p>
      </AccountLayout>
    );
  return (
    <AccountLayout>
      <h1>{t('invite.heading')}</h1>
      <p className="muted">{t('invite.lead', { role: roleLabel(t, invite.role), email: invite.email })}</p>
      <form className="account-form" onSubmit={onSubmit}>
        <label>
          {t('account.name')}
          <input
            autoComplete="name"
            required
            maxLength={80}
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label>
          {t('account.password')}
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <span className="hint">{t('account.passwordHint')}</span>
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('account.busy') : t('invite.accept')}
        </button>
      </form>
    </AccountLayout>
  );
}
