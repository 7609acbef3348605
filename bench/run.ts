// `npm run bench`: every benchmark of bench/, one after the other, each in its own process (so one
// never shares a heap or an event loop with the next), then the targets of all of them in one table.
// Each benchmark prints its own tables and writes bench/results/NAME.json; this writes
// bench/results/summary.json. `npm run bench -- latency fanout` runs only those.
// Exit code 1 when a benchmark failed to run; a missed target is reported, not a failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  BENCH_DIR,
  RESULTS_DIR,
  ROOT,
  machine,
  round,
  table,
  targetTable,
  writeResult,
  type Target,
} from './lib/report';

/** Ours first, in the order of the issue; any other *.bench.ts after them. */
const FIRST = ['bundle', 'latency', 'durability', 'fanout', 'browser'];

function benchNames(): string[] {
  const found = fs
    .readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.replace(/\.bench\.ts$/, ''));
  return [...FIRST.filter((name) => found.includes(name)), ...found.filter((name) => !FIRST.includes(name)).sort()];
}

function readTargets(name: string): Target[] {
  const file = path.join(RESULTS_DIR, `${name}.json`);
  if (!fs.existsSync(file)) return [];
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    targets?: Target[];
    targetMs?: number;
    totalMs?: number;
    met?: boolean;
  };
  if (Array.isArray(data.targets)) return data.targets;
  // the older benchmarks write { targetMs, totalMs, met }
  if (typeof data.targetMs === 'number' && typeof data.met === 'boolean') {
    return [{ name, target: `< ${data.targetMs} ms`, measured: `${data.totalMs ?? '?'} ms`, met: data.met }];
  }
  return [];
}

function main(): void {
  const wanted = process.argv.slice(2);
  const names = benchNames().filter((name) => wanted.length === 0 || wanted.includes(name));
  const m = machine();
  console.log(
    `Percorso benchmarks on ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}; load average ${m.loadAverage.join(' ')}\n`,
  );
  const runs: { name: string; seconds: number; ok: boolean }[] = [];
  for (const name of names) {
    console.log(`━━ ${name} ${'━'.repeat(Math.max(0, 70 - name.length))}`);
    const started = performance.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, `${name}.bench.ts`)], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    const seconds = round((performance.now() - started) / 1000);
    runs.push({ name, seconds, ok: child.status === 0 });
    console.log(
      `(${name}: ${seconds} s${child.status === 0 ? '' : `, FAILED with ${child.status ?? child.signal}`})\n`,
    );
  }
  const targets = runs.flatMap((run) => (run.ok ? readTargets(run.name) : []));
  const timing = table(
    ['benchmark', 'seconds', ''],
    runs.map((r) => [r.name, r.seconds, r.ok ? 'ok' : 'FAILED']),
  );
  console.log(`━━ summary ${'━'.repeat(62)}\n\n${timing}\n\n${targetTable(targets)}\n`);
  const met = targets.filter((t) => t.met).length;
  console.log(`${met} of ${targets.length} targets met; total ${round(runs.reduce((s, r) => s + r.seconds, 0))} s`);
  writeResult('summary', { runs, targets });
  if (runs.some((r) => !r.ok)) process.exitCode = 1;
}

main();
