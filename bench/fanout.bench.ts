// Fan-out: 1,000 stock y-websocket connections over 100 maps (10 a map), every client moving its
// own touchpoint 10 times a second for 15 s, every client of a map receiving the others' moves;
// then the same at 1 move a second, a load the clients of a 2-core machine can carry.
// The server runs alone in a child process (its CPU time, RSS and event-loop use come over IPC);
// the clients are spread over 3 worker processes, all clients of a map in one worker (one clock).
// Percorso (SQLite), Percorso with the in-memory store, then the reference y-websocket 2 server
// under the same load, so a machine that cannot carry the clients shows as such. Prints the table and writes
// bench/results/fanout.json. Run: npx tsx bench/fanout.bench.ts
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { LatencyHistogram } from './lib/histogram';
import { fillMap } from './lib/journey';
import { BENCH_DIR, ROOT, nowMs, round, runMain, table, targetTable, writeResult, type Target } from './lib/report';
import {
  SERVER_LABELS,
  cpuMsBetween,
  eventLoopBusy,
  startServer,
  type ServerHandle,
  type ServerKind,
} from './lib/serverProcess';
import type { ToWorker, WorkerMap, WorkerReport } from './lib/fanoutWorker';

const MAPS = Number(process.env.BENCH_FANOUT_MAPS ?? 100);
const CLIENTS_PER_MAP = Number(process.env.BENCH_FANOUT_CLIENTS ?? 10);
const RATE_HZ = Number(process.env.BENCH_FANOUT_RATE ?? 10);
/** A rate this machine's clients can carry, so the server's own behaviour shows too (0: skip). */
const LIGHT_RATE_HZ = Number(process.env.BENCH_FANOUT_LIGHT_RATE ?? 1);
const DURATION_MS = Number(process.env.BENCH_FANOUT_SECONDS ?? 15) * 1000;
const DRAIN_MS = 10_000;
const WORKERS = 3;
/** Percorso with its SQLite store, then with the in-memory store (the cost of durability under load), then the reference. */
const ONLY = process.env.BENCH_FANOUT_KINDS?.split(',') as ServerKind[] | undefined;
const KINDS: ServerKind[] = ONLY ?? ['percorso-sqlite', 'percorso-memory', 'reference'];
const LIGHT_KINDS: ServerKind[] = ONLY ?? ['percorso-sqlite', 'reference'];
const MAP_NODES = 20; // 4 stages, 2 channels, an owner, 13 touchpoints: one for each client to move

interface Worker {
  child: ChildProcess;
  next<T>(type: string, timeoutMs: number): Promise<T>;
  send(message: ToWorker): void;
}

function startWorker(): Worker {
  const child = fork(path.join(BENCH_DIR, 'lib', 'fanoutWorker.ts'), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(type: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`fan-out worker sent no '${type}' in ${timeoutMs} ms`)),
        timeoutMs,
      );
      const onMessage = (message: { type: string; message?: string }) => {
        if (message.type === 'error') {
          clearTimeout(timer);
          child.off('message', onMessage);
          reject(new Error(`fan-out worker failed: ${message.message}`));
        } else if (message.type === type) {
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(message as T);
        }
      };
      child.on('message', onMessage);
    });
  return { child, next, send: (message) => child.send(message) };
}

/** Busy and total CPU time of the whole machine (all processes), from /proc/stat via os.cpus(). */
function machineCpu(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

async function makeMaps(server: ServerHandle): Promise<WorkerMap[]> {
  const maps: WorkerMap[] = [];
  for (let i = 0; i < MAPS; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, MAPS - i) }, async (_, k) => {
        const map = await server.createMap(`Fan-out ${i + k + 1}`);
        const ids = await fillMap(server, map, MAP_NODES);
        return { ...map, touchpoints: ids.touchpoints };
      }),
    );
    maps.push(...batch);
  }
  return maps;
}

async function measure(kind: ServerKind, rateHz: number) {
  const server = await startServer(kind);
  const workers = Array.from({ length: WORKERS }, () => startWorker());
  try {
    await Promise.all(workers.map((w) => w.next('started', 30_000)));
    const t0 = performance.now();
    const maps = await makeMaps(server);
    const connectStart = performance.now();
    await Promise.all(
      workers.map((w, i) => {
        w.send({
          type: 'setup',
          target: { syncUrl: server.syncUrl, protocol: server.protocol },
          maps: maps.filter((_, m) => m % WORKERS === i),
          clientsPerMap: CLIENTS_PER_MAP,
        });
        return w.next('ready', 180_000);
      }),
    );
    const connectMs = performance.now() - connectStart;
    console.log(
      `  ${SERVER_LABELS[kind]}: ${MAPS} maps made in ${round((connectStart - t0) / 1000)} s, ${MAPS * CLIENTS_PER_MAP} clients connected in ${round(connectMs / 1000)} s`,
    );
    const idle = server.usage();
    const startAt = nowMs() + 500;
    const done = workers.map((w) => w.next<{ report: WorkerReport }>('done', DURATION_MS + DRAIN_MS + 60_000));
    workers.forEach((w) => w.send({ type: 'start', startAt, durationMs: DURATION_MS, rateHz, drainMs: DRAIN_MS }));
    // the server's CPU and the machine's over the sending window only
    while (nowMs() < startAt) await new Promise((resolve) => setTimeout(resolve, 5));
    const before = server.usage();
    const loopBefore = await server.eventLoop();
    const machineBefore = machineCpu();
    let peakRss = before.rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, server.usage().rss)), 500);
    await new Promise((resolve) => setTimeout(resolve, DURATION_MS));
    const after = server.usage();
    const machineAfter = machineCpu();
    const loopAfter = await server.eventLoop(2000); // a saturated server answers late: then it is null
    const reports = (await Promise.all(done)).map((d) => d.report);
    clearInterval(sampler);
    const end = server.usage();

    const histogram = new LatencyHistogram();
    reports.forEach((r) => histogram.merge(r.histogram));
    const sum = (f: (r: WorkerReport) => number) => reports.reduce((s, r) => s + f(r), 0);
    const windowS = DURATION_MS / 1000;
    const serverCpuMs = cpuMsBetween(before, after);
    const machineBusy = (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total);
    const result = {
      kind,
      server: SERVER_LABELS[kind],
      connections: sum((r) => r.clients),
      maps: MAPS,
      rateHz,
      seconds: windowS,
      sent: sum((r) => r.sent),
      expected: sum((r) => r.expected),
      delivered: sum((r) => r.delivered),
      convergedClients: sum((r) => r.converged),
      drainedMs: Math.round(Math.max(...reports.map((r) => r.drainedMs))),
      latencyMs: {
        p50: round(histogram.percentile(50), 1),
        p90: round(histogram.percentile(90), 1),
        p99: round(histogram.percentile(99), 1),
        max: round(histogram.max, 1),
      },
      serverCpuPercent: round((serverCpuMs / DURATION_MS) * 100),
      serverEventLoopBusy: ((busy) => (busy === null ? null : round(busy * 100)))(eventLoopBusy(loopBefore, loopAfter)),
      serverRssMiB: {
        idleWithClients: Math.round(idle.rss / 2 ** 20),
        peak: Math.round(Math.max(peakRss, after.rss, end.rss) / 2 ** 20),
      },
      clientCpuPercent: round(
        (sum((r) => r.cpuMs) / (DURATION_MS + Math.max(...reports.map((r) => r.drainedMs)))) * 100,
      ),
      machineBusyPercent: round(machineBusy * 100),
      connectSeconds: round(connectMs / 1000),
    };
    console.log(
      `  ${result.server}: sent ${result.sent}, delivered ${result.delivered}/${result.expected}, p99 ${result.latencyMs.p99} ms, server CPU ${result.serverCpuPercent} % of a core, machine ${result.machineBusyPercent} % busy`,
    );
    return result;
  } finally {
    for (const w of workers) w.send({ type: 'close' });
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) =>
            w.child.exitCode !== null ? resolve() : w.child.once('exit', () => resolve()),
          ),
      ),
    );
    await server.stop();
  }
}

async function main(): Promise<void> {
  console.log(
    `fan-out: ${MAPS * CLIENTS_PER_MAP} connections over ${MAPS} maps, ${RATE_HZ} (then ${LIGHT_RATE_HZ}) moves/s each for ${DURATION_MS / 1000} s, clients in ${WORKERS} processes`,
  );
  const results = [];
  for (const kind of KINDS) results.push(await measure(kind, RATE_HZ));
  if (LIGHT_RATE_HZ > 0) for (const kind of LIGHT_KINDS) results.push(await measure(kind, LIGHT_RATE_HZ));
  const printed = table(
    [
      'server',
      'connections',
      'moves/s each',
      'updates sent/s (asked)',
      'delivered / expected',
      'p50',
      'p99',
      'server CPU (1 core = 100 %)',
      'server event loop busy',
      'server RSS (idle → peak)',
      'clients CPU',
      'machine busy',
    ],
    results.map((r) => [
      r.server,
      r.connections,
      r.rateHz,
      `${Math.round(r.sent / r.seconds)} (${r.connections * r.rateHz})`,
      `${r.delivered} / ${r.expected} (${round((100 * r.delivered) / Math.max(1, r.expected), 2)} %)`,
      `${r.latencyMs.p50} ms`,
      `${r.latencyMs.p99} ms`,
      `${r.serverCpuPercent} %`,
      r.serverEventLoopBusy === null ? 'no answer in 2 s' : `${r.serverEventLoopBusy} %`,
      `${r.serverRssMiB.idleWithClients} → ${r.serverRssMiB.peak} MiB`,
      `${r.clientCpuPercent} %`,
      `${r.machineBusyPercent} % of ${os.cpus().length} cores`,
    ]),
  );
  const targets: Target[] = results
    .filter((r) => r.kind === 'percorso-sqlite')
    .map((r) => ({
      name: `fan-out at ${r.rateHz} moves/s each: every update delivered`,
      target: 'delivered = expected',
      measured: `${r.delivered} / ${r.expected}`,
      met: r.delivered === r.expected && r.expected > 0,
    }));
  console.log(`\n${printed}\n\n${targetTable(targets)}`);
  const file = writeResult('fanout', {
    mapsCount: MAPS,
    clientsPerMap: CLIENTS_PER_MAP,
    rateHz: RATE_HZ,
    lightRateHz: LIGHT_RATE_HZ,
    seconds: DURATION_MS / 1000,
    workers: WORKERS,
    results,
    table: printed,
    targets,
  });
  console.log(`wrote ${file}`);
}

runMain(main);
