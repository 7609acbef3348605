// The "Observed" tab: the journey customers actually take. Switch the overlay on, import a contact
// log (editors), filter, read the channel switches and the most frequent paths, open one customer's
// timeline, and map the log's unknown activities to touchpoints.
import { useState } from 'react';
import { useStore } from 'zustand';
import { Loader2, RotateCw, Trash2 } from 'lucide-react';
import { useMap } from '../../state/session';
import { flowsOf, useObserved } from '../../state/observed/observedStore';
import { deleteEvents } from '../../sync/observedApi';
import { useT } from '../../i18n';
import { ObservedToggle } from '../../canvas/observed/ObservedToggle';
import { ContactLogImportButton } from './ContactLogImport';
import { ObservedFilters } from './ObservedFilters';
import { SwitchList } from './SwitchList';
import { VariantList } from './VariantList';
import { CustomerSearch } from './CustomerTimeline';
import { UnmappedList } from './UnmappedList';
import { useEnsureFlows } from './useEnsureFlows';
import '../../ui/metrics.css';
import '../../canvas/observed/observed.css';
import './observedPanel.css';

export function ObservedPanel() {
  const t = useT();
  const { store, readOnly } = useMap();
  const nodes = useStore(store, (state) => state.modelNodes);
  const load = useObserved((state) => state.flows);
  const flows = useObserved(flowsOf);
  const refresh = useObserved((state) => state.refresh);
  useEnsureFlows();
  return (
    <aside className="data-panel observed-panel" aria-label={t('observed.title')} data-testid="observed-panel">
      <header className="data-panel-header">
        <h2>{t('observed.title')}</h2>
      </header>
      <div className="data-panel-body">
        <p className="hint">{t('observed.lead')}</p>
        <div className="observed-actions">
          <ObservedToggle />
          {!readOnly && <ContactLogImportButton />}
          {!readOnly && flows && flows.events > 0 && <DeleteEvents />}
        </div>
        {load.status === 'loading' && !flows && (
          <p className="hint" aria-busy="true">
            <Loader2 size={13} className="spin" aria-hidden /> {t('observed.loading')}
          </p>
        )}
        {load.status === 'error' && (
          <p className="metric-error" role="alert">
            {load.message}{' '}
            <button type="button" onClick={() => void refresh()}>
              <RotateCw size={12} aria-hidden /> {t('app.retry')}
            </button>
          </p>
        )}
        {flows && flows.events === 0 && (
          <p className="hint">{readOnly ? t('observed.noEventsViewer') : t('observed.noEvents')}</p>
        )}
        {flows && (
          <p className="observed-totals" data-testid="observed-totals">
            {t('observed.totals', { cases: flows.cases, events: flows.events })}
          </p>
        )}
        <section aria-label={t('observed.filters')}>
          <h3>{t('observed.filters')}</h3>
          <ObservedFilters />
        </section>
        <section aria-label={t('observed.variants')}>
          <h3>{t('observed.variants')}</h3>
          <VariantList nodes={nodes} />
        </section>
        <section aria-label={t('observed.customer')}>
          <h3>{t('observed.customer')}</h3>
          <CustomerSearch nodes={nodes} />
        </section>
        <section aria-label={t('observed.switches')}>
          <h3>{t('observed.switches')}</h3>
          <SwitchList nodes={nodes} />
        </section>
        <section aria-label={t('observed.unmapped')}>
          <h3>{t('observed.unmapped')}</h3>
          <UnmappedList nodes={nodes} />
        </section>
      </div>
    </aside>
  );
}

function DeleteEvents() {
  const t = useT();
  const { mapId, mapKey } = useMap();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)}>
        <Trash2 size={14} aria-hidden /> {t('observed.delete')}
      </button>
    );
  }
  return (
    <span className="observed-confirm" role="group" aria-label={t('observed.delete')}>
      {t('observed.deleteConfirm')}
      <button
        type="button"
        className="danger"
        onClick={() =>
          void deleteEvents(mapId, mapKey).then(
            () => {
              setConfirming(false);
              void useObserved.getState().refresh();
            },
            (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
          )
        }
      >
        {t('observed.deleteYes')}
      </button>
      <button type="button" onClick={() => setConfirming(false)}>
        {t('csv.cancel')}
      </button>
      {error && <span className="metric-error">{error}</span>}
    </span>
  );
}
