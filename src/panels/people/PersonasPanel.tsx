// The personas panel: the customer profiles of the map (add, edit, remove, photo), reading the map
// as one of them (focus), and comparing two side by side.
import { memo, useCallback, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { GitCompareArrows } from 'lucide-react';
import { addPersona, type PersonaNode } from '../../model';
import { useMap } from '../../state/session';
import { useUi } from '../../state/uiStore';
import { useT } from '../../i18n';
import { AddByName } from './PeopleBits';
import { PersonaCard } from './PersonaCard';
import { PersonaCompareDialog } from './PersonaCompareDialog';
import { CurveKey } from './PersonaCurves';
import { personaReach } from './peopleStats';
import { useModelNodes } from './useModelNodes';
import './people.css';

const isPersona = (node: { kind: string }): node is PersonaNode => node.kind === 'persona';

export const PersonasPanel = memo(function PersonasPanel() {
  const t = useT();
  const { doc, store, readOnly, run } = useMap();
  const personas = useStore(
    store,
    useShallow((state) => [...state.modelNodes.values()].filter(isPersona)),
  );
  const nodes = useModelNodes();
  const reach = useMemo(() => personaReach(nodes), [nodes]);
  const focus = useUi((state) => state.focus);
  return (
    <aside className="people-panel nokey" aria-label={t('personas.title')} data-testid="personas-panel">
      <header className="people-header">
        <h2>{t('personas.title')}</h2>
        <p>{t('personas.lead')}</p>
      </header>
      <div className="people-body">
        <section className="people-section">
          {personas.length === 0 && <p className="muted small">{t('personas.empty')}</p>}
          <ul className="people-list">
            {personas.map((persona) => (
              <PersonaCard
                key={persona.id}
                persona={persona}
                reach={reach.byPersona.get(persona.id) ?? 0}
                total={reach.total}
                focused={focus?.kind === 'persona' && focus.id === persona.id}
              />
            ))}
          </ul>
          {!readOnly && (
            <AddByName
              label={t('personas.addName')}
              button={t('personas.add')}
              onAdd={(name) => run(() => addPersona(doc, { name }))}
            />
          )}
        </section>
        <CompareSection personas={personas} />
      </div>
    </aside>
  );
});

function CompareSection({ personas }: { personas: readonly PersonaNode[] }) {
  const t = useT();
  const [picked, setPicked] = useState<[string, string]>(['', '']);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  // Defaults (and fallbacks after a removal): the first two personas.
  const byId = new Map(personas.map((p) => [p.id, p]));
  const a = byId.get(picked[0]) ?? personas[0];
  const b = byId.get(picked[1]) ?? personas.find((p) => p !== a);
  if (personas.length < 2 || !a || !b) {
    return (
      <section className="people-section">
        <h3>{t('personas.compare')}</h3>
        <p className="muted small">{t('personas.compareNeedTwo')}</p>
      </section>
    );
  }
  // Each picker carries its curve's key (solid/round for the first, dashed/square for the second).
  const select = (which: 0 | 1, label: string, value: PersonaNode) => (
    <>
      <CurveKey color={value.color} dashed={which === 1} />
      <select
        aria-label={label}
        value={value.id}
        onChange={(event) => setPicked(which === 0 ? [event.target.value, b.id] : [a.id, event.target.value])}
      >
        {personas.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </>
  );
  return (
    <section className="people-section">
      <h3>{t('personas.compare')}</h3>
      <div className="compare-pick">
        {select(0, t('personas.compareA'), a)}
        {select(1, t('personas.compareB'), b)}
      </div>
      <button type="button" disabled={a.id === b.id} onClick={() => setOpen(true)}>
        <GitCompareArrows size={15} aria-hidden /> {t('personas.compareOpen')}
      </button>
      {a.id === b.id && <p className="field-hint">{t('personas.compareSame')}</p>}
      {open && a.id !== b.id && <PersonaCompareDialog a={a} b={b} onClose={close} />}
    </section>
  );
}
