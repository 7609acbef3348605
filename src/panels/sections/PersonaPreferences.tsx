// A persona's needs (how much each matters) and channel preferences (preferred / acceptable /
// avoided, and the share of its customers who prefer the channel, where known).
import { memo } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import {
  CHANNEL_PREFERENCES,
  NEED_WEIGHT_MAX,
  setPersonaChannelPreference,
  setPersonaNeedWeight,
  type ChannelNode,
  type ChannelPreference,
  type NeedNode,
  type PersonaNode,
} from '../../model';
import { useMap } from '../../state/session';
import { useT, type MessageKey } from '../../i18n';

const WEIGHTS = Array.from({ length: NEED_WEIGHT_MAX }, (_, i) => i + 1);

export const PersonaPreferences = memo(function PersonaPreferences({ persona }: { persona: PersonaNode }) {
  const t = useT();
  const { doc, store, readOnly, run } = useMap();
  const needs = useStore(
    store,
    useShallow((state) => [...state.modelNodes.values()].filter((n): n is NeedNode => n.kind === 'need')),
  );
  const channels = useStore(
    store,
    useShallow((state) => [...state.modelNodes.values()].filter((n): n is ChannelNode => n.kind === 'channel')),
  );
  return (
    <>
      {needs.length > 0 && (
        <section className="inspector-section" data-testid="persona-needs">
          <h3>{t('inspector.needWeights')}</h3>
          <p className="field-hint">{t('inspector.needWeightsHint')}</p>
          <div className="pref-grid">
            {[...needs]
              .sort((a, b) => a.label.localeCompare(b.label))
              .map((need) => (
                <label key={need.id} className="pref-row">
                  <span>{need.label}</span>
                  <select
                    value={persona.needWeights[need.id] ?? ''}
                    disabled={readOnly}
                    onChange={(event) =>
                      run(() =>
                        setPersonaNeedWeight(
                          doc,
                          persona.id,
                          need.id,
                          event.target.value === '' ? null : Number(event.target.value),
                        ),
                      )
                    }
                  >
                    <option value="">{t('inspector.weight.none')}</option>
                    {WEIGHTS.map((w) => (
                      <option key={w} value={w}>
                        {t(`inspector.weight.${w}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
          </div>
        </section>
      )}
      {channels.length > 0 && (
        <section className="inspector-section" data-testid="persona-channels">
          <h3>{t('inspector.channelPrefs')}</h3>
          <p className="field-hint">{t('inspector.channelPrefsHint')}</p>
          <div className="pref-grid">
            {channels.map((channel) => (
              <div key={channel.id} className="pref-row">
                <label htmlFor={`pref-${persona.id}-${channel.id}`}>{channel.label}</label>
                <select
                  id={`pref-${persona.id}-${channel.id}`}
                  value={persona.channelPrefs[channel.id] ?? ''}
                  disabled={readOnly}
                  onChange={(event) =>
                    run(() =>
                      setPersonaChannelPreference(
                        doc,
                        persona.id,
                        channel.id,
                        event.target.value === '' ? null : (event.target.value as ChannelPreference),
                      ),
                    )
                  }
                >
                  <option value="">{t('census.pref.unknown')}</option>
                  {CHANNEL_PREFERENCES.map((p) => (
                    <option key={p} value={p}>
                      {t(`census.pref.${p}` as MessageKey)}
                    </option>
                  ))}
                </select>
                <ShareInput
                  label={t('inspector.share', { channel: channel.label })}
                  value={persona.channelShares[channel.id] ?? null}
                  readOnly={readOnly}
                  onCommit={(share) =>
                    run(() =>
                      setPersonaChannelPreference(
                        doc,
                        persona.id,
                        channel.id,
                        persona.channelPrefs[channel.id] ?? null,
                        share,
                      ),
                    )
                  }
                />
              </div>
            ))}
          </div>
        </section>
      )}
    </>
  );
});

/** A percentage box: written on blur or Enter; empty clears it; out-of-range input is refused by the model. */
function ShareInput({
  label,
  value,
  readOnly,
  onCommit,
}: {
  label: string;
  value: number | null;
  readOnly: boolean;
  onCommit: (share: number | null) => void;
}) {
  const commit = (text: string) => {
    const trimmed = text.trim().replace(',', '.');
    const next = trimmed === '' ? null : Number(trimmed);
    if (next === value || (next !== null && Number.isNaN(next))) return;
    onCommit(next);
  };
  return (
    <input
      key={value ?? 'none'}
      className="pref-share"
      type="text"
      inputMode="decimal"
      aria-label={label}
      placeholder="%"
      defaultValue={value ?? ''}
      readOnly={readOnly}
      onBlur={(event) => commit(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit(event.currentTarget.value);
      }}
    />
  );
}
