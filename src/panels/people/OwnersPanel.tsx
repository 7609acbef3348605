// The owners panel: the people who answer for stages, what each owns, the stages nobody owns, and
// "My stages" (focus the map on one owner).
import { memo } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { addOwner } from '../../model';
import { useMap } from '../../state/session';
import { ownerSlot } from '../../state/placement';
import { useUi } from '../../state/uiStore';
import { useT } from '../../i18n';
import { AddByName } from './PeopleBits';
import { UnownedStages } from './UnownedStages';
import { MyStages } from './MyStages';
import { OwnerCard } from './OwnerCard';
import './people.css';

export const OwnersPanel = memo(function OwnersPanel() {
  const t = useT();
  const { doc, store, readOnly, run } = useMap();
  const owners = useStore(store, (state) => state.owners);
  const stages = useStore(
    store,
    useShallow((state) => state.stages),
  );
  const focus = useUi((state) => state.focus);
  const add = (name: string) => run(() => addOwner(doc, { name, ...ownerSlot(owners.length) }));
  return (
    <aside className="people-panel nokey" aria-label={t('owners.title')} data-testid="owners-panel">
      <header className="people-header">
        <h2>{t('owners.title')}</h2>
        <p>{t('owners.lead')}</p>
      </header>
      <div className="people-body">
        <UnownedStages stages={stages} owners={owners} />
        {owners.length > 0 && <MyStages owners={owners} />}
        <section className="people-section">
          <h3>{t('owners.people', { n: owners.length })}</h3>
          {owners.length === 0 && <p className="muted small">{t('owners.empty')}</p>}
          <ul className="people-list">
            {owners.map((owner) => (
              <OwnerCard
                key={owner.id}
                owner={owner}
                stages={stages.filter((stage) => stage.ownerId === owner.id)}
                focused={focus?.kind === 'owner' && focus.id === owner.id}
              />
            ))}
          </ul>
          {!readOnly && <AddByName label={t('owners.addName')} button={t('owners.add')} onAdd={add} />}
        </section>
      </div>
    </aside>
  );
});
