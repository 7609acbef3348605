// Channel fields: physical or digital, medium, and the customer needs it serves.
import { memo } from 'react';
import { CHANNEL_MEDIA, setChannelKind, type ChannelMedium, type ChannelNode } from '../../model';
import { useMap } from '../../state/session';
import { MEDIUM_STYLE } from '../../state/channelStyle';
import { useT } from '../../i18n';
import { Field } from '../../ui/fields';
import { NeedsServed } from './NeedsServed';

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
      <NeedsServed nodeId={channel.id} needIds={channel.needIds} />
    </>
  );
});
