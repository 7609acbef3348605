// One owner: name, role, e-mail and the stages they own; edit in place, remove with a confirmation
// (removeNode clears them from their stages, which then show as unowned).
import { memo, useState } from 'react';
import { Pencil, Trash2 } from 'lucide-react';
import { removeNode, setLabel, type OwnerNode, type StageNode } from '../../model';
import { useMap } from '../../state/session';
import { showOnCanvas } from '../../state/showOnCanvas';
import { initials } from '../../ui/initials';
import { useT } from '../../i18n';
import { Field, TextField } from '../../ui/fields';
import { ConfirmRemove } from './PeopleBits';
import { StageChip } from './StageChip';
import { OwnerFields } from '../sections/OwnerFields';

type Mode = 'view' | 'edit' | 'remove';

export const OwnerCard = memo(function OwnerCard({
  owner,
  stages,
  focused,
}: {
  owner: OwnerNode;
  stages: readonly StageNode[];
  focused: boolean;
}) {
  const t = useT();
  const { doc, store, readOnly, run } = useMap();
  const [mode, setMode] = useState<Mode>('view');
  const toggle = (next: Mode) => setMode(mode === next ? 'view' : next);
  return (
    <li className={`person-card ${focused ? 'is-focused' : ''}`} data-testid="owner-card" aria-label={owner.name}>
      <div className="person-row">
        <span className="avatar person-avatar" aria-hidden>
          {initials(owner.name)}
        </span>
        <div className="person-text">
          <strong className="person-name">{owner.name}</strong>
          <span className="person-sub">{owner.role || t('owner.noRole')}</span>
          {owner.email && (
            <a className="person-sub" href={`mailto:${owner.email}`}>
              {owner.email}
            </a>
          )}
        </div>
        {!readOnly && (
          <div className="person-actions">
            <button
              type="button"
              className="icon-button"
              aria-label={t('owners.edit', { name: owner.name })}
              aria-expanded={mode === 'edit'}
              onClick={() => toggle('edit')}
            >
              <Pencil size={15} aria-hidden />
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={t('owners.remove', { name: owner.name })}
              onClick={() => toggle('remove')}
            >
              <Trash2 size={15} aria-hidden />
            </button>
          </div>
        )}
      </div>
      {stages.length > 0 ? (
        <ul className="stage-chips" aria-label={t('owners.stagesOf', { name: owner.name })}>
          {stages.map((stage) => (
            <li key={stage.id}>
              <StageChip stage={stage} onClick={() => showOnCanvas(store, [stage.id])} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small person-note">{t('owners.noStages')}</p>
      )}
      {mode === 'edit' && (
        <div className="person-edit">
          <Field label={t('inspector.name')}>
            {(id) => (
              <TextField
                id={id}
                value={owner.name}
                allowEmpty={false}
                maxLength={200}
                onCommit={(name) => run(() => setLabel(doc, owner.id, name))}
              />
            )}
          </Field>
          <OwnerFields owner={owner} />
          <button type="button" className="person-done" onClick={() => setMode('view')}>
            {t('owners.done')}
          </button>
        </div>
      )}
      {mode === 'remove' && (
        <ConfirmRemove
          question={t('owners.confirmRemove', { name: owner.name })}
          detail={
            stages.length > 0
              ? t('owners.confirmRemoveStages', { stages: stages.map((stage) => stage.label).join(', ') })
              : undefined
          }
          onConfirm={() => run(() => removeNode(doc, owner.id))}
          onCancel={() => setMode('view')}
        />
      )}
    </li>
  );
});
