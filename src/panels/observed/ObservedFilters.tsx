// The overlay's filters: a time range, one value per attribute (segment, persona…) and the minimum
// number of customers a step needs to be drawn.
import { useEffect, useState } from 'react';
import { X } from 'lucide-react';
import { flowsOf, useObserved } from '../../state/observed/observedStore';
import { useT } from '../../i18n';
import { Field } from '../../ui/fields';

/** datetime-local (local time, no zone) ↔ ISO 8601 in UTC. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : '');
function toLocal(iso: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function ObservedFilters() {
  const t = useT();
  const filters = useObserved((state) => state.filters);
  const setFilters = useObserved((state) => state.setFilters);
  const minCases = useObserved((state) => state.minCases);
  const setMinCases = useObserved((state) => state.setMinCases);
  const flows = useObserved(flowsOf);
  const maxCases = Math.max(1, ...(flows?.edges.map((e) => e.cases) ?? [1]));
  const attributes = flows?.attributes ?? {};
  const [attrName, setAttrName] = useState('');
  const [attrValue, setAttrValue] = useState('');
  useEffect(() => {
    if (minCases > maxCases) setMinCases(maxCases);
  }, [minCases, maxCases, setMinCases]);
  const addAttr = () => {
    if (!attrName.trim() || !attrValue.trim()) return;
    setFilters({ attrs: { ...filters.attrs, [attrName.trim()]: attrValue.trim() } });
    setAttrValue('');
  };
  const removeAttr = (name: string) => {
    const { [name]: _gone, ...rest } = filters.attrs;
    setFilters({ attrs: rest });
  };
  const names = Object.keys(attributes).sort();
  return (
    <div className="observed-filters" data-testid="observed-filters">
      <div className="observed-filter-row is-dates">
        <Field label={t('observed.from')}>
          {(id) => (
            <input
              id={id}
              type="datetime-local"
              value={toLocal(filters.from)}
              onChange={(e) => setFilters({ from: toIso(e.target.value) })}
            />
          )}
        </Field>
        <Field label={t('observed.to')}>
          {(id) => (
            <input
              id={id}
              type="datetime-local"
              value={toLocal(filters.to)}
              onChange={(e) => setFilters({ to: toIso(e.target.value) })}
            />
          )}
        </Field>
      </div>
      <div className="observed-filter-row">
        <Field label={t('observed.attribute')}>
          {(id) =>
            names.length > 0 ? (
              <select
                id={id}
                value={attrName}
                onChange={(e) => {
                  setAttrName(e.target.value);
                  setAttrValue('');
                }}
              >
                <option value="">{t('observed.import.choose')}</option>
                {names.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                value={attrName}
                onChange={(e) => setAttrName(e.target.value)}
                placeholder={t('observed.attributeHint')}
                maxLength={100}
              />
            )
          }
        </Field>
        <Field label={t('observed.value')}>
          {(id) =>
            // the values the log has for the chosen name, as choices; free text only when none are known
            attrName && attributes[attrName] ? (
              <select id={id} value={attrValue} onChange={(e) => setAttrValue(e.target.value)}>
                <option value="">{t('observed.import.choose')}</option>
                {attributes[attrName].map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                value={attrValue}
                onChange={(e) => setAttrValue(e.target.value)}
                onKeyDown={(e) => e.key === 'Enter' && addAttr()}
                maxLength={200}
              />
            )
          }
        </Field>
        <button
          type="button"
          className="observed-add-filter"
          onClick={addAttr}
          disabled={!attrName.trim() || !attrValue.trim()}
        >
          {t('observed.addFilter')}
        </button>
      </div>
      {Object.keys(filters.attrs).length > 0 && (
        <ul className="observed-chips" aria-label={t('observed.activeFilters')}>
          {Object.entries(filters.attrs).map(([name, value]) => (
            <li key={name}>
              {name} = {value}
              <button
                type="button"
                className="icon-button"
                aria-label={t('observed.removeFilter', { name })}
                onClick={() => removeAttr(name)}
              >
                <X size={12} aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      )}
      <Field label={t('observed.minCases', { n: minCases })}>
        {(id) => (
          <input
            id={id}
            type="range"
            min={1}
            max={maxCases}
            value={Math.min(minCases, maxCases)}
            onChange={(e) => setMinCases(Number(e.target.value))}
            data-testid="observed-min-cases"
          />
        )}
      </Field>
    </div>
  );
}
