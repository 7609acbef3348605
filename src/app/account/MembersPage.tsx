// /members (admins): invite someone with a role (the link is shown once, to send by hand), list the
// members, change a role, sign a member out on every device.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { useT } from '../../i18n';
import { ApiError } from '../../sync/api';
import {
  changeRole,
  fetchMembers,
  inviteMember,
  revokeSessions,
  type Member,
  type WorkspaceRole,
} from '../../sync/accountsApi';
import { AccountLayout } from './AccountLayout';
import { ROLES, roleLabel } from './roles';
import { ensureAccountLoaded, useAccount } from './useAccount';

const messageOf = (caught: unknown): string => (caught instanceof Error ? caught.message : String(caught));

export function MembersPage() {
  const t = useT();
  const me = useAccount((state) => state.me);
  useEffect(ensureAccountLoaded, []);
  useEffect(() => {
    document.title = `${t('members.heading')} · Percorso`;
  }, [t]);
  if (me === undefined)
    return (
      <AccountLayout wide>
        <p className="muted" aria-busy="true">
          {t('members.loading')}
        </p>
      </AccountLayout>
    );
  if (!me?.member || me.member.role !== 'admin')
    return (
      <AccountLayout>
        <h1>{t('members.heading')}</h1>
        <p role="alert">{t('members.adminOnly')}</p>
        {!me?.member && <Link href="/sign-in?next=/members">{t('account.signIn')}</Link>}
      </AccountLayout>
    );
  return (
    <AccountLayout wide>
      <h1>{t('members.heading')}</h1>
      <p className="muted">{t('members.lead')}</p>
      <InviteForm />
      <MemberList selfId={me.member.id} />
    </AccountLayout>
  );
}

function InviteForm() {
  const t = useT();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<WorkspaceRole>('editor');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [invite, setInvite] = useState<{ email: string; link: string } | null>(null);
  const [copied, setCopied] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      const created = await inviteMember(email, role);
      setInvite({ email: created.email, link: created.link });
      setEmail('');
    } catch (caught) {
      setError(t('members.actionFailed', { message: messageOf(caught) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('members.inviteHeading')}</h2>
      <form className="members-invite" onSubmit={onSubmit}>
        <label>
          {t('members.inviteEmail')}
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          {t('members.inviteRole')}
          <select value={role} onChange={(e) => setRole(e.target.value as WorkspaceRole)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(t, r)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('account.busy') : t('members.invite')}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {invite && (
        <div className="members-notice" role="status">
          <p>{t('members.inviteLink', { email: invite.email })}</p>
          <div className="invite-link">
            <input readOnly value={invite.link} aria-label={t('members.inviteLink', { email: invite.email })} />
            <button
              type="button"
              onClick={() =>
                void navigator.clipboard?.writeText(invite.link).then(
                  () => setCopied(true),
                  () => undefined,
                )
              }
            >
              {copied ? t('members.copied') : t('members.copy')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function MemberList({ selfId }: { selfId: string }) {
  const t = useT();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(() => {
    fetchMembers().then(
      ({ members }) => setMembers(members),
      (caught: unknown) => setError(t('members.failed', { message: messageOf(caught) })),
    );
  }, [t]);
  useEffect(load, [load]);

  const act = async (action: () => Promise<string>) => {
    setError(null);
    setNotice(null);
    try {
      setNotice(await action());
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.code === 'last_admin'
          ? t('members.lastAdmin')
          : t('members.actionFailed', { message: messageOf(caught) }),
      );
    }
    load();
  };

  if (!members && !error)
    return (
      <p className="muted" aria-busy="true">
        {t('members.loading')}
      </p>
    );
  return (
    <section aria-label={t('members.heading')}>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="members-notice" role="status">
          {notice}
        </p>
      )}
      {members && (
        <table className="members-table">
          <thead>
            <tr>
              <th scope="col">{t('members.name')}</th>
              <th scope="col">{t('account.email')}</th>
              <th scope="col">{t('members.inviteRole')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('members.revoke')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id} data-testid="member-row">
                <td title={m.name}>
                  {m.name} {m.id === selfId && <span className="muted">{t('members.you')}</span>}
                </td>
                <td title={m.email}>{m.email}</td>
                <td>
                  <select
                    aria-label={t('members.roleOf', { name: m.name })}
                    value={m.role}
                    onChange={(e) => {
                      const role = e.target.value as WorkspaceRole;
                      void act(async () => {
                        await changeRole(m.id, role);
                        return t('members.roleChanged', { name: m.name, role: roleLabel(t, role) });
                      });
                    }}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {roleLabel(t, r)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() => {
                      if (!window.confirm(t('members.revokeConfirm', { name: m.name }))) return;
                      void act(async () => {
                        const { revoked } = await revokeSessions(m.id);
                        return t('members.revoked', { name: m.name, n: revoked });
                      });
                    }}
                  >
                    {t('members.revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
