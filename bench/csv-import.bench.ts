// CSV import benchmark: a map of 200 touchpoints, a 10,000-row Italian-style CSV (';', decimal
// commas, day-first dates), parsed, planned and applied. Prints the timings and writes
// bench/results/csv-import.json. Run: npx tsx bench/csv-import.bench.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { addStage, addTouchpoint, applyCsvImport, parseCsv, planCsvImport, suggestCsvMapping } from '../src/model';
import { mulberry32 } from '../tests/shared/random';

const TOUCHPOINTS = 200;
const STAGES = 8;
const ROWS = 10_000;
const TARGET_MS = 2000;

function buildMap(): Y.Doc {
  const doc = new Y.Doc();
  for (let s = 0; s < STAGES; s++) addStage(doc, { label: `Fase ${s + 1}`, id: `s${s}` });
  for (let i = 0; i < TOUCHPOINTS; i++)
    addTouchpoint(doc, { id: `tp${i}`, stageId: `s${i % STAGES}`, label: `Punto di contatto ${i}` });
  return doc;
}

/** Deterministic values (seeded), so every run imports the same file. */
function buildCsv(): string {
  const rand = mulberry32(42);
  const comma = (n: number, digits: number) => n.toFixed(digits).replace('.', ',');
  const lines = ['Punto di contatto;Data;CSAT;NPS;Drop-off (%);Volume'];
  for (let r = 0; r < ROWS; r++) {
    const tp = r % TOUCHPOINTS;
    const day = new Date(Date.UTC(2024, 0, 1 + Math.floor(r / TOUCHPOINTS)));
    const date = `${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${day.getUTCFullYear()}`;
    const volume = Math.floor(500 + rand() * 4500);
    lines.push(
      [
        `Punto di contatto ${tp}`,
        date,
        comma(1 + rand() * 4, 1),
        String(Math.round(-50 + rand() * 120)),
        comma(rand() * 60, 2),
        volume.toLocaleString('it-IT'),
      ].join(';'),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

const doc = buildMap();
const text = buildCsv();
const t0 = performance.now();
const csv = parseCsv(text);
const t1 = performance.now();
const mapping = suggestCsvMapping(doc, csv);
const plan = planCsvImport(doc, csv, mapping);
const t2 = performance.now();
const result = applyCsvImport(doc, plan, { kind: 'import' });
const t3 = performance.now();

const ms = (a: number, b: number) => Math.round((b - a) * 10) / 10;
const figures = {
  touchpoints: TOUCHPOINTS,
  rows: csv.rows.length,
  bytes: text.length,
  delimiter: csv.delimiter,
  items: plan.items.length,
  rowErrors: plan.errors.length,
  applied: result.applied,
  skipped: result.skipped,
  updateBytes: Y.encodeStateAsUpdate(doc).length,
  parseMs: ms(t0, t1),
  planMs: ms(t1, t2),
  applyMs: ms(t2, t3),
  totalMs: ms(t0, t3),
  targetMs: TARGET_MS,
  met: t3 - t0 < TARGET_MS,
  node: process.version,
  at: new Date().toISOString(),
};
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'csv-import.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(figures, null, 2) + '\n');
console.log(
  `csv import: ${figures.rows} rows → ${figures.items} values on ${TOUCHPOINTS} touchpoints (${figures.rowErrors} row errors)`,
);
console.log(
  `  parse ${figures.parseMs} ms, plan ${figures.planMs} ms, apply ${figures.applyMs} ms, total ${figures.totalMs} ms`,
);
console.log(`  target < ${TARGET_MS} ms: ${figures.met ? 'met' : 'NOT met'}; results in ${out}`);
if (figures.rowErrors > 0 || figures.applied !== figures.items) process.exitCode = 1;
