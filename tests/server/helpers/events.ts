// Helpers for the observed-journey tests: a seeded contact-log generator, the directly-follows graph
// computed the plain way (sort each customer's rows, count pairs) to check the server's against,
// and requests that post a log as CSV or JSON.
import { connect } from '../../../src/model';
import type { TestServer } from './testServer';
import { addTouchpoints } from './api';
import { mulberry32 } from '../../shared/random';

export interface LogRow {
  customer: string;
  at: string;
  touchpoint: string;
  channel?: string;
  segment?: string;
}

/** The touchpoints of the test map: [id, label]. Edges a→b→c→d are designed. */
export const TOUCHPOINTS: [string, string][] = [
  ['tp-web', 'Web form'],
  ['tp-call', 'Phone call'],
  ['tp-mail', 'E-mail'],
  ['tp-review', 'Review site'],
];
export const DESIGNED: [string, string][] = [
  ['tp-web', 'tp-call'],
  ['tp-call', 'tp-mail'],
  ['tp-mail', 'tp-review'],
];

/** A map with TOUCHPOINTS and the DESIGNED path edges, written through the server's room. */
export async function seedJourney(t: TestServer, mapId: string): Promise<void> {
  await addTouchpoints(t, mapId, TOUCHPOINTS);
  await t.server.rooms.use(mapId, (room) => {
    for (const [source, target] of DESIGNED) connect(room.doc, { source, target });
  });
}

const BASE = Date.UTC(2025, 0, 1);

/**
 * `customers` customers with 1–6 contacts each, a second or more apart, on a touchpoint named by id or
 * by a label in another case with spaces, sometimes an unmapped activity ("Chat bot"); a segment each.
 */
export function generateLog(seed: number, customers: number): LogRow[] {
  const rand = mulberry32(seed);
  const rows: LogRow[] = [];
  for (let c = 0; c < customers; c++) {
    const customer = `cust-${c}`;
    const segment = rand() < 0.3 ? 'gold' : 'basic';
    let at = BASE + Math.floor(rand() * 30 * 86_400) * 1000;
    const contacts = 1 + Math.floor(rand() * 6);
    for (let i = 0; i < contacts; i++) {
      const r = rand();
      let touchpoint: string;
      if (r < 0.1) touchpoint = 'Chat bot';
      else {
        const [id, label] = TOUCHPOINTS[Math.floor(rand() * TOUCHPOINTS.length)]!;
        touchpoint = rand() < 0.5 ? id : `  ${label.toUpperCase()} `;
      }
      rows.push({
        customer,
        at: new Date(at).toISOString(),
        touchpoint,
        channel: rand() < 0.5 ? 'web' : 'phone',
        segment,
      });
      at += (1 + Math.floor(rand() * 3600)) * 1000;
    }
  }
  // a log comes in time order, not customer order
  return rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The node a row's touchpoint names: the id, the label (trimmed, any case), else `unmapped:<text>`. */
export function nodeOf(touchpoint: string): string {
  const text = touchpoint.trim();
  for (const [id, label] of TOUCHPOINTS) if (text === id || text.toLowerCase() === label.toLowerCase()) return id;
  return `unmapped:${text}`;
}

export interface ExpectedEdge {
  source: string;
  target: string;
  transitions: number;
  cases: number;
  medianSeconds: number | null;
  p95Seconds: number | null;
  designed: boolean | null;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function p95(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(0.95 * s.length) - 1)]!;
}

/** The directly-follows graph of `rows`, computed the plain way. */
export function expectedFlows(rows: LogRow[]) {
  const byCustomer = new Map<string, LogRow[]>();
  for (const row of rows) {
    const list = byCustomer.get(row.customer) ?? [];
    list.push(row);
    byCustomer.set(row.customer, list);
  }
  const edges = new Map<
    string,
    { source: string; target: string; transitions: number; customers: Set<string>; seconds: number[] }
  >();
  const nodes = new Map<string, { events: number; customers: Set<string>; starts: number; ends: number }>();
  const variants = new Map<string, number>();
  const designed = new Set(DESIGNED.map(([s, t]) => `${s}>${t}`));
  const count = (source: string, target: string, customer: string, seconds: number | null): void => {
    const key = `${source}>${target}`;
    const edge = edges.get(key) ?? { source, target, transitions: 0, customers: new Set<string>(), seconds: [] };
    edge.transitions++;
    edge.customers.add(customer);
    if (seconds !== null) edge.seconds.push(seconds);
    edges.set(key, edge);
  };
  for (const [customer, list] of byCustomer) {
    list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const path = list.map((r) => nodeOf(r.touchpoint));
    path.forEach((node, i) => {
      const n = nodes.get(node) ?? { events: 0, customers: new Set<string>(), starts: 0, ends: 0 };
      n.events++;
      n.customers.add(customer);
      if (i === 0) n.starts++;
      if (i === path.length - 1) n.ends++;
      nodes.set(node, n);
      if (i === 0) count('start', node, customer, null);
      else count(path[i - 1]!, node, customer, (Date.parse(list[i]!.at) - Date.parse(list[i - 1]!.at)) / 1000);
    });
    count(path.at(-1)!, 'end', customer, null);
    variants.set(JSON.stringify(path), (variants.get(JSON.stringify(path)) ?? 0) + 1);
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    cases: byCustomer.size,
    events: rows.length,
    nodes: [...nodes.entries()]
      .map(([id, n]) => ({ id, events: n.events, cases: n.customers.size, starts: n.starts, ends: n.ends }))
      .sort((a, b) => cmp(a.id, b.id)),
    edges: [...edges.values()]
      .map((e): ExpectedEdge => {
        const virtual = e.source === 'start' || e.target === 'end';
        return {
          source: e.source,
          target: e.target,
          transitions: e.transitions,
          cases: e.customers.size,
          medianSeconds: virtual ? null : median(e.seconds),
          p95Seconds: virtual ? null : p95(e.seconds),
          designed: virtual ? null : designed.has(`${e.source}>${e.target}`),
        };
      })
      .sort((a, b) => cmp(a.source, b.source) || cmp(a.target, b.target)),
    variants: [...variants.entries()]
      .map(([path, cases]) => ({ path: JSON.parse(path) as string[], cases }))
      .sort((a, b) => b.cases - a.cases || cmp(a.path.join('\n'), b.path.join('\n')))
      .slice(0, 20),
  };
}

/** `rows` as CSV text with `delimiter`, CRLF line ends, and a BOM when asked. */
export function toCsv(rows: LogRow[], delimiter = ',', bom = false): string {
  const quote = (v: string) => (v.includes(delimiter) || v.includes('"') ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = ['customer', 'at', 'touchpoint', 'channel', 'segment'].join(delimiter);
  const body = rows.map((r) =>
    [r.customer, r.at, r.touchpoint, r.channel ?? '', r.segment ?? ''].map(quote).join(delimiter),
  );
  return `${bom ? '\ufeff' : ''}${[lines, ...body].join('\r\n')}\r\n`;
}

export interface ImportAnswer {
  accepted: number;
  rejected: number;
  duplicates: number;
  unmapped: number;
  errors: { row: number; reason: string }[];
}

export async function postEvents(
  url: string,
  mapId: string,
  key: string | null,
  body: string,
  contentType = 'text/csv',
  query = '',
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/api/maps/${mapId}/events${query}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function getJson<T = unknown>(
  url: string,
  path: string,
  key: string | null,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
