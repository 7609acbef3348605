// A small state machine for one HTTP call of the settings dialog: busy flag and a readable error.
import { useCallback, useState } from 'react';
import { ApiError } from '../../sync/api';
import { useT } from '../../i18n';

export function useApiCall() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const runCall = useCallback(
    async <T>(call: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      setError(null);
      try {
        return await call();
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        setError(e.status === 0 ? t('settings.offline') : e.message);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  return { busy, error, setError, runCall };
}
