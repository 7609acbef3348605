// What the legend of an exported map explains, as plain data: the channels of this map (colour,
// icon, name), the emotion faces, and the heat colours of the metric the map is coloured by (if the
// metrics panel set one). The PNG draws it with icons; the PDF writes it as real text.
import type * as Y from 'yjs';
import { HEAT_PALETTE, readMetricDef, type ChannelMedium, type JourneyNode, type MetricStatus } from '../model';
import { useUi } from '../state/uiStore';
import { flowsOf, useObserved } from '../state/observed/observedStore';
import type { MetricText } from '../state/metrics/format';

export interface LegendChannel {
  id: string;
  label: string;
  medium: ChannelMedium;
  physical: boolean;
}

export interface LegendHeat {
  metric: string;
  items: Array<{ status: MetricStatus; fill: string; text: string; icon: string; range: string }>;
}

/** The "Observed" overlay, when it is on (its steps are in the picture): what its marks mean. */
export interface LegendObserved {
  cases: number;
  events: number;
  minCases: number;
}

export interface LegendData {
  channels: LegendChannel[];
  heat: LegendHeat | null;
  observed?: LegendObserved | null;
}

/** The overlay's legend when it is on and has flows, else null. */
export function activeObserved(): LegendObserved | null {
  const state = useObserved.getState();
  const flows = flowsOf(state);
  return state.on && flows ? { cases: flows.cases, events: flows.events, minCases: state.minCases } : null;
}

/** The overlay's colours (observed.css), for the PDF legend. */
export const OBSERVED_COLOURS = { designed: '#2563eb', detour: '#9333ea', unused: '#b8bec8' } as const;

/** The metric the canvas is coloured by (set by the metrics UI), or null. */
export function activeColorBy(): string | null {
  return useUi.getState().colorBy || null;
}

function heatLegend(doc: Y.Doc, key: string, text: MetricText): LegendHeat | null {
  const def = readMetricDef(doc, key);
  if (!def) return null;
  // a scale such as "1–5" reads as a note after the number; "%" or "s" follows it as a unit
  const unitText = text.unit(def);
  const unit = !unitText ? '' : /\d/.test(unitText) ? ` (${unitText})` : ` ${unitText}`;
  const [good, bad] = def.better === 'higher' ? ['≥', '≤'] : ['≤', '≥'];
  const ranges: Record<MetricStatus, string> = {
    green: `${good} ${text.number(def.green)}${unit}`,
    amber: `${text.number(Math.min(def.green, def.red))}–${text.number(Math.max(def.green, def.red))}${unit}`,
    red: `${bad} ${text.number(def.red)}${unit}`,
    neutral: '',
  };
  const statuses: MetricStatus[] = def.neutral ? ['neutral'] : ['green', 'amber', 'red', 'neutral'];
  return {
    metric: text.label(def),
    items: statuses.map((status) => ({ status, ...HEAT_PALETTE[status], range: ranges[status] })),
  };
}

export function legendData(
  doc: Y.Doc,
  nodes: Iterable<JourneyNode>,
  colorBy: string | null,
  text: MetricText,
): LegendData {
  const channels: LegendChannel[] = [];
  for (const node of nodes) {
    if (node.kind === 'channel')
      channels.push({ id: node.id, label: node.label, medium: node.medium, physical: node.type === 'physical' });
  }
  channels.sort((a, b) => a.label.localeCompare(b.label));
  return { channels, heat: colorBy ? heatLegend(doc, colorBy, text) : null, observed: activeObserved() };
}
