// Activities of the log that match no touchpoint, with a way (for editors) to map each to one; the
// server keeps the mapping with the map and applies it to past and future rows.
import { useMemo, useState } from 'react';
import type { JourneyNode, TouchpointNode } from '../../model';
import { flowsOf, useObserved } from '../../state/observed/observedStore';
import { mapActivity } from '../../sync/observedApi';
import { useMap } from '../../state/session';
import { useT } from '../../i18n';

export function UnmappedList({ nodes }: { nodes: ReadonlyMap<string, JourneyNode> }) {
  const t = useT();
  const flows = useObserved(flowsOf);
  const touchpoints = useMemo(
    () =>
      [...nodes.values()]
        .filter((n): n is TouchpointNode => n.kind === 'touchpoint')
        .sort((a, b) => a.label.localeCompare(b.label)),
    [nodes],
  );
  if (!flows || flows.unmapped.length === 0) return <p className="hint">{t('observed.noUnmapped')}</p>;
  return (
    <ul className="observed-unmapped" data-testid="observed-unmapped">
      {flows.unmapped.map((item) => (
        <UnmappedRow key={item.activity} activity={item.activity} events={item.events} touchpoints={touchpoints} />
      ))}
    </ul>
  );
}

function UnmappedRow({
  activity,
  events,
  touchpoints,
}: {
  activity: string;
  events: number;
  touchpoints: TouchpointNode[];
}) {
  const t = useT();
  const { mapId, mapKey, readOnly } = useMap();
  const [choice, setChoice] = useState('');
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const save = async () => {
    setState({ busy: true, error: null });
    try {
      await mapActivity(mapId, mapKey, activity, choice);
      setState({ busy: false, error: null });
      void useObserved.getState().refresh();
    } catch (error) {
      setState({ busy: false, error: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <li data-testid="observed-unmapped-activity">
      <span className="observed-unmapped-name">
        “{activity}”{' '}
        <span className="hint">{t(events === 1 ? 'observed.eventsOne' : 'observed.events', { n: events })}</span>
      </span>
      {!readOnly && (
        <span className="observed-unmapped-map">
          <select
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            aria-label={t('observed.mapActivity', { activity })}
          >
            <option value="">{t('observed.chooseTouchpoint')}</option>
            {touchpoints.map((tp) => (
              <option key={tp.id} value={tp.id}>
                {tp.label}
              </option>
            ))}
          </select>
          <button type="button" disabled={!choice || state.busy} onClick={() => void save()}>
            {t('observed.map')}
          </button>
        </span>
      )}
      {state.error && (
        <span className="metric-error" role="alert">
          {state.error}
        </span>
      )}
    </li>
  );
}
