// What a map focus dims, computed from the model nodes the view store already holds. The canvas
// dims through one injected stylesheet (FocusStyles), so focusing never re-renders a node.
import { appliesToPersona, type JourneyNode, type PersonaNode, type TouchpointNode } from '../../model';
import type { MapFocus } from '../../state/uiStore';

type Nodes = ReadonlyMap<string, JourneyNode>;

export interface Dimmed {
  nodes: string[];
  edges: string[];
}

const touchpointsOf = (nodes: Nodes) => [...nodes.values()].filter((n): n is TouchpointNode => n.kind === 'touchpoint');

/** The focused owner or persona, or null when the focus names nothing on this map (removed, other map). */
export function focusTarget(nodes: Nodes, focus: MapFocus): JourneyNode | null {
  if (!focus) return null;
  const node = nodes.get(focus.id);
  return node?.kind === focus.kind ? node : null;
}

/** The touchpoints that stay lit for a focus (owner: in their stages; persona: the ones that apply). */
export function litTouchpoints(nodes: Nodes, focus: NonNullable<MapFocus>): TouchpointNode[] {
  const tps = touchpointsOf(nodes);
  if (focus.kind === 'persona') {
    const personas = new Set(
      [...nodes.values()].filter((n): n is PersonaNode => n.kind === 'persona').map((n) => n.id),
    );
    return tps.filter((t) => appliesToPersona(t, focus.id, personas));
  }
  const owned = new Set(
    [...nodes.values()].flatMap((n) => (n.kind === 'stage' && n.ownerId === focus.id ? [n.id] : [])),
  );
  return tps.filter((t) => t.stageId !== null && owned.has(t.stageId));
}

/**
 * Owner focus: every stage, touchpoint and channel outside the owner's stages, and the other owners.
 * Persona focus: the touchpoints that do not apply, and the channels no remaining touchpoint uses.
 * Either way, the path edges that touch a dimmed touchpoint.
 */
export function dimmedFor(
  nodes: Nodes,
  focus: MapFocus,
  edges: readonly { id: string; source: string; target: string }[],
): Dimmed {
  if (!focus || !focusTarget(nodes, focus)) return { nodes: [], edges: [] };
  const lit = litTouchpoints(nodes, focus);
  const litIds = new Set(lit.map((t) => t.id));
  const litChannels = new Set(lit.flatMap((t) => (t.channelId ? [t.channelId] : [])));
  const out: string[] = [];
  for (const n of nodes.values()) {
    const dim =
      (n.kind === 'touchpoint' && !litIds.has(n.id)) ||
      (n.kind === 'channel' && !litChannels.has(n.id)) ||
      (focus.kind === 'owner' && n.kind === 'stage' && n.ownerId !== focus.id) ||
      (focus.kind === 'owner' && n.kind === 'owner' && n.id !== focus.id);
    if (dim) out.push(n.id);
  }
  const dimmedTps = new Set(out);
  const dimEdges = edges.filter((e) => dimmedTps.has(e.source) || dimmedTps.has(e.target)).map((e) => e.id);
  return { nodes: out.sort(), edges: dimEdges.sort() };
}

/** CSS.escape, with a fallback where it is missing (jsdom): a leading digit as a code point, odd characters backslashed. */
export function cssEscape(value: string): string {
  if (typeof CSS !== 'undefined' && typeof CSS.escape === 'function') return CSS.escape(value);
  return [...value]
    .map((ch, i) => {
      const leadingDigit = /\d/.test(ch) && (i === 0 || (i === 1 && value[0] === '-'));
      if (leadingDigit) return `\\${ch.charCodeAt(0).toString(16)} `;
      return /[A-Za-z0-9_\u0080-\uffff-]/.test(ch) ? ch : `\\${ch}`;
    })
    .join('');
}

export const DIM_RULE = 'opacity: 0.22; filter: grayscale(0.6);';

/** The stylesheet text for a dimmed set ('' when nothing dims). */
export function dimmingCss({ nodes, edges }: Dimmed): string {
  const selectors = [
    ...nodes.map((id) => `.react-flow__node[data-id="${cssEscape(id)}"]`),
    ...edges.map((id) => `.react-flow__edge[data-id="${cssEscape(id)}"]`),
    // edge labels are drawn outside the edge's own element
    ...edges.map((id) => `.edge-label[data-edge-id="${cssEscape(id)}"]`),
  ];
  if (selectors.length === 0) return '';
  return `${selectors.join(',\n')} { ${DIM_RULE} }\n.react-flow__node, .react-flow__edge { transition: opacity 0.15s, filter 0.15s; }`;
}
