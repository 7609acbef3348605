// Export benchmark: `npx tsx bench/export.bench.ts`. Builds the app if dist/ is missing, starts the
// server in-process on port 0, writes a 300-node map through a Node y-websocket client (the model's
// commands, as scripts/demo-map.ts does), opens it in headless Debian Chromium and times PNG (2×)
// and PDF (A3, with appendix) exports through the Export menu, from the click to the downloaded
// file. Prints a table and writes bench/results/export.json.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createPercorsoServer } from '../server/app';
import {
  LOCAL_USER,
  addChannel,
  addOwner,
  addStage,
  addTouchpoint,
  assignStageOwner,
  connect,
  setEmotion,
  setTouchpointList,
  CHANNEL_MEDIA,
} from '../src/model';
import { launchChromium } from '../tests/e2e/browser';
import { connectClient } from './lib/journey';
import { RESULTS_DIR, ROOT, median, round } from './lib/report';

const NODES = 300;
const STAGES = 10;
const CHANNELS = 8;
const OWNERS = 3;
const TOUCHPOINTS = NODES - STAGES - CHANNELS - OWNERS; // 279
const RUNS = Number(process.env.RUNS ?? 3);
const COLUMNS = 3; // touchpoints side by side in a stage; rows go down

function ensureBuilt(): void {
  if (fs.existsSync(path.join(ROOT, 'dist', 'index.html'))) return;
  console.log('dist/ is missing: building the app…');
  execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

/** A 300-node journey with every touchpoint placed in its stage's grid, chained by path edges. */
function writeMap(doc: import('yjs').Doc): void {
  const perStage = Math.ceil(TOUCHPOINTS / STAGES);
  doc.transact(() => {
    const stages = Array.from({ length: STAGES }, (_, i) =>
      addStage(doc, { label: `Stage ${i + 1}`, w: 20 + COLUMNS * 230 }),
    );
    const channels = Array.from({ length: CHANNELS }, (_, i) => {
      const medium = CHANNEL_MEDIA[i % CHANNEL_MEDIA.length] ?? 'web';
      return addChannel(doc, {
        label: `Channel ${i + 1}`,
        type: medium === 'store' || medium === 'kiosk' ? 'physical' : 'digital',
        medium,
        x: 20 + i * 210,
        y: 508,
      });
    });
    const owners = Array.from({ length: OWNERS }, (_, i) =>
      addOwner(doc, { name: `Owner ${i + 1}`, role: 'Stage owner', x: i * 190, y: -96 }),
    );
    stages.forEach((stage, i) => assignStageOwner(doc, stage, owners[i % OWNERS] ?? null));
    let previous: string | null = null;
    for (let i = 0; i < TOUCHPOINTS; i++) {
      const s = Math.floor(i / perStage);
      const k = i % perStage;
      const id = addTouchpoint(doc, {
        stageId: stages[s] ?? null,
        label: `Touchpoint ${i + 1}: customer step`,
        channelId: channels[i % CHANNELS] ?? null,
        x: 20 + (k % COLUMNS) * 230,
        y: 100 + Math.floor(k / COLUMNS) * 112,
      });
      setEmotion(doc, id, (i % 5) - 2);
      if (i % 4 === 0) setTouchpointList(doc, id, 'painPoints', [`Pain point of step ${i + 1}`]);
      if (previous) connect(doc, { source: previous, target: id });
      previous = id;
    }
  }, LOCAL_USER);
}

async function openMap(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 30_000 });
  const dialog = page.getByRole('dialog', { name: 'Who are you?' });
  await page.waitForTimeout(500);
  if (await dialog.isVisible()) {
    await dialog.getByLabel('Your name').fill('Bench');
    await dialog.getByRole('button', { name: 'Start mapping' }).click();
  }
  // only the cards in view are mounted; the export mounts the rest itself (and that time counts)
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="touchpoint"]').length > 0, null, {
    timeout: 60_000,
  });
  await page.waitForTimeout(500);
}

/** Time from the Export click to the downloaded file, and its size. */
async function timeExport(
  page: Page,
  menuItem: RegExp,
  setup: () => Promise<void>,
): Promise<{ ms: number; bytes: number }> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem', { name: menuItem }).click();
  await setup();
  const start = performance.now();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 300_000 }),
    page.getByTestId('export-dialog').getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const file = await download.path();
  if (process.env.KEEP_DIR) fs.copyFileSync(file, path.join(process.env.KEEP_DIR, download.suggestedFilename())); // to look at
  const ms = performance.now() - start;
  await page.getByTestId('export-dialog').waitFor({ state: 'detached' });
  return { ms, bytes: fs.statSync(file).size };
}

ensureBuilt();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'percorso-export-bench-'));
const server = await createPercorsoServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  logLevel: 'warn',
  distDir: path.join(ROOT, 'dist'),
});
const browser = await launchChromium();
try {
  const created = (await (
    await fetch(`${server.url}/api/maps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Export benchmark' }),
    })
  ).json()) as { id: string; editorKey: string };
  const writer = await connectClient(`${server.url.replace(/^http/, 'ws')}/sync`, {
    id: created.id,
    key: created.editorKey,
  });
  writeMap(writer.doc);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  writer.destroy();

  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await openMap(page, `${server.url}/map/${created.id}#key=${created.editorKey}`);

  const png: Array<{ ms: number; bytes: number }> = [];
  const pdf: Array<{ ms: number; bytes: number }> = [];
  for (let run = 0; run < RUNS; run++) {
    png.push(await timeExport(page, /PNG/, () => page.getByRole('radio', { name: '2×' }).check()));
    pdf.push(await timeExport(page, /PDF/, () => page.getByRole('radio', { name: /A3 landscape/ }).check()));
  }
  const row = (name: string, runs: Array<{ ms: number; bytes: number }>) => ({
    export: name,
    medianMs: round(median(runs.map((r) => r.ms))),
    minMs: round(Math.min(...runs.map((r) => r.ms))),
    maxMs: round(Math.max(...runs.map((r) => r.ms))),
    fileMiB: round(median(runs.map((r) => r.bytes)) / 1024 / 1024, 2),
  });
  const rows = [row('PNG 2×', png), row('PDF A3 + appendix', pdf)];
  console.log(
    `\nExport of a ${NODES}-node map (${STAGES} stages, ${TOUCHPOINTS} touchpoints, ${CHANNELS} channels, ${OWNERS} owners) in headless Chromium, ${RUNS} runs each, click → downloaded file:`,
  );
  console.table(rows);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    map: { nodes: NODES, stages: STAGES, touchpoints: TOUCHPOINTS, channels: CHANNELS, owners: OWNERS },
    runs: RUNS,
    results: rows,
  };
  fs.writeFileSync(path.join(RESULTS_DIR, 'export.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(`written ${path.join(RESULTS_DIR, 'export.json')}`);
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
