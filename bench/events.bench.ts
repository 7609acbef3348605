// Observed-journeys benchmark: one CSV of 1,000,000 contacts (125,000 customers, 12 touchpoints
// named by label or id, a segment, 100 days) posted to a Percorso server in its own process
// (SQLite in a temp DATA_DIR), then the flows of all of it and of 10 % of it (a 10-day window; the
// "gold" segment), and the delay of the flows-changed frame on an open client. Side by side, the
// plain SQL baseline: the same rows inserted into one indexless SQLite table (same parser, one
// transaction) and the directly-follows counts as one window-function query.
// BENCH_EVENTS=N changes the size. Writes bench/results/events.json. Run: npx tsx bench/events.bench.ts
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import Papa from 'papaparse';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { addStage, addTouchpoint, connect } from '../src/model';
import { median, ROOT, round, runMain, table, targetTable, waitUntil, writeResult, type Target } from './lib/report';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const PER_CUSTOMER = 8;
const TOUCHPOINTS = 12;
const DAYS = 100;
const RUNS = 5;
const BASE = Date.UTC(2025, 0, 1);

/** A small LCG: every run writes the same file. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Writes the log in time order per day (as exports come), returns its size in bytes. */
async function writeLog(file: string): Promise<number> {
  const rand = lcg(7);
  const out = fs.createWriteStream(file);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write('customer,at,touchpoint,channel,segment\n');
  const customers = Math.ceil(EVENTS / PER_CUSTOMER);
  let lines: string[] = [];
  for (let c = 0; c < customers; c++) {
    const segment = c % 10 === 0 ? 'gold' : 'basic';
    let at = BASE + Math.floor(rand() * (DAYS - 2) * 86_400_000);
    let tp = Math.floor(rand() * 3);
    for (let i = 0; i < PER_CUSTOMER && c * PER_CUSTOMER + i < EVENTS; i++) {
      const name = rand() < 0.5 ? `tp${tp}` : `Touchpoint ${tp}`;
      lines.push(`C${c},${new Date(at).toISOString()},${name},${rand() < 0.5 ? 'web' : 'phone'},${segment}\n`);
      at += 1000 + Math.floor(rand() * 7_200_000);
      tp = (tp + 1 + (rand() < 0.2 ? 0 : Math.floor(rand() * 2))) % TOUCHPOINTS;
    }
    if (lines.length >= 10_000) {
      await write(lines.join(''));
      lines = [];
    }
  }
  await write(lines.join(''));
  await new Promise<void>((resolve) => out.end(resolve));
  return fs.statSync(file).size;
}

interface Child {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function startServer(dataDir: string): Promise<Child> {
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": node flags for the server (profiling)
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      DIST_DIR: path.join(dataDir, 'no-dist'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (out.length > 100_000) return; // the request lines that follow are not needed
      out += chunk.toString();
      const m = /"port":(\d+).*percorso listening/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', () => reject(new Error(`server exited: ${out}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const peakRssMiB = (pid: number) =>
  round(Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
const rssMiB = (pid: number) =>
  round(Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** POSTs the file as a stream (never read whole here either). */
function postFile(url: string, key: string, file: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    fs.createReadStream(file).pipe(req);
  });
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const result = await fn();
  return [performance.now() - t0, result];
}

/** The plain SQL baseline: one indexless table, the same parser, one transaction; DFG by LAG(). */
async function baseline(
  file: string,
  dir: string,
): Promise<{ importMs: number; flowsMs: number; filteredMs: number; transitions: number }> {
  const db = new Database(path.join(dir, 'baseline.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE log (customer TEXT, at INTEGER, touchpoint TEXT, channel TEXT, segment TEXT)');
  const insert = db.prepare('INSERT INTO log VALUES (?, ?, ?, ?, ?)');
  const [importMs] = await timed(
    () =>
      new Promise<void>((resolve, reject) => {
        db.exec('BEGIN');
        let header = true;
        const stream = fs.createReadStream(file);
        stream.setEncoding('utf8');
        Papa.parse<string[]>(stream as unknown as File, {
          chunk: (results) => {
            for (const r of results.data) {
              if (header) {
                header = false;
                continue;
              }
              if (r.length < 5) continue;
              insert.run(r[0], Date.parse(r[1]!), r[2]!.trim().toLowerCase(), r[3], r[4]);
            }
          },
          complete: () => {
            db.exec('COMMIT');
            resolve();
          },
          error: reject,
        });
      }),
  );
  const dfg = (where: string) =>
    db
      .prepare(
        `SELECT source, target, count(*) AS transitions, count(DISTINCT customer) AS cases FROM (
           SELECT customer, COALESCE(LAG(touchpoint) OVER w, 'start') AS source, touchpoint AS target
           FROM log ${where} WINDOW w AS (PARTITION BY customer ORDER BY at)
         ) GROUP BY source, target`,
      )
      .all() as { transitions: number }[];
  const [flowsMs, rows] = await timed(async () => dfg(''));
  const from = BASE + 41 * 86_400_000;
  const [filteredMs] = await timed(async () => dfg(`WHERE at >= ${from} AND at < ${from + 10 * 86_400_000}`));
  db.close();
  return { importMs, flowsMs, filteredMs, transitions: rows.reduce((s, r) => s + r.transitions, 0) };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'percorso-bench-events-'));
  const file = path.join(dir, 'log.csv');
  try {
    const bytes = await writeLog(file);
    console.log(`${EVENTS.toLocaleString('en')} events, ${round(bytes / 2 ** 20)} MiB of CSV`);
    const server = await startServer(path.join(dir, 'data'));
    const map = await json<{ id: string; editorKey: string; viewerKey: string }>(`${server.url}/api/maps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Events bench' }),
    });
    // the touchpoints, through a real client; it stays open to receive flows-changed
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/sync`, map.id, doc, {
      params: { key: map.editorKey },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    const signals: number[] = [];
    provider.messageHandlers[100] = (_encoder, decoder) => {
      decoding.readVarString(decoder);
      signals.push(performance.now());
    };
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
    doc.transact(() => {
      addStage(doc, { id: 's', label: 'All' });
      for (let i = 0; i < TOUCHPOINTS; i++)
        addTouchpoint(doc, { id: `tp${i}`, stageId: 's', label: `Touchpoint ${i}` });
      for (let i = 0; i + 1 < TOUCHPOINTS; i++) connect(doc, { source: `tp${i}`, target: `tp${i + 1}` });
    });
    await waitUntil(() => provider.synced, 'the map to sync');
    await new Promise((r) => setTimeout(r, 500));
    const rssBefore = rssMiB(server.pid);

    const [importMs, answer] = await timed(() =>
      postFile(`${server.url}/api/maps/${map.id}/events`, map.editorKey, file),
    );
    if (answer.status !== 200) throw new Error(`import: ${answer.status} ${answer.body}`);
    const imported = JSON.parse(answer.body) as { accepted: number; rejected: number; duplicates: number };
    const peak = peakRssMiB(server.pid);
    console.log(
      `import: ${round(importMs)} ms, ${JSON.stringify(imported)}; server RSS ${rssBefore} MiB before, peak ${peak} MiB`,
    );

    const auth = { headers: { authorization: `Bearer ${map.viewerKey}` } };
    const flowsUrl = `${server.url}/api/maps/${map.id}/flows`;
    const [coldMs, flows] = await timed(() => json<{ events: number; edges: unknown[] }>(flowsUrl, auth));
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) warm.push((await timed(() => json(flowsUrl, auth)))[0]);
    // a different 10-day window each time: each answer is computed (none comes from the answer cache)
    const windowed: number[] = [];
    let windowEvents = 0;
    for (let i = 0; i < RUNS; i++) {
      const from = new Date(BASE + (41 + i * 2) * 86_400_000).toISOString();
      const to = new Date(BASE + (51 + i * 2) * 86_400_000).toISOString();
      const [ms, body] = await timed(() => json<{ events: number }>(`${flowsUrl}?from=${from}&to=${to}`, auth));
      windowed.push(ms);
      windowEvents += body.events / RUNS;
    }
    // the same segment each time: the first is computed, the others are the cached answer
    const gold: number[] = [];
    let goldEvents = 0;
    for (let i = 0; i < RUNS; i++) {
      const [ms, body] = await timed(() => json<{ events: number }>(`${flowsUrl}?attr.segment=gold`, auth));
      gold.push(ms);
      goldEvents = body.events;
    }

    // refresh signal: small imports, from the request's start and from its answer to the frame
    const afterStart: number[] = [];
    const afterAnswer: number[] = [];
    for (let i = 0; i < 10; i++) {
      const before = signals.length;
      const t0 = performance.now();
      await json(`${server.url}/api/maps/${map.id}/events`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${map.editorKey}` },
        body: `customer,at,touchpoint\nS${i},2025-02-01T00:00:00Z,tp0\n`,
      });
      const t1 = performance.now();
      await waitUntil(() => signals.length > before, 'flows-changed', 5000, 1);
      afterStart.push(signals[before]! - t0);
      afterAnswer.push(Math.max(0, signals[before]! - t1));
    }
    provider.destroy();
    await server.stop();

    const base = await baseline(file, dir);
    const rows = [
      ['import (CSV, 1 request)', `${round(importMs)} ms`, `${round(base.importMs)} ms`],
      [
        `flows, all ${flows.events.toLocaleString('en')} events, first (reads the DB)`,
        `${round(coldMs)} ms`,
        `${round(base.flowsMs)} ms`,
      ],
      ['flows, all events, again (median; the cached answer)', `${round(median(warm))} ms`, '—'],
      [
        `flows, 10-day windows (${round((100 * windowEvents) / flows.events)} %; median of ${RUNS} different ones, each computed)`,
        `${round(median(windowed))} ms`,
        `${round(base.filteredMs)} ms`,
      ],
      [
        `flows, segment=gold (${round((100 * goldEvents) / flows.events)} %): computed / again (median)`,
        `${round(gold[0]!)} / ${round(median(gold.slice(1)))} ms`,
        '—',
      ],
      [
        'flows-changed frame after the request started / after the answer (median)',
        `${round(median(afterStart))} / ${round(median(afterAnswer))} ms`,
        '—',
      ],
      ['server peak RSS (import included)', `${peak} MiB (${rssBefore} before)`, '—'],
    ];
    console.log(`\n${table(['', 'Percorso', 'plain SQL baseline'], rows)}\n`);
    const targets: Target[] = [
      {
        name: 'events: import 1M from one CSV',
        target: '≤ 10 s',
        measured: `${round(importMs / 1000, 2)} s`,
        met: importMs <= 10_000,
      },
      {
        name: 'events: flows of 1M',
        target: '≤ 500 ms',
        measured: `${round(coldMs)} ms computed (first after the import), ${round(median(warm))} ms again`,
        met: coldMs <= 500,
      },
      {
        name: 'events: flows, 10 % filter (computed)',
        target: '≤ 50 ms',
        measured: `${round(median(windowed))} ms (10-day windows), ${round(gold[0]!)} ms (segment)`,
        met: median(windowed) <= 50 && gold[0]! <= 50,
      },
      {
        name: 'events: refresh signal',
        target: '≤ 1 s',
        measured: `${round(Math.max(...afterAnswer))} ms after the answer (max)`,
        met: Math.max(...afterAnswer) <= 1000,
      },
    ];
    console.log(targetTable(targets));
    writeResult('events', {
      events: EVENTS,
      csvBytes: bytes,
      importMs,
      imported,
      coldMs,
      warm,
      windowed,
      gold,
      afterStart,
      afterAnswer,
      peakRssMiB: peak,
      rssBeforeMiB: rssBefore,
      baseline: base,
      targets,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// something of the clients (a socket, a timer) can outlive them: do not wait for it once done
runMain(() => main().then(() => process.exit(process.exitCode ?? 0)));
