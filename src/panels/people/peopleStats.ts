// Reads for the owners and personas panels, on top of the model's queries.
import type * as Y from 'yjs';
import {
  appliesToPersona,
  metricStatus,
  ownerWorkload,
  readMedia,
  readMetricDefs,
  readMetrics,
  stagesOwnedBy,
  touchpointsByStage,
  type JourneyNode,
  type MediaRef,
  type PersonaNode,
  type TouchpointNode,
} from '../../model';

export interface OwnerFocusStats {
  stages: number;
  touchpoints: number;
  openComments: number;
  /** Metrics in the red on the owner's stages and on their touchpoints. */
  redMetrics: number;
}

/** How many metrics of these nodes are red (a metric without a definition or a value has no status). */
export function redMetricCount(doc: Y.Doc, nodeIds: readonly string[]): number {
  const defs = new Map(readMetricDefs(doc).map((def) => [def.key, def]));
  let count = 0;
  for (const id of nodeIds) {
    for (const [key, metric] of Object.entries(readMetrics(doc, id))) {
      const def = defs.get(key);
      if (def && metric.value !== null && metricStatus(def, metric.value) === 'red') count++;
    }
  }
  return count;
}

export function ownerFocusStats(doc: Y.Doc, ownerId: string): OwnerFocusStats {
  const workload = ownerWorkload(doc, ownerId);
  const byStage = touchpointsByStage(doc);
  const ids = stagesOwnedBy(doc, ownerId).flatMap((stage) => [
    stage.id,
    ...(byStage.get(stage.id) ?? []).map((tp) => tp.id),
  ]);
  return { ...workload, redMetrics: redMetricCount(doc, ids) };
}

/** How many of the map's touchpoints apply to each persona (the persona rule of the model). */
export function personaReach(nodes: ReadonlyMap<string, JourneyNode>): {
  total: number;
  byPersona: Map<string, number>;
} {
  const all = [...nodes.values()];
  const tps = all.filter((n): n is TouchpointNode => n.kind === 'touchpoint');
  const personas = all.filter((n): n is PersonaNode => n.kind === 'persona');
  const ids = new Set(personas.map((p) => p.id));
  const byPersona = new Map(personas.map((p) => [p.id, tps.filter((tp) => appliesToPersona(tp, p.id, ids)).length]));
  return { total: tps.length, byPersona };
}

/** Every image attached to any node of the map, each once (the persona photo candidates). */
export function mapImages(doc: Y.Doc, nodes: ReadonlyMap<string, JourneyNode>): MediaRef[] {
  const seen = new Map<string, MediaRef>();
  for (const id of nodes.keys()) {
    for (const ref of readMedia(doc, id)) if (ref.kind === 'image' && !seen.has(ref.id)) seen.set(ref.id, ref);
  }
  return [...seen.values()];
}
