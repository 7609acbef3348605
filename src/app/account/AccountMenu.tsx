// The header's account corner: "Sign in" for a visitor of a server with accounts; the member's name,
// "Members" for admins, and "Sign out" once signed in. On a server without accounts: nothing, or
// (home page) a quiet link to set up the team.
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { LogOut, UserRound, Users } from 'lucide-react';
import { useT } from '../../i18n';
import { signOut } from '../../sync/accountsApi';
import { ensureAccountLoaded, useAccount } from './useAccount';
import './account.css';

export function AccountMenu({ offerSetup = false }: { offerSetup?: boolean }) {
  const t = useT();
  const me = useAccount((state) => state.me);
  const [busy, setBusy] = useState(false);
  useEffect(ensureAccountLoaded, []);
  if (!me) return null;
  if (me.setupNeeded && !me.member) {
    return offerSetup ? (
      <Link href="/sign-in" className="account-link">
        <Users size={16} aria-hidden /> {t('account.setupLink')}
      </Link>
    ) : null;
  }
  if (!me.member) {
    return (
      <Link href="/sign-in" className="account-link">
        <UserRound size={16} aria-hidden /> {t('account.signIn')}
      </Link>
    );
  }
  const onSignOut = async () => {
    setBusy(true);
    await signOut().catch(() => undefined);
    window.location.assign('/'); // a fresh page: no open map keeps the old session's connection
  };
  return (
    <div className="account-menu" data-testid="account-menu">
      <span className="account-name" title={t('account.signedInAs', { name: me.member.name })}>
        <UserRound size={16} aria-hidden />
        <span className="account-name-text">{me.member.name}</span>
      </span>
      {me.member.role === 'admin' && (
        <Link href="/members" className="account-link">
          <Users size={16} aria-hidden /> {t('account.members')}
        </Link>
      )}
      <button type="button" className="account-signout" onClick={() => void onSignOut()} disabled={busy}>
        <LogOut size={16} aria-hidden /> {t('account.signOut')}
      </button>
    </div>
  );
}
