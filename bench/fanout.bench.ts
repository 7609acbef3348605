// Fan-out under rising load: 100 maps × 5 clients (BENCH_FANOUT_MAPS, BENCH_FANOUT_CLIENTS), every
// client moving its own touchpoint and receiving the others' moves on its map; the total edit rate
// rises step by step (BENCH_FANOUT_RATES, edits/s over all clients; each step BENCH_FANOUT_SECONDS
// long, then a drain) on the same server and clients. Per server: the highest rate sustained (all
// sent, all delivered, p99 ≤ 250 ms) and the p99 at 3,000 edits/s (BENCH_FANOUT_AT). The ladder
// stops at the first step that fails once the 3,000 step is done.
// Servers: Percorso (SQLite, in-memory store), the reference y-websocket 2 server and Hocuspocus 3
// (in memory, SQLite), each alone in a child process (CPU time, RSS and event loop over IPC and
// /proc), in interleaved rounds (BENCH_ROUNDS; the order rotates each round), with the machine's
// load average beside every figure. Clients: 3 worker processes, all clients of a map in one (one
// clock); stock y-websocket providers, HocuspocusProviders for Hocuspocus (lib/clients.ts).
// Prints the tables and writes bench/results/fanout.json. Run: npx tsx bench/fanout.bench.ts
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { LatencyHistogram } from './lib/histogram';
import { fillMap } from './lib/journey';
import { rotated } from './lib/latency';
import {
  BENCH_DIR,
  ROOT,
  median,
  nowMs,
  round,
  runMain,
  table,
  targetTable,
  writeResult,
  type Target,
} from './lib/report';
import {
  ALL_KINDS,
  SERVER_LABELS,
  cpuMsBetween,
  eventLoopBusy,
  kindsFromEnv,
  startServer,
  type ServerHandle,
  type ServerKind,
} from './lib/serverProcess';
import type { ToWorker, WorkerMap, WorkerReport } from './lib/fanoutWorker';

const MAPS = Number(process.env.BENCH_FANOUT_MAPS ?? 100);
const CLIENTS_PER_MAP = Number(process.env.BENCH_FANOUT_CLIENTS ?? 5);
const CLIENTS = MAPS * CLIENTS_PER_MAP;
/** Total edit rates of the steps (edits/s over all clients), rising. */
const RATES = (process.env.BENCH_FANOUT_RATES ?? '1000,2000,3000,4000,5000,6000,8000')
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
/** The rate whose p99 every server reports. */
const AT_RATE = Number(process.env.BENCH_FANOUT_AT ?? 3000);
const P99_LIMIT_MS = 250;
/** A step is sustained when the clients sent at least this share of the asked rate (else the clients were the limit). */
const SENT_SHARE = 0.95;
const DURATION_MS = Number(process.env.BENCH_FANOUT_SECONDS ?? 14) * 1000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const DRAIN_MS = 10_000;
const WORKERS = 3;
const KINDS = kindsFromEnv(ALL_KINDS, process.env.BENCH_FANOUT_KINDS);
const OURS: ServerKind = 'percorso-sqlite';
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

const loadAverage = () => round(os.loadavg()[0] ?? NaN, 2);

/** One step of the ladder on one server: the clients send at `rate` edits/s in total for DURATION_MS. */
async function runStep(server: ServerHandle, workers: Worker[], kind: ServerKind, roundIndex: number, rate: number) {
  const rateHz = rate / CLIENTS;
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
  const sum = (f: (r: WorkerReport) => number) => reports.reduce((total, r) => total + f(r), 0);
  const windowS = DURATION_MS / 1000;
  const serverCpuMs = cpuMsBetween(before, after);
  const machineBusy = (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total);
  const sent = sum((r) => r.sent);
  const expected = sum((r) => r.expected);
  const delivered = sum((r) => r.delivered);
  const p99 = round(histogram.percentile(99), 1);
  const step = {
    kind,
    server: SERVER_LABELS[kind],
    round: roundIndex + 1,
    rate,
    rateHzEach: round(rateHz, 2),
    sentPerSecond: Math.round(sent / windowS),
    sent,
    expected,
    delivered,
    convergedClients: sum((r) => r.converged),
    drainedMs: Math.round(Math.max(...reports.map((r) => r.drainedMs))),
    latencyMs: {
      p50: round(histogram.percentile(50), 1),
      p90: round(histogram.percentile(90), 1),
      p99,
      max: round(histogram.max, 1),
    },
    serverCpuPercent: round((serverCpuMs / DURATION_MS) * 100),
    /** Server CPU time per 1,000 deliveries (ms), over the sending window. */
    serverCpuMsPer1000Deliveries: delivered > 0 ? round((serverCpuMs / delivered) * 1000, 1) : null,
    serverEventLoopBusy: ((busy) => (busy === null ? null : round(busy * 100)))(eventLoopBusy(loopBefore, loopAfter)),
    serverRssMiBPeak: Math.round(Math.max(peakRss, after.rss, end.rss) / 2 ** 20),
    clientCpuPercent: round((sum((r) => r.cpuMs) / (DURATION_MS + Math.max(...reports.map((r) => r.drainedMs)))) * 100),
    machineBusyPercent: round(machineBusy * 100),
    loadAverage: loadAverage(),
    /** Why the step is not sustained (empty when it is): every move sent at the asked rate, every one delivered, p99 within the limit. */
    notSustained: [
      sent < SENT_SHARE * rate * windowS
        ? `the clients sent only ${Math.round((100 * sent) / (rate * windowS))} % of the asked rate`
        : '',
      delivered < expected || expected === 0 ? `${expected - delivered} not delivered` : '',
      p99 > P99_LIMIT_MS ? `p99 over ${P99_LIMIT_MS} ms` : '',
    ]
      .filter(Boolean)
      .join(', '),
    sustained: false,
  };
  step.sustained = step.notSustained === '';
  console.log(
    `    ${step.server}, round ${step.round}, ${rate} edits/s asked: sent ${step.sentPerSecond}/s, delivered ${delivered}/${expected}, p99 ${p99} ms, server CPU ${step.serverCpuPercent} % of a core (${step.serverCpuMsPer1000Deliveries} ms / 1,000 deliveries), RSS ${step.serverRssMiBPeak} MiB, machine ${step.machineBusyPercent} % busy, load ${step.loadAverage}${step.sustained ? '' : ` — not sustained: ${step.notSustained}`}`,
  );
  return step;
}

type Step = Awaited<ReturnType<typeof runStep>>;

/** One server, one round: maps, clients, then the ladder of rates. */
async function measure(kind: ServerKind, roundIndex: number): Promise<Step[]> {
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
      `  ${SERVER_LABELS[kind]}, round ${roundIndex + 1}: ${MAPS} maps made in ${round((connectStart - t0) / 1000)} s, ${CLIENTS} clients connected in ${round(connectMs / 1000)} s, RSS ${Math.round(server.usage().rss / 2 ** 20)} MiB (load ${loadAverage()})`,
    );
    const steps: Step[] = [];
    for (const rate of RATES) {
      const step = await runStep(server, workers, kind, roundIndex, rate);
      steps.push(step);
      if (!step.sustained && rate >= AT_RATE) break;
    }
    return steps;
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

/** The highest rate of the ladder sustained with every lower step sustained too (0: not even the first). */
function highestSustained(steps: Step[]): number {
  let best = 0;
  for (const step of steps) {
    if (!step.sustained) break;
    best = step.rate;
  }
  return best;
}

interface Verdict {
  kind: ServerKind;
  server: string;
  /** Per round. */
  highestSustained: number[];
  p99AtRate: (number | null)[];
  cpuPer1000AtRate: (number | null)[];
  rssAtRate: (number | null)[];
  deliveredAtRate: string[];
  loadAtRate: (number | null)[];
}

function medianOf(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? median(known) : null;
}

const show = (values: (number | null)[], unit = '') =>
  values.map((v) => (v === null ? 'not reached' : `${v}${unit}`)).join(' / ');

async function main(): Promise<void> {
  console.log(
    `fan-out: ${CLIENTS} clients over ${MAPS} maps (${CLIENTS_PER_MAP} a map), rates ${RATES.join(', ')} edits/s, ${DURATION_MS / 1000} s a step, p99 limit ${P99_LIMIT_MS} ms, ${ROUNDS} interleaved rounds of ${KINDS.map((k) => SERVER_LABELS[k]).join(', ')}; clients in ${WORKERS} processes`,
  );
  const steps: Step[] = [];
  for (let r = 0; r < ROUNDS; r++) for (const kind of rotated(KINDS, r)) steps.push(...(await measure(kind, r)));

  const verdicts: Verdict[] = KINDS.map((kind) => {
    const rounds = Array.from({ length: ROUNDS }, (_, r) => steps.filter((s) => s.kind === kind && s.round === r + 1));
    const at = rounds.map((mine) => mine.find((s) => s.rate === AT_RATE));
    return {
      kind,
      server: SERVER_LABELS[kind],
      highestSustained: rounds.map(highestSustained),
      p99AtRate: at.map((s) => s?.latencyMs.p99 ?? null),
      cpuPer1000AtRate: at.map((s) => s?.serverCpuMsPer1000Deliveries ?? null),
      rssAtRate: at.map((s) => s?.serverRssMiBPeak ?? null),
      deliveredAtRate: at.map((s) => (s ? `${s.delivered}/${s.expected}` : 'not reached')),
      loadAtRate: at.map((s) => s?.loadAverage ?? null),
    };
  });
  const stepTable = table(
    [
      'server',
      'round',
      'edits/s asked',
      'sent/s',
      'delivered / expected',
      'p50',
      'p99',
      'server CPU (1 core = 100 %)',
      'CPU / 1,000 deliveries',
      'event loop busy',
      'server RSS peak',
      'machine busy',
      'load avg (1 min)',
      'sustained',
    ],
    steps.map((s) => [
      s.server,
      s.round,
      s.rate,
      s.sentPerSecond,
      `${s.delivered} / ${s.expected}`,
      `${s.latencyMs.p50} ms`,
      `${s.latencyMs.p99} ms`,
      `${s.serverCpuPercent} %`,
      s.serverCpuMsPer1000Deliveries === null ? '–' : `${s.serverCpuMsPer1000Deliveries} ms`,
      s.serverEventLoopBusy === null ? 'no answer in 2 s' : `${s.serverEventLoopBusy} %`,
      `${s.serverRssMiBPeak} MiB`,
      `${s.machineBusyPercent} % of ${os.cpus().length} cores`,
      s.loadAverage,
      s.sustained ? 'yes' : `no (${s.notSustained})`,
    ]),
  );
  const verdictTable = table(
    [
      'server',
      `highest sustained (p99 ≤ ${P99_LIMIT_MS} ms), edits/s, per round`,
      `p99 at ${AT_RATE} edits/s, per round`,
      `CPU / 1,000 deliveries at ${AT_RATE}`,
      `RSS peak at ${AT_RATE}`,
      `delivered at ${AT_RATE}`,
      `load avg at ${AT_RATE}`,
    ],
    verdicts.map((v) => [
      v.server,
      // every step sustained: the server's limit lies above the ladder
      v.highestSustained.map((top) => (top === RATES.at(-1) ? `≥ ${top} (top of the ladder)` : `${top}`)).join(' / '),
      show(v.p99AtRate, ' ms'),
      show(v.cpuPer1000AtRate, ' ms'),
      show(v.rssAtRate, ' MiB'),
      v.deliveredAtRate.join(' / '),
      show(v.loadAtRate),
    ]),
  );
  const ours = verdicts.find((v) => v.kind === OURS);
  const reference = verdicts.find((v) => v.kind === 'reference');
  const targets: Target[] = [];
  if (ours) {
    targets.push({
      name: `fan-out at ${AT_RATE} edits/s: every update delivered`,
      target: 'delivered = expected',
      measured: ours.deliveredAtRate.join(' / '),
      met: steps.filter((s) => s.kind === OURS && s.rate === AT_RATE).every((s) => s.delivered === s.expected),
    });
  }
  if (ours && reference) {
    const [p99, refP99] = [medianOf(ours.p99AtRate), medianOf(reference.p99AtRate)];
    const [top, refTop] = [median(ours.highestSustained), median(reference.highestSustained)];
    const loads = show([...ours.loadAtRate, ...reference.loadAtRate]);
    targets.push(
      {
        name: `fan-out p99 at ${AT_RATE} edits/s (${MAPS} maps × ${CLIENTS_PER_MAP})`,
        target: '≤ reference',
        measured:
          p99 === null || refP99 === null
            ? 'not reached'
            : `${p99} vs ${refP99} ms (×${round(p99 / refP99, 2)}; load ${loads})`,
        met: p99 !== null && refP99 !== null && p99 <= refP99,
      },
      {
        name: 'fan-out highest sustained rate',
        target: '≥ reference',
        measured: `${top} vs ${refTop} edits/s (×${refTop ? round(top / refTop, 2) : '–'})`,
        met: top >= refTop,
      },
    );
  }
  console.log(`\n${stepTable}\n\n${verdictTable}\n\n${targets.length ? targetTable(targets) : ''}`);
  const file = writeResult('fanout', {
    mapsCount: MAPS,
    clientsPerMap: CLIENTS_PER_MAP,
    rates: RATES,
    atRate: AT_RATE,
    p99LimitMs: P99_LIMIT_MS,
    seconds: DURATION_MS / 1000,
    rounds: ROUNDS,
    workers: WORKERS,
    kinds: KINDS,
    steps,
    verdicts,
    table: `${stepTable}\n\n${verdictTable}`,
    targets,
  });
  console.log(`wrote ${file}`);
}

runMain(main);
