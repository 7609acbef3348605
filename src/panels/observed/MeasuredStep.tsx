// One designed step's figures from the contact logs (customers taking it, median time), shown beside
// the insight panel's transition friction: the friction the team estimates next to the one measured.
import { flowsOf, useObserved } from '../../state/observed/observedStore';
import { formatDuration } from '../../state/observed/observedView';
import { useT } from '../../i18n';
import '../../canvas/observed/observed.css';

export function MeasuredStep({ source, target }: { source: string; target: string }) {
  const t = useT();
  const edge = useObserved((state) => flowsOf(state)?.edges.find((e) => e.source === source && e.target === target));
  if (!edge) return null;
  return (
    <span className="insight-measured" data-testid="transition-measured">
      {t('observed.insightMeasured', { n: edge.cases, time: formatDuration(edge.medianSeconds) })}
    </span>
  );
}
