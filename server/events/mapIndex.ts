// What the events need from a map's document: its touchpoints and channels by id and by label
// (trimmed, case-insensitive, else a similar label: the CSV import's name matching), and its
// designed path edges. Read once per request from the loaded room; plain data afterwards.
import type * as Y from 'yjs';
import { rankNames, readEdges, readNodes, type NameCandidate } from '../../src/model';

/** How a log's activity or channel text matches a label: trimmed and lower-cased. */
export function normalizeLabel(text: string): string {
  return text.trim().toLowerCase();
}

export interface MapIndex {
  touchpointIds: Set<string>;
  /** normalised label → touchpoint id (the smallest id when several share a label). */
  touchpointByLabel: Map<string, string>;
  channelIds: Set<string>;
  channelByLabel: Map<string, string>;
  /** `${source}\n${target}` of every path edge. */
  designed: Set<string>;
  /** The touchpoints as names, for a label written differently. */
  touchpointNames: NameCandidate[];
  /** normalised text → the touchpoint a similar label gave (null: none, or several as good): a log repeats few texts. */
  similar: Map<string, string | null>;
}

export function edgeKey(source: string, target: string): string {
  return `${source}\n${target}`;
}

export function readMapIndex(doc: Y.Doc): MapIndex {
  const index: MapIndex = {
    touchpointIds: new Set(),
    touchpointByLabel: new Map(),
    channelIds: new Set(),
    channelByLabel: new Map(),
    designed: new Set(),
    touchpointNames: [],
    similar: new Map(),
  };
  for (const node of readNodes(doc)) {
    // readNodes is in id order: the first node of a label keeps it
    if (node.kind === 'touchpoint') {
      index.touchpointIds.add(node.id);
      const label = normalizeLabel(node.label);
      if (label && !index.touchpointByLabel.has(label)) index.touchpointByLabel.set(label, node.id);
      index.touchpointNames.push({ id: node.id, label: node.label, kind: node.kind });
    } else if (node.kind === 'channel') {
      index.channelIds.add(node.id);
      const label = normalizeLabel(node.label);
      if (label && !index.channelByLabel.has(label)) index.channelByLabel.set(label, node.id);
    }
  }
  for (const edge of readEdges(doc)) index.designed.add(edgeKey(edge.source, edge.target));
  return index;
}

/** The touchpoint a log's text names: a mapping first, then an id, a label, a similar label; null if none. */
export function resolveTouchpoint(index: MapIndex, mappings: Map<string, string>, text: string): string | null {
  const norm = normalizeLabel(text);
  const mapped = mappings.get(norm);
  if (mapped !== undefined) return mapped;
  const trimmed = text.trim();
  if (index.touchpointIds.has(trimmed)) return trimmed;
  const exact = index.touchpointByLabel.get(norm);
  if (exact !== undefined) return exact;
  let similar = index.similar.get(norm);
  if (similar === undefined) {
    const [best, second] = rankNames(trimmed, index.touchpointNames);
    similar = best && (!second || second.score < best.score) ? best.id : null;
    index.similar.set(norm, similar);
  }
  return similar;
}

/** The channel a log's text names (id or label), else the text itself, trimmed. */
export function resolveChannel(index: MapIndex, text: string): string {
  const trimmed = text.trim();
  if (index.channelIds.has(trimmed)) return trimmed;
  return index.channelByLabel.get(normalizeLabel(text)) ?? trimmed;
}
