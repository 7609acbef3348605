// The most frequent complete paths; choosing one highlights its steps on the map (again: clears).
import type { JourneyNode } from '../../model';
import { flowsOf, useObserved } from '../../state/observed/observedStore';
import { END, START } from '../../sync/observedApi';
import { useT } from '../../i18n';
import { stepName } from './names';

export function VariantList({ nodes }: { nodes: ReadonlyMap<string, JourneyNode> }) {
  const t = useT();
  const flows = useObserved(flowsOf);
  const chosen = useObserved((state) => state.variant);
  const setVariant = useObserved((state) => state.setVariant);
  const on = useObserved((state) => state.on);
  const setOn = useObserved((state) => state.setOn);
  const minCases = useObserved((state) => state.minCases);
  if (!flows || flows.variants.length === 0) return <p className="hint">{t('observed.noVariants')}</p>;
  const shown = flows.variants.map((v, i) => ({ ...v, index: i })).filter((v) => v.cases >= minCases);
  if (shown.length === 0) return <p className="hint">{t('observed.noVariantsAbove', { n: minCases })}</p>;
  return (
    <ol className="insight-list observed-variants" data-testid="observed-variants">
      {shown.map((variant) => {
        const steps = variant.path.filter((id) => id !== START && id !== END);
        const share = flows.cases > 0 ? Math.round((variant.cases / flows.cases) * 100) : 0;
        return (
          <li key={variant.index}>
            <button
              type="button"
              className={`insight-item ${chosen === variant.index ? 'is-active' : ''}`}
              aria-pressed={chosen === variant.index}
              data-testid="observed-variant"
              onClick={() => {
                if (!on) setOn(true);
                setVariant(chosen === variant.index ? null : variant.index);
              }}
            >
              <span className="insight-item-title">{steps.map((id) => stepName(id, nodes, t)).join(' → ')}</span>
              <span className="insight-item-meta">
                {t(variant.cases === 1 ? 'observed.variantCasesOne' : 'observed.variantCases', {
                  n: variant.cases,
                  share,
                })}
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
