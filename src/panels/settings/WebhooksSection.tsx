// The map's webhooks: each URL with its last delivery (delivered or failed, attempts, time), removing
// one, and adding a URL (its signing secret is shown once).
import { useCallback, useEffect, useState } from 'react';
import { CircleAlert, CircleCheck, CircleDashed, Trash2, Webhook as WebhookIcon } from 'lucide-react';
import { useMap } from '../../state/session';
import { addWebhook, listWebhooks, removeWebhook, type Webhook } from '../../sync/metricsApi';
import { useLanguage, useT } from '../../i18n';
import { formatWhen } from '../../state/metrics/format';
import { CopyButton } from './CopyButton';
import { useApiCall } from './useApiCall';

function HookStatus({ hook }: { hook: Webhook }) {
  const t = useT();
  const language = useLanguage((state) => state.language);
  const when = hook.lastAttemptAt ? formatWhen(hook.lastAttemptAt, language) : '';
  if (!hook.lastAttemptAt) {
    return (
      <span className="hook-status is-pending">
        <CircleDashed size={13} aria-hidden /> {t('settings.hookNever')}
      </span>
    );
  }
  return hook.lastResult === 'delivered' ? (
    <span className="hook-status is-ok">
      <CircleCheck size={13} aria-hidden /> {t('settings.hookOk', { when })}
    </span>
  ) : (
    <span className="hook-status is-failed">
      <CircleAlert size={13} aria-hidden /> {t('settings.hookFailed', { attempts: hook.attempts, when })}
    </span>
  );
}

export function WebhooksSection({ editorKey }: { editorKey: string }) {
  const { mapId } = useMap();
  const t = useT();
  const [hooks, setHooks] = useState<Webhook[] | null>(null);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const { busy, error, runCall } = useApiCall();
  const refresh = useCallback(async () => {
    const list = await runCall(() => listWebhooks(mapId, editorKey));
    if (list) setHooks(list);
  }, [mapId, editorKey, runCall]);
  useEffect(() => void refresh(), [refresh]);
  const add = async () => {
    if (!url.trim()) return;
    const made = await runCall(() => addWebhook(mapId, editorKey, url.trim()));
    if (!made) return;
    setSecret({ url: made.url, secret: made.secret });
    setUrl('');
    await refresh();
  };
  const remove = async (hook: Webhook) => {
    if ((await runCall(() => removeWebhook(mapId, editorKey, hook.id))) === undefined)
      setHooks((list) => list?.filter((h) => h.id !== hook.id) ?? null);
  };
  return (
    <section className="settings-section" aria-labelledby="hooks-title">
      <h3 id="hooks-title">
        <WebhookIcon size={15} aria-hidden /> {t('settings.hooksTitle')}
      </h3>
      <p>{t('settings.hooksLead')}</p>
      {hooks === null && !error && <p aria-busy="true">{t('settings.loading')}</p>}
      {hooks?.length === 0 && <p className="muted">{t('settings.hooksEmpty')}</p>}
      {hooks && hooks.length > 0 && (
        <ul className="hook-list" data-testid="hook-list">
          {hooks.map((hook) => (
            <li key={hook.id} className="hook-item">
              <span className="hook-url">{hook.url}</span>
              <button
                type="button"
                className="icon-button"
                disabled={busy}
                aria-label={t('settings.hookRemove', { url: hook.url })}
                onClick={() => void remove(hook)}
              >
                <Trash2 size={14} aria-hidden />
              </button>
              <HookStatus hook={hook} />
            </li>
          ))}
        </ul>
      )}
      {secret && (
        <>
          <p role="status">{t('settings.secretShownOnce', { url: secret.url })}</p>
          <div className="secret-box">
            <code>{secret.secret}</code>
            <CopyButton text={secret.secret} label={t('settings.copySecret')} />
          </div>
        </>
      )}
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <input
          type="url"
          aria-label={t('settings.hookUrl')}
          placeholder="https://example.com/percorso-alerts"
          value={url}
          onChange={(event) => setUrl(event.target.value)}
        />
        <button type="submit" disabled={busy || !url.trim()}>
          {t('settings.hookAdd')}
        </button>
      </form>
      {error && (
        <p className="metric-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
