// "Import a map from a file" on the home page: a bundle (.zip, with media) or a journey file (.json)
// becomes a new map, which then opens.
import { useState, type ChangeEvent } from 'react';
import { Upload } from 'lucide-react';
import { useLocation } from 'wouter';
import { useT } from '../../i18n';
import { ImportError, importMapFile } from './importMap';
import './templates.css';

export function ImportMapButton() {
  const t = useT();
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // the same file can be chosen again after a fix
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const id = await importMapFile(file, t);
      navigate(`/map/${id}`);
    } catch (caught) {
      setError(
        caught instanceof ImportError ? caught.message : t('templates.importFailed', { reason: String(caught) }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="import-map">
      <label className="button-like">
        <Upload size={15} aria-hidden /> {busy ? t('templates.importing') : t('templates.import')}
        <input
          type="file"
          accept=".json,.zip,application/json,application/zip"
          disabled={busy}
          onChange={(event) => void onFile(event)}
          data-testid="import-map-input"
        />
      </label>
      <span className="muted">{t('templates.importHint')}</span>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
