// Asked once per browser: the name and colour the others see on a shared map.
import { useState, type FormEvent } from 'react';
import { PRESENCE_COLORS } from '../db/profile';
import { ColorSwatches } from '../ui/fields';
import { useT } from '../i18n';
import { useProfileStore } from './useProfile';

export function ProfileDialog() {
  const t = useT();
  const profile = useProfileStore((state) => state.profile);
  const update = useProfileStore((state) => state.update);
  const [name, setName] = useState('');
  const [color, setColor] = useState<string>(profile?.color ?? PRESENCE_COLORS[0]);
  const save = (event: FormEvent) => {
    event.preventDefault();
    void update({ name: name.trim() || profile?.name || 'Guest', color, chosen: true });
  };
  return (
    <div className="dialog-backdrop">
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby="profile-title" onSubmit={save}>
        <h2 id="profile-title">{t('presence.whoTitle')}</h2>
        <p className="muted">{t('presence.whoLead')}</p>
        <label className="field">
          <span>{t('presence.yourName')}</span>
          <input
            autoFocus
            value={name}
            maxLength={60}
            placeholder={profile?.name}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <div className="field">
          <span>{t('presence.yourColour')}</span>
          <ColorSwatches label={t('presence.yourColour')} value={color} colors={PRESENCE_COLORS} onChange={setColor} />
        </div>
        <div className="dialog-actions">
          <button type="submit" className="primary">
            {t('presence.join')}
          </button>
        </div>
      </form>
    </div>
  );
}
