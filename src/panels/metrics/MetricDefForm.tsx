// Add or edit a metric definition: label, key, unit, which direction is better, green and red
// thresholds and the optional valid range. Errors are shown in the form, nothing is written until valid.
import { useState } from 'react';
import { isModelError, setMetricDef, type MetricDef } from '../../model';
import { useMap } from '../../state/session';
import { useT } from '../../i18n';
import { Field } from '../../ui/fields';
import { EMPTY_DRAFT, defFromDraft, draftOf, keyFromLabel, type DefDraft } from './defDraft';

interface Props {
  /** The definition being edited, or undefined to add one. */
  editing?: MetricDef;
  existingKeys: ReadonlySet<string>;
  onDone: () => void;
}

export function MetricDefForm({ editing, existingKeys, onDone }: Props) {
  const { doc } = useMap();
  const t = useT();
  const [draft, setDraft] = useState<DefDraft>(() => (editing ? draftOf(editing) : EMPTY_DRAFT));
  const [keyTouched, setKeyTouched] = useState(Boolean(editing));
  const [error, setError] = useState<string | null>(null);
  const change = (patch: Partial<DefDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const save = () => {
    const result = defFromDraft(draft, t, false);
    if ('error' in result) return setError(result.error);
    if (!editing && existingKeys.has(result.def.key))
      return setError(t('metrics.defs.err.taken', { key: result.def.key }));
    try {
      setMetricDef(doc, result.def);
      onDone();
    } catch (e) {
      if (!isModelError(e)) throw e;
      setError(e.message);
    }
  };
  const text = (field: 'unit' | 'green' | 'red' | 'min' | 'max', label: string, hint?: string) => (
    <Field label={label} hint={hint}>
      {(id) => (
        <input
          id={id}
          value={draft[field]}
          inputMode={field === 'unit' ? undefined : 'decimal'}
          onChange={(e) => change({ [field]: e.target.value })}
        />
      )}
    </Field>
  );
  return (
    <form
      className="def-form"
      aria-label={t(editing ? 'metrics.defs.editTitle' : 'metrics.defs.addTitle')}
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <div className="is-wide">
        <Field label={t('metrics.defs.label')}>
          {(id) => (
            <input
              id={id}
              value={draft.label}
              maxLength={200}
              onChange={(e) =>
                change({ label: e.target.value, ...(keyTouched ? {} : { key: keyFromLabel(e.target.value) }) })
              }
            />
          )}
        </Field>
      </div>
      <Field label={t('metrics.defs.key')} hint={t('metrics.defs.keyHint')}>
        {(id) => (
          <input
            id={id}
            value={draft.key}
            disabled={Boolean(editing)}
            maxLength={40}
            onChange={(e) => {
              setKeyTouched(true);
              change({ key: e.target.value });
            }}
          />
        )}
      </Field>
      {text('unit', t('metrics.defs.unit'))}
      <Field label={t('metrics.defs.better')}>
        {(id) => (
          <select
            id={id}
            value={draft.better}
            onChange={(e) => change({ better: e.target.value === 'lower' ? 'lower' : 'higher' })}
          >
            <option value="higher">{t('metrics.better.higher')}</option>
            <option value="lower">{t('metrics.better.lower')}</option>
          </select>
        )}
      </Field>
      <Field label={t('metrics.defs.neutral')}>
        {(id) => (
          <select
            id={id}
            value={draft.neutral ? 'yes' : 'no'}
            onChange={(e) => change({ neutral: e.target.value === 'yes' })}
          >
            <option value="no">{t('metrics.defs.coloured')}</option>
            <option value="yes">{t('metrics.defs.notColoured')}</option>
          </select>
        )}
      </Field>
      {text(
        'green',
        t('metrics.defs.green'),
        t(draft.better === 'higher' ? 'metrics.defs.greenHintHigher' : 'metrics.defs.greenHintLower'),
      )}
      {text(
        'red',
        t('metrics.defs.red'),
        t(draft.better === 'higher' ? 'metrics.defs.redHintHigher' : 'metrics.defs.redHintLower'),
      )}
      {text('min', t('metrics.defs.min'), t('metrics.defs.optional'))}
      {text('max', t('metrics.defs.max'), t('metrics.defs.optional'))}
      {error && (
        <p className="metric-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          {t('metrics.cancel')}
        </button>
        <button type="submit" className="primary">
          {t(editing ? 'metrics.defs.save' : 'metrics.defs.create')}
        </button>
      </div>
    </form>
  );
}
