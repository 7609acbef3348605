// Which customer needs a touchpoint or a channel serves: one chip per need of the map, and a box to
// add a need that is missing (made and ticked in one step).
import { memo, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { LOCAL_USER, addNeed, setServedNeeds, type NeedNode } from '../../model';
import { useMap } from '../../state/session';
import { useT } from '../../i18n';

const isNeed = (node: { kind: string }): node is NeedNode => node.kind === 'need';

export const NeedsServed = memo(function NeedsServed({ nodeId, needIds }: { nodeId: string; needIds: string[] }) {
  const t = useT();
  const { doc, store, readOnly, run } = useMap();
  const needs = useStore(
    store,
    useShallow((state) => [...state.modelNodes.values()].filter(isNeed)),
  );
  const [draft, setDraft] = useState('');
  const toggle = (needId: string) =>
    run(() =>
      setServedNeeds(
        doc,
        nodeId,
        needIds.includes(needId) ? needIds.filter((n) => n !== needId) : [...needIds, needId],
      ),
    );
  const add = () => {
    const label = draft.trim();
    if (!label) return;
    // one transaction with the user's origin: one undo step for "make it and tick it"
    const ok = run(() =>
      doc.transact(() => {
        const id = addNeed(doc, { label });
        setServedNeeds(doc, nodeId, [...needIds, id]);
      }, LOCAL_USER),
    );
    if (ok) setDraft('');
  };
  return (
    <section className="inspector-section" data-testid="needs-served">
      <h3>{t('inspector.needsServed')}</h3>
      <p className="field-hint">{t('inspector.needsServedHint')}</p>
      {needs.length === 0 && <p className="muted small">{t('inspector.noNeedsYet')}</p>}
      <div className="chips">
        {[...needs]
          .sort((a, b) => a.label.localeCompare(b.label))
          .map((need) => (
            <label key={need.id} className="chip">
              <input
                type="checkbox"
                checked={needIds.includes(need.id)}
                disabled={readOnly}
                onChange={() => toggle(need.id)}
              />
              {need.label}
            </label>
          ))}
      </div>
      {!readOnly && (
        <form
          className="needs-add"
          onSubmit={(event) => {
            event.preventDefault();
            add();
          }}
        >
          <input
            aria-label={t('inspector.newNeed')}
            placeholder={t('inspector.newNeed')}
            value={draft}
            maxLength={200}
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit" disabled={!draft.trim()}>
            {t('census.addNeed')}
          </button>
        </form>
      )}
    </section>
  );
});
