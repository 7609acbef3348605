// Update latency through Percorso and its peers: the reference y-websocket 2 server and Hocuspocus 3
// (in memory and with its SQLite extension), with 2, 10 and 50 clients on a 100-node map (and 10 on
// a 1,000-node map); stock y-websocket clients, HocuspocusProviders for Hocuspocus (lib/clients.ts).
// Each server runs alone in its own child process, one measurement after the other, in interleaved
// rounds (the order of the servers rotates each round); each figure is the median over the rounds,
// with the machine's load average beside it. Prints the table and writes bench/results/latency.json.
// Run: npx tsx bench/latency.bench.ts  (BENCH_KINDS=percorso-sqlite,reference to measure fewer servers)
import { runRounds, type LatencyCase, type LatencyResult, type LatencyRow } from './lib/latency';
import { median, round, runMain, table, targetTable, writeResult, type Target } from './lib/report';
import { ALL_KINDS, SERVER_LABELS, kindsFromEnv, type ServerKind } from './lib/serverProcess';

const EDITS = Number(process.env.BENCH_EDITS ?? 250);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ALL_CASES: LatencyCase[] = [
  { clients: 2, mapNodes: 100 },
  { clients: 10, mapNodes: 100 },
  { clients: 50, mapNodes: 100 },
  { clients: 10, mapNodes: 1000 },
];
/** `BENCH_LATENCY_CLIENTS=2,10`: only the cases with these client counts (a smoke run). */
const ONLY_CLIENTS = process.env.BENCH_LATENCY_CLIENTS?.split(',').map(Number);
const CASES = ONLY_CLIENTS ? ALL_CASES.filter((c) => ONLY_CLIENTS.includes(c.clients)) : ALL_CASES;
const KINDS = kindsFromEnv(ALL_KINDS);
const OURS: ServerKind = 'percorso-sqlite';

/** One server on one case, over the rounds. */
interface Cell {
  kind: ServerKind;
  clients: number;
  mapNodes: number;
  rounds: number;
  p50: number;
  p99: number;
  serverCpuMsPerEdit: number;
  serverRssMiB: number;
  missing: number;
  /** The 1-minute load average at the end of each round's measurement. */
  loadAverages: number[];
  perRound: LatencyResult[];
}

function cell(kind: ServerKind, c: LatencyCase, rows: LatencyRow[]): Cell | undefined {
  const mine = rows.filter(
    (r) => r.kind === kind && r.result.clients === c.clients && r.result.mapNodes === c.mapNodes,
  );
  if (mine.length === 0) return undefined;
  const results = mine.map((r) => r.result);
  return {
    kind,
    clients: c.clients,
    mapNodes: c.mapNodes,
    rounds: mine.length,
    p50: median(results.map((r) => r.latencyMs.p50)),
    p99: median(results.map((r) => r.latencyMs.p99)),
    serverCpuMsPerEdit: median(results.map((r) => r.serverCpuMsPerEdit)),
    serverRssMiB: Math.max(...results.map((r) => r.serverRssMiB)),
    missing: results.reduce((sum, r) => sum + r.missing, 0),
    loadAverages: mine.map((r) => r.loadAverage),
    perRound: results,
  };
}

const loadText = (loads: number[]) =>
  loads.length === 0 ? '' : `${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}`;

async function main(): Promise<void> {
  console.log(
    `latency: ${EDITS} edits per case, writer every 20–50 ms, ${ROUNDS} interleaved rounds of ${KINDS.map((k) => SERVER_LABELS[k]).join(', ')}`,
  );
  const rows = await runRounds(KINDS, CASES, EDITS, ROUNDS);
  const cells = CASES.flatMap((c) => KINDS.map((kind) => cell(kind, c, rows)).filter((x): x is Cell => !!x));
  const printed = table(
    [
      'clients',
      'map nodes',
      'server',
      'p50',
      'p99',
      'server CPU / edit',
      'server RSS',
      'missing',
      `load avg (1 min, ${ROUNDS} rounds)`,
    ],
    cells.map((c) => [
      c.clients,
      c.mapNodes,
      SERVER_LABELS[c.kind],
      `${c.p50} ms`,
      `${c.p99} ms`,
      `${c.serverCpuMsPerEdit} ms`,
      `${c.serverRssMiB} MiB`,
      c.missing,
      loadText(c.loadAverages),
    ]),
  );
  // Percorso (SQLite) against the best peer measured (lowest figure among the others), at 100 nodes
  const targets: Target[] = CASES.filter((c) => c.mapNodes === 100).flatMap((c) => {
    const here = cells.filter((x) => x.clients === c.clients && x.mapNodes === c.mapNodes);
    const ours = here.find((x) => x.kind === OURS);
    const peers = here.filter((x) => !x.kind.startsWith('percorso'));
    if (!ours || peers.length === 0) return [];
    return (['p50', 'p99'] as const).map((p) => {
      const best = peers.reduce((a, b) => (b[p] < a[p] ? b : a));
      return {
        name: `latency ${p}, ${c.clients} clients`,
        target: '≤ best peer',
        measured: `${ours[p]} vs ${best[p]} ms (${SERVER_LABELS[best.kind]}, ×${round(ours[p] / best[p], 2)}; load ${loadText([...ours.loadAverages, ...best.loadAverages])})`,
        met: ours[p] <= best[p],
      };
    });
  });
  console.log(`\n${printed}\n\n${targets.length ? targetTable(targets) : ''}`);
  const file = writeResult('latency', {
    edits: EDITS,
    rounds: ROUNDS,
    kinds: KINDS,
    writerIntervalMs: [20, 50],
    cells,
    table: printed,
    targets,
  });
  console.log(`wrote ${file}`);
  if (cells.some((c) => c.missing > 0)) process.exitCode = 1;
}

runMain(main);
