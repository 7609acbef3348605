// The channel census: which channels serve which customer needs, for whom, and where the gaps are.
// A channel serves a need when the channel itself lists it, or when one of the touchpoints through
// the channel does (seen for a persona: only touchpoints that apply to the persona count, personas.ts).
import type * as Y from 'yjs';
import {
  type ChannelNode,
  type ChannelPreference,
  type NeedNode,
  type NeedPriority,
  type PersonaNode,
  type TouchpointNode,
} from '../schema';
import { byPosition, readNodes } from '../queries';
import { appliesToPersona } from '../personas';

export type NeedCoverage = 'covered' | 'avoidedOnly' | 'uncovered';

/** How a channel serves a need: the channel lists it, or only some of its touchpoints do. */
export interface NeedCell {
  byChannel: boolean;
  touchpointIds: string[];
}

export interface NeedsMatrix {
  personaId: string | null;
  /** The needs shown: with a persona, those that matter to it (heaviest first), or every need if it weighs none. */
  needs: Array<{
    id: string;
    label: string;
    priority: NeedPriority;
    /** The persona's weight (1..3); null without a persona or when the persona does not weigh it. */
    weight: number | null;
    /** Channels serving it, in channel order. */
    channelIds: string[];
    status: NeedCoverage;
  }>;
  channels: Array<{ id: string; label: string; type: ChannelNode['type']; preference: ChannelPreference | null }>;
  /** cells[n][c]: how channels[c] serves needs[n], or null. */
  cells: Array<Array<NeedCell | null>>;
}

const PRIORITY_RANK: Record<NeedPriority, number> = { high: 0, medium: 1, low: 2 };

export interface CensusParts {
  needs: NeedNode[];
  channels: ChannelNode[];
  touchpoints: TouchpointNode[];
  personas: PersonaNode[];
}

export function censusParts(doc: Y.Doc): CensusParts {
  const nodes = readNodes(doc);
  const needs = nodes.filter((n): n is NeedNode => n.kind === 'need');
  needs.sort((a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || a.label.localeCompare(b.label));
  return {
    needs,
    channels: nodes.filter((n): n is ChannelNode => n.kind === 'channel').sort(byPosition),
    touchpoints: nodes.filter((n): n is TouchpointNode => n.kind === 'touchpoint'),
    personas: nodes
      .filter((n): n is PersonaNode => n.kind === 'persona')
      .sort((a, b) => a.label.localeCompare(b.label)),
  };
}

/** For each need id, each channel id serving it with how. `persona`: only its touchpoints count. */
export function servingChannels(parts: CensusParts, persona: PersonaNode | null): Map<string, Map<string, NeedCell>> {
  const out = new Map<string, Map<string, NeedCell>>(parts.needs.map((n) => [n.id, new Map()]));
  const channelIds = new Set(parts.channels.map((c) => c.id));
  const personaIds = new Set(parts.personas.map((p) => p.id));
  const cell = (needId: string, channelId: string): NeedCell | undefined => {
    const row = out.get(needId);
    if (!row) return undefined;
    const c = row.get(channelId) ?? { byChannel: false, touchpointIds: [] };
    row.set(channelId, c);
    return c;
  };
  for (const c of parts.channels)
    for (const n of c.needIds) {
      const x = cell(n, c.id);
      if (x) x.byChannel = true;
    }
  for (const t of parts.touchpoints) {
    if (t.channelId === null || !channelIds.has(t.channelId)) continue;
    if (persona && !appliesToPersona(t, persona.id, personaIds)) continue;
    for (const n of t.needIds) cell(n, t.channelId)?.touchpointIds.push(t.id);
  }
  return out;
}

/** Covered by a channel the persona does not avoid; only by avoided ones; or by none. */
function coverage(serving: readonly string[], persona: PersonaNode | null): NeedCoverage {
  if (serving.length === 0) return 'uncovered';
  if (!persona) return 'covered';
  return serving.some((c) => persona.channelPrefs[c] !== 'avoided') ? 'covered' : 'avoidedOnly';
}

/** The needs × channels matrix, for everyone (personaId null) or for one persona. */
export function needsMatrix(doc: Y.Doc, personaId: string | null = null): NeedsMatrix {
  const parts = censusParts(doc);
  const persona = parts.personas.find((p) => p.id === personaId) ?? null;
  const serving = servingChannels(parts, persona);
  let needs = parts.needs;
  if (persona && Object.keys(persona.needWeights).length > 0) {
    needs = needs
      .filter((n) => persona.needWeights[n.id] !== undefined)
      .sort((a, b) => (persona.needWeights[b.id] ?? 0) - (persona.needWeights[a.id] ?? 0));
  }
  const channels = parts.channels;
  return {
    personaId: persona?.id ?? null,
    needs: needs.map((n) => {
      const row = serving.get(n.id) ?? new Map<string, NeedCell>();
      const channelIds = channels.filter((c) => row.has(c.id)).map((c) => c.id);
      return {
        id: n.id,
        label: n.label,
        priority: n.priority,
        weight: persona?.needWeights[n.id] ?? null,
        channelIds,
        status: coverage(channelIds, persona),
      };
    }),
    channels: channels.map((c) => ({
      id: c.id,
      label: c.label,
      type: c.type,
      preference: persona?.channelPrefs[c.id] ?? null,
    })),
    cells: needs.map((n) => channels.map((c) => serving.get(n.id)?.get(c.id) ?? null)),
  };
}
