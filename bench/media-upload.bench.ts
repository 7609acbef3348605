// Media upload and download throughput: `npx tsx bench/media-upload.bench.ts`.
// Starts the server in-process on port 0 with a temp DATA_DIR, uploads a 50 MiB WAV (header + random
// PCM, fresh bytes each run so nothing is deduplicated) over loopback HTTP, downloads it back, prints
// MiB/s and writes bench/results/media-upload.json.
import { randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPercorsoServer } from '../server/app';

const MIB = 1024 * 1024;
const SIZE = 50 * MIB; // the default MAX_UPLOAD_BYTES: the largest upload a user can make
const RUNS = 5;

function wavOf(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  randomFillSync(bytes.subarray(44));
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) => [...text].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, size - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 2, true); // stereo
  view.setUint32(24, 44100, true);
  view.setUint32(28, 44100 * 4, true);
  view.setUint16(32, 4, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, size - 44, true);
  return bytes;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The same transfers against a bare node:http server that discards uploads and serves a buffer:
 * what loopback HTTP with this client costs on this machine, so the figures above can be read.
 */
async function loopbackBaseline(body: Uint8Array<ArrayBuffer>): Promise<{ upload: number; download: number }> {
  const server = http.createServer((req, res) => {
    if (req.method === 'GET') return void res.setHeader('content-length', body.length).end(body);
    req.resume().on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const upload: number[] = [];
  const download: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let start = performance.now();
    await (await fetch(url, { method: 'POST', body })).text();
    upload.push(body.length / MIB / ((performance.now() - start) / 1000));
    start = performance.now();
    await (await fetch(url)).arrayBuffer();
    download.push(body.length / MIB / ((performance.now() - start) / 1000));
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { upload: round(median(upload)), download: round(median(download)) };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'percorso-bench-media-'));
  const server = await createPercorsoServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logLevel: 'warn',
    distDir: path.join(dataDir, 'no-dist'),
  });
  try {
    const created = await fetch(`${server.url}/api/maps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'bench' }),
    });
    const map = (await created.json()) as { id: string; editorKey: string };
    const auth = { authorization: `Bearer ${map.editorKey}` };
    const upload: number[] = [];
    const download: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const body = wavOf(SIZE);
      let start = performance.now();
      const res = await fetch(`${server.url}/api/maps/${map.id}/media`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/octet-stream', 'x-file-name': `run-${run}.wav` },
        body,
      });
      const ref = (await res.json()) as { id: string; size: number };
      upload.push(SIZE / MIB / ((performance.now() - start) / 1000));
      if (res.status !== 201 || ref.size !== SIZE)
        throw new Error(`upload failed: ${res.status} ${JSON.stringify(ref)}`);

      start = performance.now();
      const got = await fetch(`${server.url}/api/maps/${map.id}/media/${ref.id}`, { headers: auth });
      const bytes = await got.arrayBuffer();
      download.push(SIZE / MIB / ((performance.now() - start) / 1000));
      if (bytes.byteLength !== SIZE) throw new Error(`download returned ${bytes.byteLength} bytes`);
    }
    const baseline = await loopbackBaseline(wavOf(SIZE));
    const result = {
      bench: 'media-upload',
      date: new Date().toISOString(),
      node: process.version,
      platform: `${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs`,
      fileBytes: SIZE,
      runs: RUNS,
      note: 'loopback HTTP, fetch client in the same process; upload includes hashing, type sniffing and fsync',
      uploadMiBps: { median: round(median(upload)), runs: upload.map(round) },
      downloadMiBps: { median: round(median(download)), runs: download.map(round) },
      loopbackBaselineMiBps: baseline,
      loadAverage: os.loadavg().map(round),
    };
    console.log(
      `media upload:   ${result.uploadMiBps.median} MiB/s (median of ${RUNS} × 50 MiB; runs ${result.uploadMiBps.runs.join(', ')})`,
    );
    console.log(`media download: ${result.downloadMiBps.median} MiB/s (runs ${result.downloadMiBps.runs.join(', ')})`);
    console.log(
      `bare loopback HTTP on this machine: upload ${baseline.upload} MiB/s, download ${baseline.download} MiB/s`,
    );
    const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'media-upload.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`wrote ${path.relative(process.cwd(), out)}`);
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
