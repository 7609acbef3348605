// Emotion per stage (mean and lowest, as a bar either side of neutral, with its number) and the
// lowest moments of the journey (clicking one shows it on the canvas).
import { memo } from 'react';
import type { EmotionSummary } from '../../model';
import { useMap } from '../../state/session';
import { showOnCanvas } from '../../state/showOnCanvas';
import { emotionLook } from '../../ui/EmotionScale';
import { useMetricText } from '../../state/metrics/format';
import { useT } from '../../i18n';

const signed = (n: number, format: (v: number) => string) => (n > 0 ? `+${format(n)}` : format(n));

export const EmotionOverview = memo(function EmotionOverview({ summary }: { summary: EmotionSummary }) {
  const { store } = useMap();
  const t = useT();
  const text = useMetricText();
  const stages = summary.stages;
  if (stages.length === 0) return <p className="hint">{t('insight.emotionEmpty')}</p>;
  return (
    <>
      <ul className="emotion-bars" data-testid="emotion-stages">
        {stages.map((s) => {
          const mean = s.mean;
          const color = mean === null ? '#d1d5db' : emotionLook(Math.round(mean)).color;
          const left = mean === null ? 50 : mean < 0 ? 50 + (mean / 2) * 50 : 50;
          const width = mean === null ? 0 : (Math.abs(mean) / 2) * 50;
          return (
            <li
              key={s.stageId}
              className="emotion-bar"
              title={s.min === null ? undefined : t('insight.emotionMin', { n: signed(s.min, text.number) })}
            >
              <span className="emotion-bar-name">{s.label}</span>
              <span className="emotion-bar-track" aria-hidden>
                <span
                  className="emotion-bar-fill"
                  style={{ left: `${left}%`, width: `${width}%`, background: color }}
                />
              </span>
              <span className="emotion-bar-value">{mean === null ? '–' : signed(mean, text.number)}</span>
            </li>
          );
        })}
      </ul>
      {summary.lowestMoments.length > 0 && (
        <>
          <h3 className="small">{t('insight.lowest')}</h3>
          <ol className="insight-list">
            {summary.lowestMoments.map((m) => {
              const look = emotionLook(m.emotion);
              const Icon = look.icon;
              return (
                <li key={m.touchpointId}>
                  <button type="button" className="insight-item" onClick={() => showOnCanvas(store, [m.touchpointId])}>
                    <span className="insight-item-title">
                      <Icon size={15} color={look.color} aria-hidden /> {m.label}
                    </span>
                    <span className="insight-item-meta">
                      {signed(m.emotion, String)} {t(look.name)}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </>
  );
});
