// The map's ingest key for the metrics API: whether one exists, and rotating it (the old key stops
// working at once). A new key is shown once, with a copy button and a curl example.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { KeyRound, RotateCw } from 'lucide-react';
import { useMap } from '../../state/session';
import { getIngestKeyInfo, rotateIngestKey, type IngestKeyInfo } from '../../sync/metricsApi';
import { useLanguage, useT } from '../../i18n';
import { formatWhen } from '../../state/metrics/format';
import { CopyButton } from './CopyButton';
import { useApiCall } from './useApiCall';

export function curlExample(origin: string, mapId: string, key: string, node: string): string {
  const item = JSON.stringify([
    { node, metric: 'csat', value: 4.2, at: new Date().toISOString().slice(0, 10) },
  ]).replace(/'/g, "'\\''");
  return [
    `curl -X POST '${origin}/api/maps/${mapId}/metrics' \\`,
    `  -H 'Authorization: Bearer ${key}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${item}'`,
  ].join('\n');
}

export function IngestKeySection({ editorKey }: { editorKey: string }) {
  const { mapId, store } = useMap();
  const t = useT();
  const language = useLanguage((state) => state.language);
  const [info, setInfo] = useState<IngestKeyInfo | null>(null);
  const [fresh, setFresh] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { busy, error, runCall } = useApiCall();
  // an example node for the curl line: the first touchpoint's label, which the API accepts as well as an id
  const example = useStore(
    store,
    (state) => [...state.modelNodes.values()].find((n) => n.kind === 'touchpoint')?.label ?? 'Calls the contact centre',
  );
  useEffect(() => {
    void runCall(() => getIngestKeyInfo(mapId, editorKey)).then((found) => found && setInfo(found));
  }, [mapId, editorKey, runCall]);
  const rotate = async () => {
    setConfirming(false);
    const made = await runCall(() => rotateIngestKey(mapId, editorKey));
    if (!made) return;
    setFresh(made.ingestKey);
    setInfo({ exists: true, rotatedAt: made.rotatedAt ?? new Date().toISOString() });
  };
  const when = info?.rotatedAt ? formatWhen(info.rotatedAt, language) : '';
  const curl = fresh ? curlExample(window.location.origin, mapId, fresh, example) : '';
  return (
    <section className="settings-section" aria-labelledby="ingest-title">
      <h3 id="ingest-title">
        <KeyRound size={15} aria-hidden /> {t('settings.ingestTitle')}
      </h3>
      <p>{t('settings.ingestLead')}</p>
      {!info && !error && <p aria-busy="true">{t('settings.loading')}</p>}
      {info && !fresh && (
        <p data-testid="ingest-status">
          {info.exists ? t('settings.ingestExists', { when }) : t('settings.ingestNone')}
        </p>
      )}
      {fresh && (
        <>
          <p role="status">{t('settings.ingestShownOnce')}</p>
          <div className="secret-box">
            <code data-testid="ingest-key">{fresh}</code>
            <CopyButton text={fresh} label={t('settings.copyKey')} />
          </div>
          <p>{t('settings.curlLead')}</p>
          <pre className="code-block" data-testid="curl-example">
            {curl}
          </pre>
          <div>
            <CopyButton text={curl} label={t('settings.copyCurl')} />
          </div>
        </>
      )}
      {error && (
        <p className="metric-error" role="alert">
          {error}
        </p>
      )}
      {info && (
        <div className="form-actions" style={{ justifyContent: 'flex-start' }}>
          {confirming ? (
            <>
              <span className="small">{t('settings.rotateWarning')}</span>
              <button type="button" className="primary" disabled={busy} onClick={() => void rotate()}>
                {t('settings.rotateConfirm')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t('metrics.cancel')}
              </button>
            </>
          ) : (
            <button type="button" disabled={busy} onClick={() => (info.exists ? setConfirming(true) : void rotate())}>
              <RotateCw size={14} aria-hidden /> {t(info.exists ? 'settings.rotate' : 'settings.create')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
