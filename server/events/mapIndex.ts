// What the events need from a map's document: its touchpoints and channels by id and by label
// (trimmed, case-insensitive), and its designed path edges. Read once per request from the loaded
// room; plain data afterwards.
import type * as Y from 'yjs';
import { readEdges, readNodes } from '../../src/model';

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
  };
  for (const node of readNodes(doc)) {
    // readNodes is in id order: the first node of a label keeps it
    if (node.kind === 'touchpoint') {
      index.touchpointIds.add(node.id);
      const label = normalizeLabel(node.label);
      if (label && !index.touchpointByLabel.has(label)) index.touchpointByLabel.set(label, node.id);
    } else if (node.kind === 'channel') {
      index.channelIds.add(node.id);
      const label = normalizeLabel(node.label);
      if (label && !index.channelByLabel.has(label)) index.channelByLabel.set(label, node.id);
    }
  }
  for (const edge of readEdges(doc)) index.designed.add(edgeKey(edge.source, edge.target));
  return index;
}

/** The touchpoint a log's text names: a mapping first, then an id, then a label; null if none. */
export function resolveTouchpoint(index: MapIndex, mappings: Map<string, string>, text: string): string | null {
  const norm = normalizeLabel(text);
  const mapped = mappings.get(norm);
  if (mapped !== undefined) return mapped;
  const trimmed = text.trim();
  if (index.touchpointIds.has(trimmed)) return trimmed;
  return index.touchpointByLabel.get(norm) ?? null;
}

/** The channel a log's text names (id or label), else the text itself, trimmed. */
export function resolveChannel(index: MapIndex, text: string): string {
  const trimmed = text.trim();
  if (index.channelIds.has(trimmed)) return trimmed;
  return index.channelByLabel.get(normalizeLabel(text)) ?? trimmed;
}
