// Update latency, Percorso against the reference y-websocket 2 server, with 2, 10 and 50 stock
// y-websocket clients on a 100-node map (and 10 clients on a 1,000-node map). Each server runs
// alone in its own child process, one measurement after the other. Prints the table and writes
// bench/results/latency.json. Run: npx tsx bench/latency.bench.ts
import { runMatrix, type LatencyCase } from './lib/latency';
import { round, runMain, table, targetTable, writeResult, type Target } from './lib/report';
import type { ServerKind } from './lib/serverProcess';

const EDITS = Number(process.env.BENCH_EDITS ?? 250);
const CASES: LatencyCase[] = [
  { clients: 2, mapNodes: 100 },
  { clients: 10, mapNodes: 100 },
  { clients: 50, mapNodes: 100 },
  { clients: 10, mapNodes: 1000 },
];
const KINDS: ServerKind[] = ['reference', 'percorso-sqlite'];

async function main(): Promise<void> {
  console.log(`latency: ${EDITS} edits per case, writer every 20–50 ms`);
  const rows = await runMatrix(KINDS, CASES, EDITS);
  const find = (kind: ServerKind, c: (typeof CASES)[number]) =>
    rows.find((r) => r.kind === kind && r.result.clients === c.clients && r.result.mapNodes === c.mapNodes)?.result;
  const comparison = CASES.map((c) => {
    const ours = find('percorso-sqlite', c);
    const ref = find('reference', c);
    if (!ours || !ref) throw new Error('missing measurement');
    return {
      clients: c.clients,
      mapNodes: c.mapNodes,
      percorso: ours,
      reference: ref,
      ratioP50: round(ours.latencyMs.p50 / ref.latencyMs.p50, 2),
      ratioP99: round(ours.latencyMs.p99 / ref.latencyMs.p99, 2),
    };
  });
  const printed = table(
    [
      'clients',
      'map nodes',
      'Percorso p50',
      'Percorso p99',
      'reference p50',
      'reference p99',
      'ratio p50',
      'ratio p99',
      'server CPU / edit (P / ref)',
      'missing',
    ],
    comparison.map((c) => [
      c.clients,
      c.mapNodes,
      `${c.percorso.latencyMs.p50} ms`,
      `${c.percorso.latencyMs.p99} ms`,
      `${c.reference.latencyMs.p50} ms`,
      `${c.reference.latencyMs.p99} ms`,
      c.ratioP50,
      c.ratioP99,
      `${c.percorso.serverCpuMsPerEdit} / ${c.reference.serverCpuMsPerEdit} ms`,
      c.percorso.missing + c.reference.missing,
    ]),
  );
  const targets: Target[] = comparison
    .filter((c) => c.mapNodes === 100)
    .flatMap((c) => [
      {
        name: `latency p50, ${c.clients} clients`,
        target: '≤ reference',
        measured: `${c.percorso.latencyMs.p50} vs ${c.reference.latencyMs.p50} ms (×${c.ratioP50})`,
        met: c.percorso.latencyMs.p50 <= c.reference.latencyMs.p50,
      },
      {
        name: `latency p99, ${c.clients} clients`,
        target: '≤ reference',
        measured: `${c.percorso.latencyMs.p99} vs ${c.reference.latencyMs.p99} ms (×${c.ratioP99})`,
        met: c.percorso.latencyMs.p99 <= c.reference.latencyMs.p99,
      },
    ]);
  console.log(`\n${printed}\n\n${targetTable(targets)}`);
  const file = writeResult('latency', {
    edits: EDITS,
    writerIntervalMs: [20, 50],
    comparison,
    table: printed,
    targets,
  });
  console.log(`wrote ${file}`);
  if (comparison.some((c) => c.percorso.missing > 0)) process.exitCode = 1;
}

runMain(main);
