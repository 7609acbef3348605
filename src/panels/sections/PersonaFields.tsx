// Persona fields: description, goals, frustrations, needs and channel preferences, colour.
import { memo } from 'react';
import { PERSONA_COLORS, setPersonaDetails, type PersonaNode } from '../../model';
import { useMap } from '../../state/session';
import { useT } from '../../i18n';
import { ColorSwatches, Field, ListEditor, TextField } from '../../ui/fields';
import { PersonaPreferences } from './PersonaPreferences';

export const PersonaFields = memo(function PersonaFields({ persona }: { persona: PersonaNode }) {
  const t = useT();
  const { doc, readOnly, run } = useMap();
  const set = (details: Parameters<typeof setPersonaDetails>[2]) =>
    run(() => setPersonaDetails(doc, persona.id, details));
  return (
    <>
      <Field label={t('inspector.description')}>
        {(id) => (
          <TextField
            id={id}
            value={persona.description}
            multiline
            readOnly={readOnly}
            onCommit={(description) => set({ description })}
          />
        )}
      </Field>
      <section className="inspector-section">
        <h3>{t('inspector.goals')}</h3>
        <ListEditor
          items={persona.goals}
          readOnly={readOnly}
          label={t('inspector.goals')}
          addLabel={t('inspector.addGoal')}
          itemLabel={t('inspector.newGoal')}
          onChange={(goals) => set({ goals })}
        />
      </section>
      <section className="inspector-section">
        <h3>{t('inspector.frustrations')}</h3>
        <ListEditor
          items={persona.frustrations}
          readOnly={readOnly}
          label={t('inspector.frustrations')}
          addLabel={t('inspector.addFrustration')}
          itemLabel={t('inspector.newFrustration')}
          onChange={(frustrations) => set({ frustrations })}
        />
      </section>
      <PersonaPreferences persona={persona} />
      <section className="inspector-section">
        <h3>{t('inspector.colour')}</h3>
        <ColorSwatches
          label={t('inspector.colour')}
          value={persona.color}
          colors={PERSONA_COLORS}
          readOnly={readOnly}
          onChange={(color) => set({ color })}
        />
      </section>
    </>
  );
});
