// The cost of durability: the same update-latency measurement (bench/lib/latency.ts) against
// Percorso with its SQLite store (every update committed with synchronous=FULL before it is
// relayed) and with the in-memory store (MemoryStore). Prints the table and writes
// bench/results/durability.json. Run: npx tsx bench/durability.bench.ts
import { runMatrix, type LatencyCase } from './lib/latency';
import { round, runMain, table, writeResult } from './lib/report';
import type { ServerKind } from './lib/serverProcess';

const EDITS = Number(process.env.BENCH_EDITS ?? 250);
const CASES: LatencyCase[] = [
  { clients: 2, mapNodes: 100 },
  { clients: 10, mapNodes: 100 },
  { clients: 50, mapNodes: 100 },
];
const KINDS: ServerKind[] = ['percorso-memory', 'percorso-sqlite'];

async function main(): Promise<void> {
  console.log(`durability: ${EDITS} edits per case, writer every 20–50 ms, SQLite store against the in-memory store`);
  const rows = await runMatrix(KINDS, CASES, EDITS);
  const comparison = CASES.map((c) => {
    const pick = (kind: ServerKind) => {
      const found = rows.find(
        (r) => r.kind === kind && r.result.clients === c.clients && r.result.mapNodes === c.mapNodes,
      )?.result;
      if (!found) throw new Error('missing measurement');
      return found;
    };
    const sqlite = pick('percorso-sqlite');
    const memory = pick('percorso-memory');
    return {
      clients: c.clients,
      mapNodes: c.mapNodes,
      sqlite,
      memory,
      addedP50Ms: round(sqlite.latencyMs.p50 - memory.latencyMs.p50, 2),
      addedP99Ms: round(sqlite.latencyMs.p99 - memory.latencyMs.p99, 2),
    };
  });
  const printed = table(
    [
      'clients',
      'SQLite p50',
      'SQLite p99',
      'in-memory p50',
      'in-memory p99',
      'durability adds (p50 / p99)',
      'server CPU / edit (SQLite / memory)',
    ],
    comparison.map((c) => [
      c.clients,
      `${c.sqlite.latencyMs.p50} ms`,
      `${c.sqlite.latencyMs.p99} ms`,
      `${c.memory.latencyMs.p50} ms`,
      `${c.memory.latencyMs.p99} ms`,
      `${c.addedP50Ms} / ${c.addedP99Ms} ms`,
      `${c.sqlite.serverCpuMsPerEdit} / ${c.memory.serverCpuMsPerEdit} ms`,
    ]),
  );
  console.log(`\n${printed}`);
  const file = writeResult('durability', {
    edits: EDITS,
    writerIntervalMs: [20, 50],
    comparison,
    table: printed,
    targets: [],
  });
  console.log(`wrote ${file}`);
  if (comparison.some((c) => c.sqlite.missing + c.memory.missing > 0)) process.exitCode = 1;
}

runMain(main);
