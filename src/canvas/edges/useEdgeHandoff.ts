// Which edges React Flow draws while cards are dragged with the whole map in view (a sketched
// drag, dragInProgress.ts): the moving cards' edges only; the others are drawn as a still picture
// (StillEdges.tsx). They leave React Flow all at once, in the render that starts the drag: handed
// over a batch per frame, every batch was a render, a commit and a new layering of the page of its
// own, and on a 500-node map the first 300 ms of a drag lost about half their frames (measured
// frame by frame, bench/browser.bench.ts). They come back a batch per animation frame after the
// drop, so mounting hundreds of edges never holds up the page for several frames at once.
import { useEffect, useMemo, useState } from 'react';
import type { PathFlowEdge } from '../../state/viewTypes';

/** Edges handed back per animation frame after the drop (about 20 ms of work on a 500-node map, on this machine). */
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
    // a drag started (the still edges leave React Flow in this render) or ended (they come back a
    // batch a frame; a drag that starts again before they all did takes the rest over at once)
    if (sketched) {
      const still = edges
        .filter((edge) => !sketched.has(edge.source) && !sketched.has(edge.target))
        .map((edge) => edge.id);
      setHandoff({ sketched, still, mounted: 0 });
    } else setHandoff({ ...handoff, sketched: null });
  }
  useEffect(() => {
    const { still, mounted } = handoff;
    if (!still) return;
    if (handoff.sketched) return; // handed over whole; nothing moves until the drop
    if (mounted >= still.length) {
      setHandoff(NONE);
      return;
    }
    const frame = requestAnimationFrame(() =>
      setHandoff((now) =>
        now === handoff ? { ...now, mounted: Math.min(still.length, mounted + HANDOFF_PER_FRAME) } : now,
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
