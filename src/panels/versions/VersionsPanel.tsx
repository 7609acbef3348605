// Named versions of the map: save one, preview any read-only, restore one as a new change on top
// (the server keeps a backup of the map just before, so a restore can be undone by restoring that).
import { memo, useCallback, useEffect, useState, type FormEvent } from 'react';
import { Eye, RotateCcw, Save } from 'lucide-react';
import { useMap } from '../../state/session';
import { ApiError, listVersions, restoreVersion, saveVersion, type VersionInfo } from '../../sync/api';
import { useUi } from '../../state/uiStore';
import { useT } from '../../i18n';
import { VersionPreview } from './VersionPreview';

export const VersionsPanel = memo(function VersionsPanel() {
  const t = useT();
  const { mapId, mapKey, readOnly } = useMap();
  const notify = useUi((state) => state.notify);
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<VersionInfo | null>(null);

  const load = useCallback(async () => {
    try {
      setVersions(await listVersions(mapId, mapKey));
      setError(null);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    }
  }, [mapId, mapKey]);
  useEffect(() => void load(), [load]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    try {
      await saveVersion(mapId, mapKey, name.trim());
      setName('');
      notify(t('versions.saved'), 'info');
      await load();
    } catch (caught) {
      notify(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };
  const restore = async (version: VersionInfo) => {
    if (!window.confirm(t('versions.confirmRestore', { name: version.name }))) return;
    setBusy(true);
    try {
      const { backup } = await restoreVersion(mapId, mapKey, version.id);
      notify(t('versions.restored', { name: version.name, backup: backup.name }), 'info');
      setPreview(null);
      await load();
    } catch (caught) {
      notify(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <aside className="panel" aria-label={t('versions.panel')} data-testid="versions-panel">
      <header className="panel-header">
        <h2>{t('versions.panel')}</h2>
      </header>
      {!readOnly && (
        <form className="version-save" onSubmit={save}>
          <input
            aria-label={t('versions.name')}
            placeholder={t('versions.namePlaceholder')}
            value={name}
            maxLength={120}
            onChange={(event) => setName(event.target.value)}
          />
          <button type="submit" className="primary" disabled={busy || !name.trim()}>
            <Save size={15} aria-hidden /> {t('versions.save')}
          </button>
        </form>
      )}
      {error && <p className="form-error">{error}</p>}
      {versions === null && !error && <p className="muted panel-empty">{t('home.loading')}</p>}
      {versions?.length === 0 && <p className="muted panel-empty">{t('versions.none')}</p>}
      <ul className="version-list">
        {versions?.map((version) => (
          <li key={version.id} className="version">
            <span className="version-name">
              {version.name}
              {version.auto && <span className="version-auto">{t('versions.auto')}</span>}
            </span>
            <time className="muted small" dateTime={version.createdAt}>
              {new Date(version.createdAt).toLocaleString()}
            </time>
            <span className="version-actions">
              <button
                type="button"
                onClick={() => setPreview(version)}
                aria-label={t('a11y.previewOf', { name: version.name })}
              >
                <Eye size={14} aria-hidden /> {t('versions.preview')}
              </button>
              {!readOnly && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void restore(version)}
                  aria-label={t('versions.restoreOf', { name: version.name })}
                >
                  <RotateCcw size={14} aria-hidden /> {t('versions.restore')}
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
      {preview && (
        <VersionPreview
          version={preview}
          onClose={() => setPreview(null)}
          onRestore={readOnly ? undefined : () => void restore(preview)}
        />
      )}
    </aside>
  );
});
