// "Seen by": everyone, or one persona (its needs and channel preferences shape the matrix).
import type { PersonaNode } from '../../model';
import { useT } from '../../i18n';
import { Field } from '../../ui/fields';

export function PersonaPicker({
  personas,
  value,
  onChange,
}: {
  personas: readonly PersonaNode[];
  value: string | null;
  onChange: (personaId: string | null) => void;
}) {
  const t = useT();
  if (personas.length === 0) return null;
  return (
    <Field label={t('census.forPersona')}>
      {(id) => (
        <select id={id} value={value ?? ''} onChange={(event) => onChange(event.target.value || null)}>
          <option value="">{t('census.everyone')}</option>
          {personas.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
