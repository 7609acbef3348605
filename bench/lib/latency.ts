// Update latency from one client through a server to the others: N clients in this process on one
// map (stock y-websocket providers, HocuspocusProviders for Hocuspocus: lib/clients.ts); one writer moves a touchpoint every 20–50 ms (moveNode, as a drag
// writes), the others timestamp its arrival in an observer of that node. Latency = arrival − the
// moment before the writer's transaction, on one monotonic clock. The first edits warm up and are
// not counted.
import os from 'node:os';
import type * as Y from 'yjs';
import { moveNode, roots } from '../../src/model';
import { mulberry32 } from '../../tests/shared/random';
import { connectClient, type BenchClient } from './clients';
import { fillMap } from './journey';
import { nowMs, sleep, summarize, waitUntil, type Summary } from './report';
import {
  SERVER_LABELS,
  cpuMsBetween,
  startServer,
  type ServerHandle,
  type ServerKind,
  type ServerUsage,
} from './serverProcess';

export interface LatencyOptions {
  clients: number;
  /** Counted edits (after `warmup` more). */
  edits: number;
  warmup?: number;
  /** Nodes in the map being edited. */
  mapNodes?: number;
  minIntervalMs?: number;
  maxIntervalMs?: number;
}

export interface LatencyResult {
  clients: number;
  mapNodes: number;
  edits: number;
  /** Deliveries counted: edits × receivers. */
  samples: number;
  missing: number;
  latencyMs: Summary;
  /** Server CPU time over the measured edits, in ms per edit. */
  serverCpuMsPerEdit: number;
  serverRssMiB: number;
}

const BASE_X = 10_000;

/** Deterministic 20–50 ms gaps (seeded), the same for every server. */
function gaps(count: number, min: number, max: number): number[] {
  const rand = mulberry32(7);
  return Array.from({ length: count }, () => min + rand() * (max - min));
}

async function connectAll(
  server: ServerHandle,
  map: { id: string; key: string },
  count: number,
): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  for (let i = 0; i < count; i += 10) {
    const batch = Array.from({ length: Math.min(10, count - i) }, () => connectClient(server, map));
    clients.push(...(await Promise.all(batch)));
  }
  return clients;
}

export async function measureLatency(server: ServerHandle, options: LatencyOptions): Promise<LatencyResult> {
  const { clients: count, edits, warmup = 20, mapNodes = 100, minIntervalMs = 20, maxIntervalMs = 50 } = options;
  const map = await server.createMap(`Latency ${count} clients`);
  const ids = await fillMap(server, map, mapNodes);
  const target = ids.touchpoints[0];
  if (!target) throw new Error('the map has no touchpoint');
  const clients = await connectAll(server, map, count);
  try {
    const [writer, ...receivers] = clients;
    if (!writer || receivers.length === 0) throw new Error('need a writer and at least one receiver');
    await waitUntil(
      () => clients.every((c) => roots(c.doc).nodes.size === ids.nodes.length),
      'every client to hold the map',
      30_000,
    );

    const total = warmup + edits;
    const sentAt = new Float64Array(total + 1);
    const arrivals = receivers.map(() => new Float64Array(total + 1));
    const unobserve = receivers.map((client, r) => {
      const node = roots(client.doc).nodes.get(target) as Y.Map<unknown>;
      const onChange = (event: Y.YMapEvent<unknown>) => {
        if (!event.keysChanged.has('x')) return;
        const seq = Number(node.get('x')) - BASE_X;
        const row = arrivals[r];
        if (row && seq > 0 && seq <= total && row[seq] === 0) row[seq] = nowMs();
      };
      node.observe(onChange);
      return () => node.unobserve(onChange);
    });

    const waits = gaps(total, minIntervalMs, maxIntervalMs);
    let before: ServerUsage | null = null;
    for (let seq = 1; seq <= total; seq++) {
      if (seq === warmup + 1) before = server.usage();
      sentAt[seq] = nowMs();
      moveNode(writer.doc, target, { x: BASE_X + seq, y: 110 });
      await sleep(waits[seq - 1] ?? minIntervalMs);
    }
    const last = arrivals.map((row) => () => (row[total] ?? 0) > 0);
    await waitUntil(() => last.every((got) => got()), 'the last edit to reach every client', 15_000).catch(
      () => undefined,
    );
    const after = server.usage();
    unobserve.forEach((off) => off());

    const latencies: number[] = [];
    let missing = 0;
    for (const row of arrivals) {
      for (let seq = warmup + 1; seq <= total; seq++) {
        const at = row[seq] ?? 0;
        if (at > 0) latencies.push(at - (sentAt[seq] ?? 0));
        else missing++;
      }
    }
    const cpuMs = before ? cpuMsBetween(before, after) : NaN;
    return {
      clients: count,
      mapNodes,
      edits,
      samples: latencies.length,
      missing,
      latencyMs: summarize(latencies),
      serverCpuMsPerEdit: Math.round((cpuMs / edits) * 1000) / 1000,
      serverRssMiB: Math.round(after.rss / 2 ** 20),
    };
  } finally {
    for (const client of clients) client.destroy();
  }
}

export interface LatencyCase {
  clients: number;
  mapNodes: number;
}

export interface LatencyRow {
  kind: ServerKind;
  round: number;
  result: LatencyResult;
  /** The machine's 1-minute load average when the measurement ended. */
  loadAverage: number;
}

/** `kinds` rotated by `round`, so no server always runs first (or right after the same one). */
export function rotated<T>(items: readonly T[], round: number): T[] {
  const k = items.length ? round % items.length : 0;
  return [...items.slice(k), ...items.slice(0, k)];
}

/**
 * Interleaved rounds: in each round every case on every kind of server, the kinds in a rotated order,
 * every server fresh and alone in its own process.
 */
export async function runRounds(
  kinds: ServerKind[],
  cases: LatencyCase[],
  edits: number,
  rounds: number,
): Promise<LatencyRow[]> {
  const rows: LatencyRow[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const c of cases) {
      for (const kind of rotated(kinds, round)) {
        const server = await startServer(kind);
        try {
          const result = await measureLatency(server, { clients: c.clients, mapNodes: c.mapNodes, edits });
          const loadAverage = round2(os.loadavg()[0] ?? NaN);
          rows.push({ kind, round, result, loadAverage });
          const l = result.latencyMs;
          console.log(
            `  round ${round + 1}, ${SERVER_LABELS[kind]}, ${c.clients} clients, ${c.mapNodes}-node map: p50 ${l.p50} ms, p99 ${l.p99} ms, server CPU ${result.serverCpuMsPerEdit} ms/edit (${result.samples} deliveries, ${result.missing} missing; load ${loadAverage})`,
          );
        } finally {
          await server.stop();
        }
      }
    }
  }
  return rows;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** One round of each case on each kind (the durability bench). */
export async function runMatrix(
  kinds: ServerKind[],
  cases: LatencyCase[],
  edits: number,
): Promise<{ kind: ServerKind; result: LatencyResult }[]> {
  return runRounds(kinds, cases, edits, 1);
}
