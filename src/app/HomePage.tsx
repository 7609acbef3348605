// Home: "my maps" kept in this browser, and a form to create a new map.
import { useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useLocation } from 'wouter';
import { Map as MapIcon, Plus, Trash2 } from 'lucide-react';
import { forgetMap, listMyMaps, rememberMap } from '../db/myMaps';
import { ApiError, createMap } from '../sync/api';
import { Brand } from './Brand';
import { LanguageSwitch } from './LanguageSwitch';
import { AccountMenu } from './account/AccountMenu';
import { useT, type Translate } from '../i18n';
import type { TemplateId } from '../model';
import { TemplatePicker } from './templates/TemplatePicker';
import { ImportMapButton } from './templates/ImportMapButton';
import { mapUrlWithTemplate } from './templates/useApplyTemplate';

function relativeTime(t: Translate, epochMs: number, now = Date.now()): string {
  const minutes = Math.round((now - epochMs) / 60_000);
  if (minutes < 1) return t('home.justNow');
  if (minutes < 60) return t('home.minutesAgo', { n: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 24) return t('home.hoursAgo', { n: hours });
  return new Date(epochMs).toLocaleDateString();
}

export function HomePage() {
  const t = useT();
  const maps = useLiveQuery(listMyMaps);
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
        <section aria-labelledby="maps-heading" className="home-list">
          <h2 id="maps-heading">{t('home.myMaps')}</h2>
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
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('home.remove', { title: map.title })}
                    title={t('home.removeHint')}
                    onClick={() => void forgetMap(map.id)}
                  >
                    <Trash2 size={16} aria-hidden />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}
