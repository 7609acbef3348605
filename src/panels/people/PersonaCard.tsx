// One persona: avatar, name, description and reach; filter the map to them, edit in place (the
// inspector's persona fields plus a photo), remove with a confirmation.
import { memo, useState } from 'react';
import { Filter, Pencil, Trash2 } from 'lucide-react';
import { removeNode, setLabel, type PersonaNode } from '../../model';
import { useMap } from '../../state/session';
import { useUi } from '../../state/uiStore';
import { useT } from '../../i18n';
import { Field, TextField } from '../../ui/fields';
import { PersonaFields } from '../sections/PersonaFields';
import { ConfirmRemove } from './PeopleBits';
import { PersonaAvatar } from '../../ui/PersonaAvatar';
import { PhotoPicker } from './PhotoPicker';

type Mode = 'view' | 'edit' | 'remove';

export const PersonaCard = memo(function PersonaCard({
  persona,
  reach,
  total,
  focused,
}: {
  persona: PersonaNode;
  reach: number;
  total: number;
  focused: boolean;
}) {
  const t = useT();
  const { doc, readOnly, run } = useMap();
  const setFocus = useUi((state) => state.setFocus);
  const [mode, setMode] = useState<Mode>('view');
  const toggle = (next: Mode) => setMode(mode === next ? 'view' : next);
  return (
    <li
      className={`person-card ${focused ? 'is-focused' : ''}`}
      data-testid="persona-card"
      aria-label={persona.name}
      style={{ ['--person-color' as string]: persona.color }}
    >
      <div className="person-row">
        <PersonaAvatar persona={persona} size={36} />
        <div className="person-text">
          <strong className="person-name">{persona.name}</strong>
          <span className="person-sub">{t('personas.reach', { n: reach, total })}</span>
        </div>
        <div className="person-actions">
          <button
            type="button"
            className={`icon-button ${focused ? 'is-on' : ''}`}
            aria-pressed={focused}
            aria-label={t('personas.filter', { name: persona.name })}
            title={t('personas.filter', { name: persona.name })}
            onClick={() => setFocus(focused ? null : { kind: 'persona', id: persona.id })}
          >
            <Filter size={15} aria-hidden />
          </button>
          {!readOnly && (
            <>
              <button
                type="button"
                className="icon-button"
                aria-label={t('personas.edit', { name: persona.name })}
                aria-expanded={mode === 'edit'}
                onClick={() => toggle('edit')}
              >
                <Pencil size={15} aria-hidden />
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={t('personas.remove', { name: persona.name })}
                onClick={() => toggle('remove')}
              >
                <Trash2 size={15} aria-hidden />
              </button>
            </>
          )}
        </div>
      </div>
      {persona.description && mode !== 'edit' && <p className="person-description">{persona.description}</p>}
      {mode === 'edit' && (
        <div className="person-edit">
          <Field label={t('inspector.name')}>
            {(id) => (
              <TextField
                id={id}
                value={persona.name}
                allowEmpty={false}
                maxLength={200}
                onCommit={(name) => run(() => setLabel(doc, persona.id, name))}
              />
            )}
          </Field>
          <PersonaFields persona={persona} />
          <PhotoPicker persona={persona} />
          <button type="button" className="person-done" onClick={() => setMode('view')}>
            {t('owners.done')}
          </button>
        </div>
      )}
      {mode === 'remove' && (
        <ConfirmRemove
          question={t('personas.confirmRemove', { name: persona.name })}
          detail={t('personas.confirmRemoveDetail')}
          onConfirm={() => run(() => removeNode(doc, persona.id))}
          onCancel={() => setMode('view')}
        />
      )}
    </li>
  );
});
