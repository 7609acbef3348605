// Which edges React Flow draws while cards are dragged with the whole map in view (a sketched
// drag, dragInProgress.ts): the moving cards' edges, and the others only until they have been
// handed to the still picture (StillEdges.tsx). They change hands a batch per animation frame, at
// the start of the drag and back after the drop, so unmounting and mounting hundreds of edges never
// holds up the page for several frames at once.
import { useEffect, useMemo, useState } from 'react';
import type { PathFlowEdge } from '../../state/viewTypes';

/** Edges handed over per animation frame (about 20 ms of work on a 500-node map, on this machine). */
export const HANDOFF_PER_FRAME = 120;

interface Handoff {
  /** The sketched drag this handoff is for; null once it ended (the edges are being handed back). */
  sketched: ReadonlySet<string> | null;
  /** Ids of the edges that stand still in this drag, in order; null when there is no handoff. */
  still: string[] | null;
  /** How many of them (from the start) React Flow still draws. */
  mounted: number;
}

const NONE: Handoff = { sketched: null, still: null, mounted: 0 };

/** The edges React Flow draws, and the ids drawn as a still picture (null: none). */
export function useEdgeHandoff(
  edges: PathFlowEdge[],
  sketched: ReadonlySet<string> | null,
): [PathFlowEdge[], string[] | null] {
  const [handoff, setHandoff] = useState<Handoff>(NONE);
  if (handoff.sketched !== sketched) {
    // a drag started (every edge still mounted: they leave a batch a frame) or ended (they come back)
    if (sketched) {
      const still = edges
        .filter((edge) => !sketched.has(edge.source) && !sketched.has(edge.target))
        .map((edge) => edge.id);
      setHandoff({ sketched, still, mounted: still.length });
    } else setHandoff({ ...handoff, sketched: null });
  }
  useEffect(() => {
    const { still, mounted } = handoff;
    if (!still) return;
    const target = handoff.sketched ? 0 : still.length;
    if (mounted === target && !handoff.sketched) {
      setHandoff(NONE);
      return;
    }
    if (mounted === target) return;
    const frame = requestAnimationFrame(() =>
      setHandoff((now) =>
        now === handoff
          ? {
              ...now,
              mounted: Math.max(0, Math.min(still.length, mounted + (now.sketched ? -1 : 1) * HANDOFF_PER_FRAME)),
            }
          : now,
      ),
    );
    return () => cancelAnimationFrame(frame);
  }, [handoff]);
  return useMemo(() => {
    const pictured = handoff.still?.slice(handoff.mounted) ?? [];
    if (pictured.length === 0) return [edges, null];
    const away = new Set(pictured);
    return [edges.filter((edge) => !away.has(edge.id)), pictured];
  }, [edges, handoff]);
}
