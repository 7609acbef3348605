// Home: a form to create a new map, and the maps: the workspace's list for a signed-in member,
// otherwise "my maps" kept in this browser (share links of guests).
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useLocation } from 'wouter';
import { Copy, Map as MapIcon, Plus, Trash2 } from 'lucide-react';
import { listMyMaps, rememberMap, restoreMyMap, takeMap } from '../db/myMaps';
import type { MyMap } from '../db/db';
import { ApiError, createMap } from '../sync/api';
import { duplicateMap } from '../sync/workspaceApi';
import { Brand } from './Brand';
import { LanguageSwitch } from './LanguageSwitch';
import { AccountMenu } from './account/AccountMenu';
import { ensureAccountLoaded, useAccount } from './account/useAccount';
import { WorkspaceMaps } from './workspace/WorkspaceMaps';
import { useT } from '../i18n';
import { relativeTime } from '../ui/relativeTime';
import { MemberInbox } from './inbox/MemberInbox';
import type { TemplateId } from '../model';
import { TemplatePicker } from './templates/TemplatePicker';
import { ImportMapButton } from './templates/ImportMapButton';
import { mapUrlWithTemplate } from './templates/useApplyTemplate';

export function HomePage() {
  const member = useAccount((state) => state.me?.member ?? null);
  useEffect(ensureAccountLoaded, []);
  return (
    <HomeLayout
      maps={member ? <WorkspaceMaps key={member.id} /> : <BrowserMaps />}
      inbox={member ? <MemberInbox /> : null}
    />
  );
}

function HomeLayout({ maps: mapsSection, inbox }: { maps: ReactNode; inbox: ReactNode }) {
  const t = useT();
  const [, navigate] = useLocation();
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<TemplateId>('blank');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    const name = title.trim();
    if (!name) return setError(t('home.needTitle'));
    setBusy(true);
    setError(null);
    try {
      const created = await createMap(name);
      await rememberMap({
        id: created.id,
        title: name,
        key: created.editorKey,
        role: 'editor',
        viewerKey: created.viewerKey,
      });
      navigate(mapUrlWithTemplate(created.id, template)); // the map page applies it after its first sync
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('home.createFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="home">
      <header className="topbar">
        <Brand />
        <span className="topbar-spacer" />
        {inbox}
        <AccountMenu offerSetup />
        <LanguageSwitch />
      </header>
      <main className="home-main">
        <section className="home-create" aria-labelledby="create-heading">
          <h1 id="create-heading">{t('home.heading')}</h1>
          <p className="muted">{t('home.lead')}</p>
          <form onSubmit={onCreate} className="create-form">
            <input
              aria-label={t('home.titleLabel')}
              placeholder={t('home.titlePlaceholder')}
              value={title}
              maxLength={200}
              onChange={(event) => setTitle(event.target.value)}
            />
            <button type="submit" className="primary" disabled={busy}>
              <Plus size={16} aria-hidden /> {busy ? t('home.creating') : t('home.create')}
            </button>
          </form>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <TemplatePicker value={template} onChange={setTemplate} disabled={busy} />
          <ImportMapButton />
        </section>
        {mapsSection}
      </main>
    </div>
  );
}

/** "My maps" remembered in this browser: removing one only forgets it here, with Undo. */
function BrowserMaps() {
  const t = useT();
  const maps = useLiveQuery(listMyMaps);
  // the entry removed last, until it is put back (Undo) or another one is removed
  const [removed, setRemoved] = useState<MyMap | null>(null);

  const onRemove = async (id: string) => {
    const entry = await takeMap(id);
    if (entry) setRemoved(entry);
  };

  const onUndo = async () => {
    if (!removed) return;
    await restoreMyMap(removed);
    setRemoved(null);
  };

  const [copyError, setCopyError] = useState<string | null>(null);
  /** The server answers the copy's keys once: remembered here at once, as for a new map. */
  const onDuplicate = async (map: MyMap) => {
    setCopyError(null);
    try {
      const copy = await duplicateMap(map.id, map.key);
      await rememberMap({
        id: copy.id,
        title: copy.title,
        key: copy.editorKey,
        role: 'editor',
        viewerKey: copy.viewerKey,
      });
    } catch (error) {
      setCopyError(error instanceof ApiError ? error.message : t('workspace.actionFailed'));
    }
  };

  return (
    <section aria-labelledby="maps-heading" className="home-list">
      <h2 id="maps-heading">{t('home.myMaps')}</h2>
      {removed && (
        <p className="undo-bar" role="status">
          <span className="undo-text">{t('home.removed', { title: removed.title })}</span>
          <button type="button" onClick={() => void onUndo()}>
            {t('home.undo')}
          </button>
        </p>
      )}
      {copyError && (
        <p className="form-error" role="alert">
          {copyError}
        </p>
      )}
      {maps === undefined ? (
        <p className="muted">{t('home.loading')}</p>
      ) : maps.length === 0 ? (
        <div className="empty-list">
          <MapIcon size={28} aria-hidden />
          <p>{t('home.empty')}</p>
        </div>
      ) : (
        <ul className="map-list">
          {maps.map((map) => (
            <li key={map.id}>
              <Link href={`/map/${map.id}`} className="map-link">
                <span className="map-title">{map.title}</span>
                <span className={`role-badge is-${map.role}`}>
                  {t(map.role === 'editor' ? 'role.editor' : 'role.viewer')}
                </span>
                <span className="muted">{t('home.opened', { when: relativeTime(t, map.lastOpened) })}</span>
              </Link>
              {map.role === 'editor' && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('workspace.duplicate', { title: map.title })}
                  title={t('workspace.duplicateHint')}
                  onClick={() => void onDuplicate(map)}
                >
                  <Copy size={16} aria-hidden />
                </button>
              )}
              <button
                type="button"
                className="icon-button"
                aria-label={t('home.remove', { title: map.title })}
                title={t('home.removeHint')}
                onClick={() => void onRemove(map.id)}
              >
                <Trash2 size={16} aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
