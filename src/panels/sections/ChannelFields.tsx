// Channel fields: physical or digital, medium, and the customer needs it serves.
import { memo } from 'react';
import { CHANNEL_MEDIA, setChannelKind, setChannelNeeds, type ChannelMedium, type ChannelNode } from '../../model';
import { useMap } from '../../state/session';
import { MEDIUM_STYLE } from '../../state/channelStyle';
import { useT } from '../../i18n';
import { Field, ListEditor } from '../../ui/fields';

export const ChannelFields = memo(function ChannelFields({ channel }: { channel: ChannelNode }) {
  const t = useT();
  const { doc, readOnly, run } = useMap();
  return (
    <>
      <Field label={t('inspector.medium')}>
        {(id) => (
          <select
            id={id}
            value={channel.medium}
            disabled={readOnly}
            onChange={(event) =>
              run(() => setChannelKind(doc, channel.id, { medium: event.target.value as ChannelMedium }))
            }
          >
            {CHANNEL_MEDIA.map((medium) => (
              <option key={medium} value={medium}>
                {t(MEDIUM_STYLE[medium].name)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('inspector.channelType')}>
        {(id) => (
          <select
            id={id}
            value={channel.type}
            disabled={readOnly}
            onChange={(event) =>
              run(() =>
                setChannelKind(doc, channel.id, { type: event.target.value === 'physical' ? 'physical' : 'digital' }),
              )
            }
          >
            <option value="digital">{t('channel.digitalHint')}</option>
            <option value="physical">{t('channel.physicalHint')}</option>
          </select>
        )}
      </Field>
      <section className="inspector-section">
        <h3>{t('inspector.needs')}</h3>
        <p className="field-hint">{t('inspector.needsHint')}</p>
        <ListEditor
          items={channel.needs}
          readOnly={readOnly}
          label={t('inspector.needs')}
          addLabel={t('inspector.addNeed')}
          itemLabel={t('inspector.newNeed')}
          onChange={(needs) => run(() => setChannelNeeds(doc, channel.id, needs))}
        />
      </section>
    </>
  );
});
