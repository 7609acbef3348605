// One of the client processes of the fan-out benchmark (bench/fanout.bench.ts): it holds every
// client of the maps it is given (stock y-websocket providers, or HocuspocusProviders for
// Hocuspocus: lib/clients.ts), so a sender and its receivers share
// this process and its clock. Each client moves its own touchpoint `rateHz` times a second; every
// client of a map timestamps the moves of the others. A run is a series of steps on the same
// clients (the parent raises the rate step by step); each step is counted on its own: moves sent
// in an earlier step and arriving late are not counted in the next. Talks to the parent over IPC.
import type * as Y from 'yjs';
import { moveNode, roots } from '../../src/model';
import { connectClient, type BenchClient, type SyncTarget } from './clients';
import { LatencyHistogram } from './histogram';
import { nowMs, sleep } from './report';
import type { MapAccess } from './serverProcess';

export interface WorkerMap extends MapAccess {
  /** The touchpoints of the map; client k of the map moves touchpoints[k]. */
  touchpoints: string[];
}

export type ToWorker =
  | { type: 'setup'; target: SyncTarget; maps: WorkerMap[]; clientsPerMap: number }
  | { type: 'start'; startAt: number; durationMs: number; rateHz: number; drainMs: number }
  | { type: 'close' };

export interface WorkerReport {
  clients: number;
  sent: number;
  expected: number;
  /** Moves of others seen, within the drain time. */
  delivered: number;
  /** Clients whose copy of each touchpoint ends where its mover left it. */
  converged: number;
  histogram: number[];
  /** This process's CPU time over the run (ms). */
  cpuMs: number;
  /** Time from the end of sending until every expected move arrived (or the drain ran out). */
  drainedMs: number;
}

const BASE_X = 10_000;
const send = (message: unknown) => process.send?.(message);

interface Client {
  bench: BenchClient;
  /** Index of this client's map and its place in it. */
  map: number;
  slot: number;
  own: string;
  /** Moves sent so far, all steps (the touchpoint's x is BASE_X + seq). */
  seq: number;
  /** The first seq of the current step; sentAt[seq - first] is when it was sent. */
  first: number;
  next: number;
  sentAt: Float64Array;
}

let clients: Client[] = [];
let maps: WorkerMap[] = [];
let histogram = new LatencyHistogram();
let delivered = 0;

async function setup(message: Extract<ToWorker, { type: 'setup' }>): Promise<void> {
  maps = message.maps;
  const wanted = maps.flatMap((map, m) =>
    Array.from({ length: message.clientsPerMap }, (_, slot) => ({ map, m, slot })),
  );
  for (let i = 0; i < wanted.length; i += 20) {
    const batch = wanted.slice(i, i + 20);
    const connected = await Promise.all(batch.map((w) => connectClient(message.target, w.map, 60_000)));
    connected.forEach((bench, k) => {
      const w = batch[k];
      if (!w) return;
      const own = w.map.touchpoints[w.slot];
      if (!own) throw new Error(`map ${w.map.id} has too few touchpoints`);
      clients.push({ bench, map: w.m, slot: w.slot, own, seq: 0, first: 1, next: 0, sentAt: new Float64Array(0) });
    });
  }
  // every client of a map knows which Y.Map each other client moves, in its own copy
  for (const client of clients) {
    const peers = clients.filter((other) => other.map === client.map && other !== client);
    const { nodes } = roots(client.bench.doc);
    const byYMap = new Map<unknown, Client>();
    for (const peer of peers) {
      const node = nodes.get(peer.own);
      if (!node) throw new Error(`client of map ${maps[client.map]?.id} lacks touchpoint ${peer.own}`);
      byYMap.set(node, peer);
    }
    nodes.observeDeep((events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      const at = nowMs();
      for (const event of events) {
        const peer = byYMap.get(event.target);
        if (!peer || !(event as Y.YMapEvent<unknown>).keysChanged?.has('x')) continue;
        const seq = Number((event.target as Y.Map<unknown>).get('x')) - BASE_X;
        const sentAt = seq >= peer.first ? peer.sentAt[seq - peer.first] : undefined;
        if (sentAt === undefined || sentAt === 0) continue;
        histogram.add(at - sentAt);
        delivered++;
      }
    });
  }
  send({ type: 'ready', clients: clients.length });
}

async function run(message: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  const period = 1000 / message.rateHz;
  const capacity = Math.ceil((message.durationMs / 1000) * message.rateHz) + 2;
  histogram = new LatencyHistogram();
  delivered = 0;
  clients.forEach((client, i) => {
    client.first = client.seq + 1;
    client.sentAt = new Float64Array(capacity);
    client.next = message.startAt + (((i * 37) % 100) / 100) * period; // spread over the period
  });
  const endAt = message.startAt + message.durationMs;
  const cpu0 = process.cpuUsage();
  while (nowMs() < message.startAt) await sleep(1);
  let now = nowMs();
  while (now < endAt) {
    for (const client of clients) {
      if (client.next > now || client.seq - client.first + 1 >= capacity) continue;
      client.seq++;
      client.sentAt[client.seq - client.first] = nowMs();
      moveNode(client.bench.doc, client.own, { x: BASE_X + client.seq, y: 110 });
      client.next += period;
      if (client.next < now - period) client.next = now; // fell behind: do not burst to catch up
    }
    await sleep(2);
    now = nowMs();
  }
  const perMap = new Map<number, number>();
  clients.forEach((c) => perMap.set(c.map, (perMap.get(c.map) ?? 0) + 1));
  const sentThisStep = (c: Client) => c.seq - c.first + 1;
  const expected = clients.reduce((sum, c) => sum + sentThisStep(c) * ((perMap.get(c.map) ?? 1) - 1), 0);
  const sendingEnded = nowMs();
  while (delivered < expected && nowMs() - sendingEnded < message.drainMs) await sleep(20);
  const drainedMs = nowMs() - sendingEnded;
  let converged = 0;
  for (const client of clients) {
    const { nodes } = roots(client.bench.doc);
    const ok = clients.every((peer) => peer.map !== client.map || nodes.get(peer.own)?.get('x') === BASE_X + peer.seq);
    if (ok) converged++;
  }
  const cpu = process.cpuUsage(cpu0);
  const report: WorkerReport = {
    clients: clients.length,
    sent: clients.reduce((sum, c) => sum + sentThisStep(c), 0),
    expected,
    delivered,
    converged,
    histogram: histogram.toArray(),
    cpuMs: (cpu.user + cpu.system) / 1000,
    drainedMs,
  };
  send({ type: 'done', report });
}

process.on('message', (message: ToWorker) => {
  if (message.type === 'setup') {
    setup(message).catch((err: unknown) => {
      send({ type: 'error', message: String(err instanceof Error ? err.stack : err) });
    });
  } else if (message.type === 'start') {
    run(message).catch((err: unknown) =>
      send({ type: 'error', message: String(err instanceof Error ? err.stack : err) }),
    );
  } else if (message.type === 'close') {
    for (const client of clients) client.bench.destroy();
    clients = [];
    process.disconnect?.();
    setTimeout(() => process.exit(0), 100);
  }
});
send({ type: 'started' });
