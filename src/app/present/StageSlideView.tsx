// One slide: a stage with its owner, goal, mean emotion, key metrics and touchpoint cards.
import { Lightbulb, TriangleAlert, UserRound } from 'lucide-react';
import { HEAT_PALETTE } from '../../model';
import { MEDIUM_STYLE } from '../../state/channelStyle';
import { emotionLook } from '../../ui/EmotionScale';
import { useT } from '../../i18n';
import { useMetricText } from '../../state/metrics/format';
import type { SlideMetric, StageSlide } from './slides';

function Emotion({ value, large }: { value: number; large?: boolean }) {
  const t = useT();
  const look = emotionLook(Math.round(value));
  const Icon = look.icon;
  return (
    <span className="present-emotion" style={{ color: look.ink }} title={t(look.name)}>
      <Icon size={large ? 40 : 22} aria-hidden />
      <span>
        {value > 0 ? `+${value}` : value} {t(look.name)}
      </span>
    </span>
  );
}

function Metric({ metric }: { metric: SlideMetric }) {
  const heat = HEAT_PALETTE[metric.status];
  const text = useMetricText();
  return (
    <span
      className="present-metric"
      style={{ background: heat.fill, color: heat.text }}
      title={text.status(metric.status)}
    >
      <span aria-hidden>{heat.icon}</span> {text.label(metric.def)} {text.value(metric.value, metric.def)}
    </span>
  );
}

export function StageSlideView({ slide }: { slide: StageSlide }) {
  const t = useT();
  return (
    <article className="present-slide" style={{ ['--stage-color' as string]: slide.color }} data-testid="present-slide">
      <div className="present-head">
        <h1>{slide.label}</h1>
        {slide.goal && (
          <p className="present-goal">
            <strong>{t('present.goal')}:</strong> {slide.goal}
          </p>
        )}
        <div className="present-facts">
          <span className="present-owner">
            <UserRound size={20} aria-hidden /> {t('present.owner')}:{' '}
            {slide.owner
              ? `${slide.owner.name}${slide.owner.role ? ` · ${slide.owner.role}` : ''}`
              : t('present.noOwner')}
          </span>
          {slide.emotion !== null && (
            <span className="present-fact">
              {t('present.emotion')}: <Emotion value={slide.emotion} large />
            </span>
          )}
        </div>
        {slide.metrics.length > 0 && (
          <div className="present-metrics" aria-label={t('present.metrics')}>
            {slide.metrics.map((metric) => (
              <Metric key={metric.key} metric={metric} />
            ))}
          </div>
        )}
      </div>
      <p className="present-count">{t('present.touchpoints', { n: slide.touchpoints.length })}</p>
      {slide.touchpoints.length === 0 ? (
        <p className="present-empty">{t('present.noTouchpoints')}</p>
      ) : (
        <ul className="present-cards">
          {slide.touchpoints.map((tp) => {
            const style = tp.channel ? MEDIUM_STYLE[tp.channel.medium] : null;
            const Icon = style?.icon;
            return (
              <li
                key={tp.id}
                className={`present-card ${tp.lane === 'back' ? 'is-backstage' : ''}`}
                style={{ ['--channel-color' as string]: style?.color ?? '#9aa3af' }}
              >
                <span className="present-channel">
                  {Icon && <Icon size={16} aria-hidden />} {tp.channel?.label ?? t('touchpoint.noChannel')}
                </span>
                <strong className="present-card-label">{tp.label}</strong>
                <Emotion value={tp.emotion} />
                <span className="present-badges">
                  {tp.painPoints > 0 && (
                    <span className="badge is-pain">
                      <TriangleAlert size={14} aria-hidden />{' '}
                      {tp.painPoints === 1 ? t('present.pain') : t('present.pains', { n: tp.painPoints })}
                    </span>
                  )}
                  {tp.opportunities > 0 && (
                    <span className="badge is-opportunity">
                      <Lightbulb size={14} aria-hidden />{' '}
                      {tp.opportunities === 1
                        ? t('present.opportunity')
                        : t('present.opportunities', { n: tp.opportunities })}
                    </span>
                  )}
                </span>
                {tp.metrics.length > 0 && (
                  <span className="present-card-metrics">
                    {tp.metrics.map((metric) => (
                      <Metric key={metric.key} metric={metric} />
                    ))}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </article>
  );
}
