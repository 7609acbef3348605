// The insight tab: channel inventory, channel transitions (worst first), critical touchpoints and
// the emotion overview, all live as the map changes.
import { memo } from 'react';
import { useStore } from 'zustand';
import { useMap } from '../../state/session';
import { useT } from '../../i18n';
import { useInsight } from './useInsight';
import { ChannelMatrix } from './ChannelMatrix';
import { TransitionList } from './TransitionList';
import { CriticalList } from './CriticalList';
import { EmotionOverview } from './EmotionOverview';
import { SwitchList } from '../observed/SwitchList';
import { NeedsMatrixView } from '../census/NeedsMatrixView';
import { useUi } from '../../state/uiStore';
import '../census/census.css';
import '../../ui/metrics.css';

export const InsightPanel = memo(function InsightPanel() {
  const t = useT();
  const { store } = useMap();
  const defs = useStore(store, (state) => state.metricDefs);
  const { inventory, transitions, critical, emotion, needs, nodes, nodeMetrics } = useInsight();
  const setSidebarTab = useUi((state) => state.setSidebarTab);
  return (
    <aside className="data-panel" aria-label={t('insight.title')} data-testid="insight-panel">
      <header className="data-panel-header">
        <h2>{t('insight.title')}</h2>
      </header>
      <div className="data-panel-body">
        <section aria-label={t('insight.transitions')}>
          <h3>{t('insight.transitions')}</h3>
          <TransitionList transitions={transitions} nodes={nodes} />
        </section>
        <section aria-label={t('observed.switches')}>
          <h3>{t('observed.switches')}</h3>
          <SwitchList nodes={nodes} />
        </section>
        <section aria-label={t('insight.critical')}>
          <h3>{t('insight.critical')}</h3>
          <CriticalList critical={critical} nodes={nodes} defs={defs} nodeMetrics={nodeMetrics} />
        </section>
        <section aria-label={t('insight.emotionTitle')}>
          <h3>{t('insight.emotionTitle')}</h3>
          <EmotionOverview summary={emotion} />
        </section>
        <section aria-label={t('insight.needsMatrix')}>
          <h3>{t('insight.needsMatrix')}</h3>
          <NeedsMatrixView matrix={needs} />
          <button type="button" className="link-button" onClick={() => setSidebarTab('census')}>
            {t('census.openCensus')}
          </button>
        </section>
        <section aria-label={t('insight.inventory')}>
          <h3>{t('insight.inventory')}</h3>
          <ChannelMatrix inventory={inventory} />
        </section>
      </div>
    </aside>
  );
});
