// The census tab (the seed's channel census): the needs × channels matrix seen by everyone or one
// persona, the findings, each channel's census, and the list of needs.
import { memo, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { NeedNode, PersonaNode } from '../../model';
import { useMap } from '../../state/session';
import { useUi } from '../../state/uiStore';
import { useT } from '../../i18n';
import { useCensus } from './useCensus';
import { NeedsMatrixView } from './NeedsMatrixView';
import { CensusFindings } from './CensusFindings';
import { ChannelCensusTable } from './ChannelCensusTable';
import { NeedsList } from './NeedsList';
import { PersonaPicker } from './PersonaPicker';
import '../../ui/metrics.css';
import '../people/people.css';
import './census.css';

type Tab = 'matrix' | 'channels' | 'needs';
const TABS: Tab[] = ['matrix', 'channels', 'needs'];
const TAB_LABEL = { matrix: 'census.tabMatrix', channels: 'census.tabChannels', needs: 'census.tabNeeds' } as const;

export const CensusPanel = memo(function CensusPanel() {
  const t = useT();
  const { store } = useMap();
  const [tab, setTab] = useState<Tab>('matrix');
  // the persona the map is focused on (the personas panel's filter) is the default reader
  const focus = useUi((state) => state.focus);
  const [picked, setPicked] = useState<string | null | undefined>(undefined);
  const personaId = picked === undefined ? (focus?.kind === 'persona' ? focus.id : null) : picked;
  const { census, matrix, nodes } = useCensus(personaId);
  const defs = useStore(store, (state) => state.metricDefs);
  const personas = useMemo(() => [...nodes.values()].filter((n): n is PersonaNode => n.kind === 'persona'), [nodes]);
  const needs = useMemo(
    () =>
      [...nodes.values()]
        .filter((n): n is NeedNode => n.kind === 'need')
        .sort((a, b) => a.label.localeCompare(b.label)),
    [nodes],
  );
  const servedBy = useMemo(() => {
    const out = new Map<string, number>();
    for (const c of census.channels) for (const n of c.needIds) out.set(n, (out.get(n) ?? 0) + 1);
    return out;
  }, [census]);
  return (
    <aside className="data-panel census-panel" aria-label={t('census.title')} data-testid="census-panel">
      <header className="data-panel-header">
        <h2>{t('census.title')}</h2>
      </header>
      <div className="census-tabs" role="tablist" aria-label={t('census.title')}>
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`census-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`census-pane-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
            onKeyDown={(event) => {
              const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
              if (!step) return;
              const next = TABS[(TABS.indexOf(id) + step + TABS.length) % TABS.length] ?? 'matrix';
              setTab(next);
              document.getElementById(`census-tab-${next}`)?.focus();
            }}
          >
            {t(TAB_LABEL[id])}
          </button>
        ))}
      </div>
      <div className="data-panel-body" role="tabpanel" id={`census-pane-${tab}`} aria-labelledby={`census-tab-${tab}`}>
        <p className="muted small">{t('census.lead')}</p>
        {tab === 'matrix' && (
          <>
            <PersonaPicker personas={personas} value={personaId} onChange={setPicked} />
            {/* in a section: as a direct grid item, the scrolling wrap would shrink to nothing */}
            <section aria-label={t('census.tabMatrix')}>
              <NeedsMatrixView matrix={matrix} />
            </section>
            <section aria-label={t('census.findings')}>
              <h3>{t('census.findings')}</h3>
              <CensusFindings findings={census.findings} nodes={nodes} defs={defs} />
            </section>
          </>
        )}
        {tab === 'channels' && <ChannelCensusTable census={census} nodes={nodes} defs={defs} />}
        {tab === 'needs' && <NeedsList needs={needs} servedBy={servedBy} />}
      </div>
    </aside>
  );
});
