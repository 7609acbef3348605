// Runs a metric command and turns a refusal into a message shown beside the field (not a toast):
// the range is checked here first so the message is in the reader's language; any other ModelError
// keeps the model's words.
import { useCallback, useState } from 'react';
import { isModelError, type MetricDef } from '../../model';
import { useT } from '../../i18n';
import { useMetricText } from '../../state/metrics/format';

export function useMetricCommand() {
  const t = useT();
  const text = useMetricText();
  const [error, setError] = useState<string | null>(null);
  const inRange = useCallback(
    (def: MetricDef, value: number): boolean => {
      if ((def.min !== undefined && value < def.min) || (def.max !== undefined && value > def.max)) {
        const bound = (v: number | undefined, open: string) => (v === undefined ? open : text.number(v));
        setError(
          t('metrics.err.range', { metric: text.label(def), min: bound(def.min, '−∞'), max: bound(def.max, '∞') }),
        );
        return false;
      }
      return true;
    },
    [t, text],
  );
  const attempt = useCallback((command: () => unknown): boolean => {
    try {
      command();
      setError(null);
      return true;
    } catch (e) {
      if (!isModelError(e)) throw e;
      setError(e.message);
      return false;
    }
  }, []);
  const notANumber = useCallback((value: string) => setError(t('metrics.err.notNumber', { text: value })), [t]);
  return { error, setError, inRange, attempt, notANumber };
}
