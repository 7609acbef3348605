// Channel transitions along the path, worst first (the model's score: emotion drop, drop-off and
// effort after the switch). Clicking one selects its edge and touchpoints and fits the view to them.
import { memo } from 'react';
import { ArrowRight } from 'lucide-react';
import { readMetricDef, type ChannelTransition, type JourneyNode } from '../../model';
import { useMap } from '../../state/session';
import { showOnCanvas } from '../../state/showOnCanvas';
import { useMetricText } from '../../state/metrics/format';
import { useT } from '../../i18n';
import { MeasuredStep } from '../observed/MeasuredStep';

export const TransitionList = memo(function TransitionList({
  transitions,
  nodes,
}: {
  transitions: ChannelTransition[];
  nodes: ReadonlyMap<string, JourneyNode>;
}) {
  const { doc, store } = useMap();
  const t = useT();
  const text = useMetricText();
  if (transitions.length === 0) return <p className="hint">{t('insight.transitionsEmpty')}</p>;
  const label = (id: string) => nodes.get(id)?.label ?? '?';
  const dropDef = readMetricDef(doc, 'dropoff');
  const effortDef = readMetricDef(doc, 'ces');
  return (
    <ol className="insight-list" data-testid="transitions">
      {transitions.map((tr) => (
        <li key={tr.edgeId}>
          <button
            type="button"
            className="insight-item"
            data-testid="transition"
            onClick={() => showOnCanvas(store, [tr.sourceId, tr.targetId], [tr.edgeId])}
          >
            <span className="insight-item-title">
              {label(tr.fromChannelId)} <ArrowRight size={13} aria-hidden /> {label(tr.toChannelId)}
            </span>
            <span className="insight-item-meta">
              {label(tr.sourceId)} → {label(tr.targetId)}
            </span>
            <span
              className="score-bar"
              role="img"
              aria-label={t('insight.score', { n: Math.round(tr.score * 100) })}
              title={t('insight.score', { n: Math.round(tr.score * 100) })}
            >
              <span style={{ width: `${Math.max(2, tr.score * 100)}%` }} />
            </span>
            <span className="insight-item-meta">
              <span>{t('insight.score', { n: Math.round(tr.score * 100) })}</span>
              <span>
                {t('insight.emotionDrop', {
                  n: tr.emotionDrop > 0 ? `−${tr.emotionDrop}` : tr.emotionDrop < 0 ? `+${-tr.emotionDrop}` : '0',
                })}
              </span>
              {tr.dropoff !== null && dropDef && (
                <span>
                  {t('insight.metricIs', { metric: text.label(dropDef), value: text.value(tr.dropoff, dropDef) })}
                </span>
              )}
              {tr.effort !== null && effortDef && (
                <span>
                  {t('insight.metricIs', { metric: text.label(effortDef), value: text.value(tr.effort, effortDef) })}
                </span>
              )}
              <MeasuredStep source={tr.sourceId} target={tr.targetId} />
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
});
