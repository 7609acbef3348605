// The census view (the seed's channel census): per channel what it serves and for whom, and the
// findings a CX team acts on — needs nobody serves, needs a persona can only meet through channels
// it avoids, needs hanging on one channel, channels serving no need, channels whose quality is red
// ("quality over quantity").
import type * as Y from 'yjs';
import { type ChannelMedium, type ChannelType, type PersonaNode } from '../schema';
import { readMetricDefs } from '../metrics/defs';
import { readMetricValue } from '../metrics/read';
import { aggregateTouchpoints } from '../metrics/aggregate';
import { metricStatus, type MetricStatus } from '../metrics/status';
import { censusParts, servingChannels, type CensusParts } from './needs';

export interface ChannelMetricReading {
  key: string;
  value: number;
  status: MetricStatus;
}

export interface ChannelCensusRow {
  id: string;
  label: string;
  type: ChannelType;
  medium: ChannelMedium;
  needIds: string[];
  touchpointIds: string[];
  /** The channel's own value of each metric, else its touchpoints' (volume-weighted) aggregate. */
  metrics: ChannelMetricReading[];
  preferredBy: string[];
  acceptableBy: string[];
  avoidedBy: string[];
  /** Persona id → share (%) of its customers who prefer this channel, where known. */
  shares: Record<string, number>;
}

export type CensusFinding =
  | { kind: 'need-uncovered'; needId: string; personaIds: string[] }
  | { kind: 'need-avoided-only'; needId: string; personaId: string; channelIds: string[] }
  | { kind: 'need-single-channel'; needId: string; channelId: string }
  | { kind: 'channel-no-need'; channelId: string }
  | { kind: 'channel-quality-red'; channelId: string; metricKeys: string[] };

export interface ChannelCensus {
  channels: ChannelCensusRow[];
  byType: Record<ChannelType, number>;
  findings: CensusFinding[];
}

function personasBy(personas: readonly PersonaNode[], channelId: string, pref: string): string[] {
  return personas.filter((p) => p.channelPrefs[channelId] === pref).map((p) => p.id);
}

function readings(doc: Y.Doc, channelId: string, touchpointIds: readonly string[]): ChannelMetricReading[] {
  const out: ChannelMetricReading[] = [];
  for (const def of readMetricDefs(doc)) {
    const value = readMetricValue(doc, channelId, def.key) ?? aggregateTouchpoints(doc, touchpointIds, def.key)?.value;
    if (value === undefined || value === null) continue;
    out.push({ key: def.key, value, status: metricStatus(def, value) });
  }
  return out;
}

function findings(parts: CensusParts, rows: readonly ChannelCensusRow[]): CensusFinding[] {
  const out: CensusFinding[] = [];
  const everyone = servingChannels(parts, null);
  for (const n of parts.needs) {
    const serving = [...(everyone.get(n.id)?.keys() ?? [])];
    if (serving.length === 0) {
      const personaIds = parts.personas.filter((p) => p.needWeights[n.id] !== undefined).map((p) => p.id);
      out.push({ kind: 'need-uncovered', needId: n.id, personaIds });
    }
  }
  for (const p of parts.personas) {
    const mine = servingChannels(parts, p);
    for (const n of parts.needs) {
      if (p.needWeights[n.id] === undefined) continue;
      const serving = [...(mine.get(n.id)?.keys() ?? [])];
      if (serving.length > 0 && serving.every((c) => p.channelPrefs[c] === 'avoided'))
        out.push({ kind: 'need-avoided-only', needId: n.id, personaId: p.id, channelIds: serving });
    }
  }
  for (const n of parts.needs) {
    const serving = [...(everyone.get(n.id)?.keys() ?? [])];
    if (serving.length === 1 && serving[0])
      out.push({ kind: 'need-single-channel', needId: n.id, channelId: serving[0] });
  }
  for (const r of rows) if (r.needIds.length === 0) out.push({ kind: 'channel-no-need', channelId: r.id });
  for (const r of rows) {
    const red = r.metrics.filter((m) => m.status === 'red').map((m) => m.key);
    if (red.length > 0) out.push({ kind: 'channel-quality-red', channelId: r.id, metricKeys: red });
  }
  return out;
}

/** Per channel (canvas order) what it serves and for whom, the physical/digital balance, and the findings. */
export function channelCensus(doc: Y.Doc): ChannelCensus {
  const parts = censusParts(doc);
  const everyone = servingChannels(parts, null);
  const rows = parts.channels.map((c): ChannelCensusRow => {
    const touchpointIds = parts.touchpoints.filter((t) => t.channelId === c.id).map((t) => t.id);
    const shares: Record<string, number> = {};
    for (const p of parts.personas) {
      const s = p.channelShares[c.id];
      if (s !== undefined) shares[p.id] = s;
    }
    return {
      id: c.id,
      label: c.label,
      type: c.type,
      medium: c.medium,
      needIds: parts.needs.filter((n) => everyone.get(n.id)?.has(c.id)).map((n) => n.id),
      touchpointIds,
      metrics: readings(doc, c.id, touchpointIds),
      preferredBy: personasBy(parts.personas, c.id, 'preferred'),
      acceptableBy: personasBy(parts.personas, c.id, 'acceptable'),
      avoidedBy: personasBy(parts.personas, c.id, 'avoided'),
      shares,
    };
  });
  const byType: Record<ChannelType, number> = { digital: 0, physical: 0 };
  for (const r of rows) byType[r.type]++;
  return { channels: rows, byType, findings: findings(parts, rows) };
}
