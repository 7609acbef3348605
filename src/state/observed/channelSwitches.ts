// Channel switches as customers live them, from the flows: per pair of channels, how many customers
// switch, the time the switch costs them (median between the two contacts), and how often they come
// back to the channel they left (read from the variants, the complete paths the server lists).
import type { Flows } from '../../sync/observedApi';

export interface ChannelSwitch {
  fromChannel: string;
  toChannel: string;
  /** Customers taking a step from one channel to the other (summed over the steps). */
  customers: number;
  transitions: number;
  /** Median time between the two contacts (the steps' medians, weighted by transitions). */
  medianSeconds: number | null;
  /** Of the customers in the listed variants who make this switch, how many come back to `fromChannel` later. */
  returns: number;
  /** The customers in the listed variants who make this switch (the base of `returns`). */
  returnBase: number;
}

type ChannelOf = (touchpointId: string) => string | null | undefined;

export const switchKey = (from: string, to: string) => `${from}→${to}`;

/** The median of values each repeated `weight` times. */
export function weightedMedian(items: ReadonlyArray<{ value: number; weight: number }>): number | null {
  const sorted = items.filter((i) => i.weight > 0 && Number.isFinite(i.value)).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, i) => sum + i.weight, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const item of sorted) {
    seen += item.weight;
    if (seen >= total / 2) return item.value;
  }
  return sorted[sorted.length - 1]!.value;
}

export function channelSwitches(flows: Flows, channelOf: ChannelOf): ChannelSwitch[] {
  const byPair = new Map<string, ChannelSwitch & { medians: Array<{ value: number; weight: number }> }>();
  const entry = (from: string, to: string) => {
    const key = switchKey(from, to);
    let found = byPair.get(key);
    if (!found) {
      found = {
        fromChannel: from,
        toChannel: to,
        customers: 0,
        transitions: 0,
        medianSeconds: null,
        returns: 0,
        returnBase: 0,
        medians: [],
      };
      byPair.set(key, found);
    }
    return found;
  };
  for (const edge of flows.edges) {
    const from = channelOf(edge.source);
    const to = channelOf(edge.target);
    if (!from || !to || from === to) continue;
    const item = entry(from, to);
    item.customers += edge.cases;
    item.transitions += edge.transitions;
    if (edge.medianSeconds !== null) item.medians.push({ value: edge.medianSeconds, weight: edge.transitions });
  }
  for (const variant of flows.variants) {
    const channels = variant.path.map((id) => channelOf(id)).filter((c): c is string => !!c);
    const counted = new Set<string>(); // each switch once per customer path
    for (let i = 1; i < channels.length; i++) {
      const from = channels[i - 1]!;
      const to = channels[i]!;
      if (from === to || counted.has(switchKey(from, to))) continue;
      counted.add(switchKey(from, to));
      const item = entry(from, to);
      item.returnBase += variant.cases;
      if (channels.indexOf(from, i + 1) !== -1) item.returns += variant.cases;
    }
  }
  return [...byPair.values()]
    .map(({ medians, ...item }) => ({ ...item, medianSeconds: weightedMedian(medians) }))
    .filter((item) => item.customers > 0)
    .sort(
      (a, b) =>
        b.customers - a.customers ||
        a.fromChannel.localeCompare(b.fromChannel) ||
        a.toChannel.localeCompare(b.toChannel),
    );
}
