// The overlay's arithmetic against counts made here from a seeded log: widths follow customers,
// a step is "designed" exactly when the map has that path edge, steps back and repeats are marked,
// unused designed edges are listed, drop-out is counted before the last stage only, and the channel
// switches (customers, time, returns) add up.
import { describe, expect, it } from 'vitest';
import type { FlowEdge, Flows } from '../../src/sync/observedApi';
import {
  MAX_WIDTH,
  MIN_WIDTH,
  edgeWidth,
  formatDuration,
  observedView,
  variantSteps,
  type DesignedMap,
} from '../../src/state/observed/observedView';
import { channelSwitches, weightedMedian } from '../../src/state/observed/channelSwitches';

/** mulberry32: a small seeded generator, so the log is the same on every run. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Three stages: web (stage 0) → call (stage 1) → shop (stage 2); "mail" in stage 1 has no designed edge.
const MAP: DesignedMap = {
  touchpoints: new Map([
    ['web', { channelId: 'ch-web', stageIndex: 0, x: 0 }],
    ['call', { channelId: 'ch-phone', stageIndex: 1, x: 0 }],
    ['mail', { channelId: 'ch-mail', stageIndex: 1, x: 300 }],
    ['shop', { channelId: 'ch-store', stageIndex: 2, x: 0 }],
    ['survey', { channelId: 'ch-mail', stageIndex: 2, x: 300 }],
  ]),
  stageCount: 3,
  edges: [
    { id: 'e1', source: 'web', target: 'call' },
    { id: 'e2', source: 'call', target: 'shop' },
    { id: 'e3', source: 'shop', target: 'survey' },
  ],
};

const STEPS: Record<string, string[]> = {
  start: ['web', 'mail'],
  web: ['call', 'mail', 'end'],
  call: ['call', 'shop', 'web', 'end'],
  mail: ['call', 'end'],
  shop: ['end'],
};

/** A seeded log of paths and the flows the server would answer for it (counted here, plainly). */
function seededFlows(customers: number, seed: number): { flows: Flows; paths: string[][] } {
  const random = seeded(seed);
  const paths: string[][] = [];
  for (let c = 0; c < customers; c++) {
    const path: string[] = [];
    let at = 'start';
    while (path.length < 8) {
      const options = STEPS[at]!;
      const next = options[Math.floor(random() * options.length)]!;
      if (next === 'end') break;
      path.push(next);
      at = next;
    }
    if (path.length === 0) path.push('web');
    paths.push(path);
  }
  const pairs = new Map<string, { transitions: number; cases: Set<number>; gaps: number[] }>();
  const nodes = new Map<string, { events: number; cases: Set<number>; starts: number; ends: number }>();
  paths.forEach((path, c) => {
    const full = ['start', ...path, 'end'];
    for (let i = 1; i < full.length; i++) {
      const key = `${full[i - 1]}|${full[i]}`;
      const pair = pairs.get(key) ?? { transitions: 0, cases: new Set<number>(), gaps: [] };
      pair.transitions++;
      pair.cases.add(c);
      pair.gaps.push(60 * (i + (c % 5)));
      pairs.set(key, pair);
    }
    path.forEach((id, i) => {
      const node = nodes.get(id) ?? { events: 0, cases: new Set<number>(), starts: 0, ends: 0 };
      node.events++;
      node.cases.add(c);
      if (i === 0) node.starts++;
      if (i === path.length - 1) node.ends++;
      nodes.set(id, node);
    });
  });
  const designed = new Set(MAP.edges.map((e) => `${e.source}|${e.target}`));
  const edges: FlowEdge[] = [...pairs].map(([key, pair]) => {
    const [source = '', target = ''] = key.split('|');
    const sorted = [...pair.gaps].sort((a, b) => a - b);
    return {
      source,
      target,
      transitions: pair.transitions,
      cases: pair.cases.size,
      medianSeconds: sorted[Math.floor(sorted.length / 2)]!,
      p95Seconds: sorted[Math.floor(sorted.length * 0.95)]!,
      designed: source === 'start' || target === 'end' ? null : designed.has(key),
    };
  });
  const variantCounts = new Map<string, number>();
  for (const path of paths) variantCounts.set(path.join('|'), (variantCounts.get(path.join('|')) ?? 0) + 1);
  const variants = [...variantCounts]
    .map(([p, cases]) => ({ path: p.split('|'), cases }))
    .sort((a, b) => b.cases - a.cases)
    .slice(0, 20);
  return {
    paths,
    flows: {
      cases: customers,
      events: paths.reduce((n, p) => n + p.length, 0),
      nodes: [...nodes].map(([id, n]) => ({
        id,
        events: n.events,
        cases: n.cases.size,
        starts: n.starts,
        ends: n.ends,
      })),
      edges,
      variants,
      unmapped: [],
    },
  };
}

describe('observed overlay view', () => {
  const { flows, paths } = seededFlows(400, 7);
  const view = observedView(flows, MAP);

  it('draws every step between two touchpoints of the map, none to the virtual ends', () => {
    const expected = new Set<string>();
    for (const path of paths) for (let i = 1; i < path.length; i++) expected.add(`${path[i - 1]}→${path[i]}`);
    expect(new Set(view.edges.map((e) => e.key))).toEqual(expected);
    for (const edge of view.edges) {
      const customers = new Set(
        paths.flatMap((p, c) =>
          p.some((id, i) => i > 0 && p[i - 1] === edge.source && id === edge.target) ? [c] : [],
        ),
      ).size;
      expect(edge.cases).toBe(customers);
    }
  });

  it('gives the busiest step the widest stroke and widths in the order of customers', () => {
    const sorted = [...view.edges].sort((a, b) => a.cases - b.cases);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.width).toBeGreaterThanOrEqual(sorted[i - 1]!.width);
    expect(sorted[sorted.length - 1]!.width).toBe(MAX_WIDTH);
    expect(sorted[0]!.width).toBeGreaterThanOrEqual(MIN_WIDTH);
    expect(edgeWidth(1, 50)).toBe(MIN_WIDTH);
    expect(edgeWidth(25, 50)).toBeGreaterThan(MIN_WIDTH);
    expect(edgeWidth(25, 50)).toBeLessThan(MAX_WIDTH);
  });

  it('marks a step designed exactly when the map has that path edge, and carries its id', () => {
    for (const edge of view.edges) {
      const designed = MAP.edges.find((e) => e.source === edge.source && e.target === edge.target);
      expect(edge.designed).toBe(!!designed);
      expect(edge.edgeId).toBe(designed?.id ?? null);
    }
    expect(view.edges.find((e) => e.key === 'web→mail')?.designed).toBe(false);
    expect(view.edges.find((e) => e.key === 'web→call')?.designed).toBe(true);
  });

  it('marks repeats and steps back to an earlier stage, and only those', () => {
    expect(view.edges.find((e) => e.key === 'call→call')).toMatchObject({ back: true, designed: false });
    expect(view.edges.find((e) => e.key === 'call→web')).toMatchObject({ back: true, designed: false });
    expect(view.edges.find((e) => e.key === 'mail→call')?.back).toBe(true); // same stage, further left
    expect(view.edges.find((e) => e.key === 'web→call')?.back).toBe(false);
  });

  it('greys the designed edges nobody takes', () => {
    // nobody goes from the shop to the survey in this log
    expect(view.unused).toEqual(['e3']);
  });

  it('counts each card’s customers, and drop-out only before the last stage', () => {
    for (const id of ['web', 'call', 'mail']) {
      const customers = paths.filter((p) => p.includes(id)).length;
      const endHere = paths.filter((p) => p[p.length - 1] === id).length;
      expect(view.cards.get(id)).toEqual({ cases: customers, dropOut: endHere });
    }
    const shop = view.cards.get('shop')!;
    expect(shop.cases).toBe(paths.filter((p) => p.includes('shop')).length);
    expect(shop.dropOut).toBe(0); // ending at the last stage is finishing, not dropping out
  });

  it('hides steps under the minimum frequency but still calls taken edges taken', () => {
    const busiest = Math.max(...view.edges.map((e) => e.cases));
    const filtered = observedView(flows, MAP, busiest);
    expect(filtered.edges.every((e) => e.cases >= busiest)).toBe(true);
    expect(filtered.edges.length).toBeGreaterThan(0);
    expect(filtered.edges.length).toBeLessThan(view.edges.length);
    expect(filtered.unused).toEqual(view.unused);
  });

  it('ignores steps to activities that are not on the map', () => {
    const withUnmapped: Flows = {
      ...flows,
      edges: [
        ...flows.edges,
        {
          source: 'web',
          target: 'unmapped:Tweet',
          transitions: 3,
          cases: 3,
          medianSeconds: 5,
          p95Seconds: 9,
          designed: false,
        },
      ],
    };
    expect(observedView(withUnmapped, MAP).edges.some((e) => e.target.startsWith('unmapped:'))).toBe(false);
  });

  it('turns a variant into its steps', () => {
    expect([...variantSteps(['web', 'call', 'call', 'shop'])]).toEqual(['web→call', 'call→call', 'call→shop']);
  });

  it('formats durations for the labels', () => {
    expect([
      formatDuration(42),
      formatDuration(600),
      formatDuration(5400),
      formatDuration(3 * 86400),
      formatDuration(null),
    ]).toEqual(['42 s', '10 min', '1.5 h', '3 d', '–']);
  });
});

describe('channel switches from the flows', () => {
  const channelOf = (id: string) => MAP.touchpoints.get(id)?.channelId ?? null;

  it('sums customers and transitions per channel pair and skips same-channel steps', () => {
    const { flows } = seededFlows(300, 11);
    const switches = channelSwitches(flows, channelOf);
    const webToPhone = switches.find((s) => s.fromChannel === 'ch-web' && s.toChannel === 'ch-phone')!;
    const step = flows.edges.find((e) => e.source === 'web' && e.target === 'call')!;
    expect(webToPhone.customers).toBe(step.cases);
    expect(webToPhone.transitions).toBe(step.transitions);
    expect(webToPhone.medianSeconds).toBe(step.medianSeconds);
    expect(switches.some((s) => s.fromChannel === s.toChannel)).toBe(false);
  });

  it('counts the customers who come back to the channel they left', () => {
    const flows: Flows = {
      cases: 10,
      events: 0,
      nodes: [],
      edges: [
        {
          source: 'web',
          target: 'call',
          transitions: 10,
          cases: 10,
          medianSeconds: 100,
          p95Seconds: 200,
          designed: true,
        },
        { source: 'call', target: 'web', transitions: 4, cases: 4, medianSeconds: 50, p95Seconds: 80, designed: false },
      ],
      variants: [
        { path: ['web', 'call', 'web'], cases: 4 },
        { path: ['web', 'call'], cases: 6 },
      ],
      unmapped: [],
    };
    const webToPhone = channelSwitches(flows, channelOf).find((s) => s.fromChannel === 'ch-web')!;
    expect(webToPhone).toMatchObject({ customers: 10, returnBase: 10, returns: 4, medianSeconds: 100 });
  });

  it('takes a weighted median', () => {
    expect(
      weightedMedian([
        { value: 10, weight: 1 },
        { value: 100, weight: 5 },
      ]),
    ).toBe(100);
    expect(
      weightedMedian([
        { value: 10, weight: 5 },
        { value: 100, weight: 1 },
      ]),
    ).toBe(10);
    expect(weightedMedian([])).toBeNull();
  });
});
