// The touchpoint table that CSV export and the PDF appendix share: one plain row per touchpoint, in
// the customer's order (stages left to right, then position), read through the model's queries.
import type * as Y from 'yjs';
import {
  exportJourney,
  readMetricDefs,
  readMetrics,
  readNodes,
  touchpointsByStage,
  type JourneyNode,
  type MetricDef,
  type NotesNode,
} from '../model';
import type { MetricText } from '../state/metrics/format';

export interface MetricColumn {
  key: string;
  label: string;
  unit: string;
}

export interface TouchpointRow {
  id: string;
  stage: string;
  touchpoint: string;
  channel: string;
  /** The stage's owner ("name (role)"), or ''. */
  owner: string;
  personas: string[];
  emotion: number;
  painPoints: string[];
  opportunities: string[];
  /** Metric values by key (null: no value). */
  metrics: Record<string, number | null>;
  /** The plain text of the notes, one line per block. */
  notes: string;
}

export interface TouchpointTable {
  metrics: MetricColumn[];
  rows: TouchpointRow[];
}

/** Plain text of a notes tree: text runs joined, a line break after each block. */
export function notesText(nodes: readonly NotesNode[]): string {
  const lines: string[] = [];
  const walk = (list: readonly NotesNode[], line: string[]): void => {
    for (const node of list) {
      if (node.type === 'text') {
        for (const op of node.delta) if (typeof op.insert === 'string') line.push(op.insert);
      } else {
        const inner: string[] = [];
        walk(node.children, inner);
        const text = inner.join('').trim();
        const isBlock = node.children.some((child) => child.type === 'text');
        if (isBlock && text) lines.push(text);
        else if (!isBlock && text) line.push(text);
      }
    }
  };
  const top: string[] = [];
  walk(nodes, top);
  const rest = top.join('').trim();
  if (rest) lines.push(rest);
  return lines.join('\n');
}

function ownerText(owner: JourneyNode | undefined): string {
  if (owner?.kind !== 'owner') return '';
  const name = owner.name || owner.label;
  return owner.role ? `${name} (${owner.role})` : name;
}

/** Every metric definition, then metric keys found on touchpoints that have no definition. */
function metricColumns(defs: readonly MetricDef[], seenKeys: ReadonlySet<string>, text?: MetricText): MetricColumn[] {
  const columns = defs.map((d) => ({
    key: d.key,
    label: text ? text.label(d) : d.label,
    unit: text ? text.unit(d) : d.unit,
  }));
  const known = new Set(columns.map((c) => c.key));
  for (const key of [...seenKeys].sort()) if (!known.has(key)) columns.push({ key, label: key, unit: '' });
  return columns;
}

/** `text`: default metrics named in the reader's language (the PDF); without it, as the map stores them (CSV). */
export function touchpointTable(doc: Y.Doc, unassignedStage: string, text?: MetricText): TouchpointTable {
  const byId = new Map(readNodes(doc).map((node) => [node.id, node]));
  const notes = new Map(exportJourney(doc).nodes.map((node) => [node.id, node.notes ?? []]));
  const seenKeys = new Set<string>();
  const rows: TouchpointRow[] = [];
  for (const [stageId, touchpoints] of touchpointsByStage(doc)) {
    const stage = stageId ? byId.get(stageId) : undefined;
    const stageName = stage?.kind === 'stage' ? stage.label : unassignedStage;
    const owner = stage?.kind === 'stage' && stage.ownerId ? ownerText(byId.get(stage.ownerId)) : '';
    for (const tp of touchpoints) {
      const channel = tp.channelId ? byId.get(tp.channelId) : undefined;
      const metrics: Record<string, number | null> = {};
      for (const [key, metric] of Object.entries(readMetrics(doc, tp.id))) {
        seenKeys.add(key);
        metrics[key] = metric.value;
      }
      rows.push({
        id: tp.id,
        stage: stageName,
        touchpoint: tp.label,
        channel: channel?.kind === 'channel' ? channel.label : '',
        owner,
        personas: tp.personaIds.flatMap((id) => {
          const persona = byId.get(id);
          return persona?.kind === 'persona' ? [persona.name || persona.label] : [];
        }),
        emotion: tp.emotion,
        painPoints: tp.painPoints,
        opportunities: tp.opportunities,
        metrics,
        notes: notesText(notes.get(tp.id) ?? []),
      });
    }
  }
  return { metrics: metricColumns(readMetricDefs(doc), seenKeys, text), rows };
}

/** "CSAT (1–5)" or just "NPS". */
export function metricHeading(column: MetricColumn): string {
  return column.unit ? `${column.label} (${column.unit})` : column.label;
}
