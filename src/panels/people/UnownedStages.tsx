// The stages nobody answers for, counted and listed; clicking one shows it on the canvas (and the
// inspector opens on it, where its owner can be picked).
import { AlertTriangle, CheckCircle2 } from 'lucide-react';
import type { OwnerNode, StageNode } from '../../model';
import { useMap } from '../../state/session';
import { showOnCanvas } from '../../state/showOnCanvas';
import { useT } from '../../i18n';
import { StageChip } from './StageChip';

export function UnownedStages({ stages, owners }: { stages: readonly StageNode[]; owners: readonly OwnerNode[] }) {
  const t = useT();
  const { store } = useMap();
  if (stages.length === 0) return <p className="muted small">{t('owners.noStagesYet')}</p>;
  // The model's rule (unownedStages): an ownerId naming no owner counts as unowned.
  const ownerIds = new Set(owners.map((owner) => owner.id));
  const unowned = stages.filter((stage) => !stage.ownerId || !ownerIds.has(stage.ownerId));
  if (unowned.length === 0) {
    return (
      <p className="people-status is-ok" data-testid="unowned-summary">
        <CheckCircle2 size={16} aria-hidden /> {t('owners.allOwned')}
      </p>
    );
  }
  return (
    <section className="people-status is-warn" aria-labelledby="unowned-heading">
      <p id="unowned-heading" data-testid="unowned-summary">
        <AlertTriangle size={16} aria-hidden />{' '}
        {unowned.length === 1
          ? t('owners.unownedOne', { total: stages.length })
          : t('owners.unownedCount', { n: unowned.length, total: stages.length })}
      </p>
      <ul className="stage-chips">
        {unowned.map((stage) => (
          <li key={stage.id}>
            <StageChip stage={stage} onClick={() => showOnCanvas(store, [stage.id])} />
          </li>
        ))}
      </ul>
    </section>
  );
}
