// Stage fields: goal, colour and owner.
import { memo } from 'react';
import { useStore } from 'zustand';
import { STAGE_COLORS, assignStageOwner, setStageColor, setStageGoal, type StageNode } from '../../model';
import { useMap } from '../../state/session';
import { useT } from '../../i18n';
import { ColorSwatches, Field, TextField } from '../../ui/fields';

export const StageFields = memo(function StageFields({ stage }: { stage: StageNode }) {
  const t = useT();
  const { doc, store, readOnly, run } = useMap();
  const owners = useStore(store, (state) => state.owners);
  return (
    <>
      <Field label={t('inspector.goal')} hint={t('inspector.goalHint')}>
        {(id) => (
          <TextField
            id={id}
            value={stage.goal}
            multiline
            readOnly={readOnly}
            onCommit={(goal) => run(() => setStageGoal(doc, stage.id, goal))}
          />
        )}
      </Field>
      <Field label={t('stage.ownerPicker')}>
        {(id) => (
          <select
            id={id}
            value={stage.ownerId ?? ''}
            disabled={readOnly}
            onChange={(event) => run(() => assignStageOwner(doc, stage.id, event.target.value || null))}
          >
            <option value="">{t('stage.unowned')}</option>
            {owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name}
                {owner.role ? ` · ${owner.role}` : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <section className="inspector-section">
        <h3>{t('inspector.colour')}</h3>
        <ColorSwatches
          label={t('inspector.colour')}
          value={stage.color}
          colors={STAGE_COLORS}
          readOnly={readOnly}
          onChange={(color) => run(() => setStageColor(doc, stage.id, color))}
        />
      </section>
    </>
  );
});
