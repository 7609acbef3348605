// The overlay's key on the canvas (what width, colour and dashes mean) with its state: loading,
// an error with a retry, or no events yet.
import { useState } from 'react';
import { ChevronDown, ChevronUp, Loader2, RotateCw } from 'lucide-react';
import { flowsOf, useObserved } from '../../state/observed/observedStore';
import { useT } from '../../i18n';

export function ObservedLegend() {
  const t = useT();
  const load = useObserved((state) => state.flows);
  const flows = useObserved(flowsOf);
  const refresh = useObserved((state) => state.refresh);
  const [open, setOpen] = useState(true); // folded, it leaves the map below it free
  return (
    <div className="observed-legend" data-testid="observed-legend" role="group" aria-label={t('observed.legend')}>
      <strong className="observed-legend-title">
        {t('observed.title')}
        {load.status === 'loading' && <Loader2 size={13} className="spin" aria-label={t('observed.loading')} />}
        <button
          type="button"
          className="icon-button observed-legend-fold"
          aria-expanded={open}
          aria-label={t(open ? 'observed.keyHide' : 'observed.keyShow')}
          title={t(open ? 'observed.keyHide' : 'observed.keyShow')}
          onClick={() => setOpen(!open)}
        >
          {open ? <ChevronDown size={14} aria-hidden /> : <ChevronUp size={14} aria-hidden />}
        </button>
      </strong>
      {flows && (
        <span className="observed-legend-count">
          {t('observed.totals', { cases: flows.cases, events: flows.events })}
        </span>
      )}
      {open && <ObservedKey />}
      {load.status === 'error' && (
        <span className="observed-legend-error" role="alert">
          {load.message}{' '}
          <button type="button" onClick={() => void refresh()}>
            <RotateCw size={12} aria-hidden /> {t('app.retry')}
          </button>
        </span>
      )}
      {flows && flows.events === 0 && <span className="observed-legend-empty">{t('observed.noEvents')}</span>}
    </div>
  );
}

/** The key itself (also drawn under an exported picture). */
export function ObservedKey() {
  const t = useT();
  return (
    <ul className="observed-key">
      <li>
        <svg width="36" height="12" aria-hidden>
          <path d="M 2 6 H 34" className="observed-key-line is-designed" strokeWidth="6" />
        </svg>
        {t('observed.keyDesigned')}
      </li>
      <li>
        <svg width="36" height="12" aria-hidden>
          <path d="M 2 6 H 34" className="observed-key-line is-detour" strokeWidth="4" />
        </svg>
        {t('observed.keyDetour')}
      </li>
      <li>
        <svg width="36" height="12" aria-hidden>
          <path d="M 2 6 H 34" className="observed-key-line is-unused" strokeWidth="2" />
        </svg>
        {t('observed.keyUnused')}
      </li>
      <li>{t('observed.keyWidth')}</li>
    </ul>
  );
}
