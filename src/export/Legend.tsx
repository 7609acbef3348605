// The legend strip drawn under an exported PNG: the map's title and date, its channels (icon,
// colour, name), the emotion faces and, when the map is coloured by a metric, its heat colours.
// Rendered off screen only while exporting, then captured with the map.
import { forwardRef } from 'react';
import { MEDIUM_STYLE } from '../state/channelStyle';
import { EMOTIONS } from '../ui/EmotionScale';
import { useT } from '../i18n';
import type { LegendData } from './legend';
import { ObservedKey } from '../canvas/observed/ObservedLegend';

interface LegendProps {
  data: LegendData;
  title: string;
  subtitle: string;
  width: number;
}

export const ExportLegend = forwardRef<HTMLDivElement, LegendProps>(function ExportLegend(
  { data, title, subtitle, width },
  ref,
) {
  const t = useT();
  return (
    <div ref={ref} className="export-legend" style={{ width }} data-testid="export-legend">
      <div className="export-legend-title">
        <strong>{title}</strong>
        <span>{subtitle}</span>
      </div>
      {data.channels.length > 0 && (
        <div className="export-legend-group">
          <span className="export-legend-heading">{t('export.legend.channels')}</span>
          {data.channels.map((channel) => {
            const style = MEDIUM_STYLE[channel.medium];
            const Icon = style.icon;
            return (
              <span key={channel.id} className="export-legend-item">
                <span className="export-legend-swatch" style={{ background: style.color }}>
                  <Icon size={12} color="#fff" aria-hidden />
                </span>
                {channel.label}{' '}
                <span className="export-legend-muted">
                  ({t(style.name)}, {t(channel.physical ? 'export.legend.physical' : 'export.legend.digital')})
                </span>
              </span>
            );
          })}
        </div>
      )}
      <div className="export-legend-group">
        <span className="export-legend-heading">{t('export.legend.emotion')}</span>
        {EMOTIONS.map(({ value, icon: Icon, color, name }) => (
          <span key={value} className="export-legend-item">
            <Icon size={16} color={color} aria-hidden />
            {value > 0 ? `+${value}` : value} {t(name)}
          </span>
        ))}
      </div>
      {data.observed && (
        <div className="export-legend-group" data-testid="export-legend-observed">
          <span className="export-legend-heading">{t('observed.export.legend')}</span>
          <span className="export-legend-item">
            {t('observed.totals', { cases: data.observed.cases, events: data.observed.events })}
          </span>
          <ObservedKey />
        </div>
      )}
      {data.heat && (
        <div className="export-legend-group">
          <span className="export-legend-heading">{t('export.legend.heat', { metric: data.heat.metric })}</span>
          {data.heat.items.map((item) => (
            <span key={item.status} className="export-legend-item">
              <span className="export-legend-swatch" style={{ background: item.fill, color: item.text }}>
                {item.icon}
              </span>
              {t(`export.heat.${item.status}`)} {item.range}
            </span>
          ))}
        </div>
      )}
    </div>
  );
});
