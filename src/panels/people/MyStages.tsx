// "My stages": pick yourself (or anyone) and the map dims everything outside their stages, with
// what they answer for counted: touchpoints, open comments, metrics in the red.
import { useMemo } from 'react';
import { AlertOctagon, Columns3, MessageSquare, MousePointerClick } from 'lucide-react';
import type { OwnerNode } from '../../model';
import { useMap } from '../../state/session';
import { useUi } from '../../state/uiStore';
import { useT } from '../../i18n';
import { ownerFocusStats } from './peopleStats';
import { useModelNodes } from './useModelNodes';

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

export function MyStages({ owners }: { owners: readonly OwnerNode[] }) {
  const t = useT();
  const { doc, user } = useMap();
  const nodes = useModelNodes();
  const focus = useUi((state) => state.focus);
  const setFocus = useUi((state) => state.setFocus);
  const ownerId = focus?.kind === 'owner' && nodes.get(focus.id)?.kind === 'owner' ? focus.id : '';
  const stats = useMemo(
    () => (ownerId && nodes.has(ownerId) ? ownerFocusStats(doc, ownerId) : null),
    [doc, nodes, ownerId],
  );
  // The owner with this person's profile name, if any, comes first as "(you)".
  const me = user.name ? owners.find((owner) => sameName(owner.name, user.name)) : undefined;
  const ordered = me ? [me, ...owners.filter((owner) => owner !== me)] : owners;
  const items = stats && [
    { key: 'stages', icon: Columns3, label: t('owners.stat.stages'), value: stats.stages },
    { key: 'touchpoints', icon: MousePointerClick, label: t('owners.stat.touchpoints'), value: stats.touchpoints },
    { key: 'comments', icon: MessageSquare, label: t('owners.stat.comments'), value: stats.openComments },
    { key: 'red', icon: AlertOctagon, label: t('owners.stat.red'), value: stats.redMetrics },
  ];
  return (
    <section className="people-section my-stages">
      <h3>
        <label htmlFor="my-stages-owner">{t('owners.myStages')}</label>
      </h3>
      <p className="field-hint">{t('owners.myStagesHint')}</p>
      <select
        id="my-stages-owner"
        value={ownerId}
        onChange={(event) => setFocus(event.target.value ? { kind: 'owner', id: event.target.value } : null)}
      >
        <option value="">{t('owners.everyone')}</option>
        {ordered.map((owner) => (
          <option key={owner.id} value={owner.id}>
            {owner === me ? t('owners.you', { name: owner.name }) : owner.name}
            {owner.role ? ` · ${owner.role}` : ''}
          </option>
        ))}
      </select>
      {items && (
        <dl className="people-stats" data-testid="owner-stats">
          {items.map(({ key, icon: Icon, label, value }) => (
            <div key={key} className={`people-stat ${key === 'red' && value > 0 ? 'is-red' : ''}`} data-stat={key}>
              <dt>
                <Icon size={14} aria-hidden /> {label}
              </dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
