// Export in the real browser: a map made from the purchase template through the home page is
// exported as PNG (whole map at the chosen scale, not blank, tiled at 4×), PDF (pages, real text
// read back with pdfjs-dist), JSON (imported again from the home page: an equal map) and CSV.
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { readNodes, setMetricValue } from '../../src/model';
import { connectSynced, startTestServer } from '../server/helpers/testServer';
import { openMapIn, templateMap } from './canvas-helpers';
import { DIST, launchChromium } from './browser';
import { Steps } from './steps';
import {
  MAP_PADDING,
  chooseExport,
  createFromTemplate,
  downloadOf,
  flowBounds,
  inkShares,
  pdfText,
  pngSize,
} from './export-helpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function person(url: string): Promise<{ steps: Steps; context: BrowserContext }> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  return { steps: new Steps(await context.newPage(), url), context };
}

async function runDialogExport(steps: Steps, setup: () => Promise<void>) {
  await setup();
  const file = await downloadOf(steps.page, () =>
    steps.page.getByTestId('export-dialog').getByRole('button', { name: 'Export', exact: true }).click(),
  );
  await steps.page.getByTestId('export-dialog').waitFor({ state: 'detached' });
  return file;
}

describe('export', () => {
  it('exports the whole map as PNG at 2× and 4× (tiled), never blank', async () => {
    const server = await startTestServer({ distDir: DIST });
    const { steps } = await person(server.url);
    await createFromTemplate(steps, 'Bike purchase', 'Purchase journey');
    const bounds = await flowBounds(steps.page);

    const png2 = await runDialogExport(steps, async () => {
      await chooseExport(steps.page, /PNG/);
      await steps.page.getByRole('radio', { name: '2×' }).check();
    });
    expect(png2.name).toBe('Bike purchase.png');
    const size2 = pngSize(png2.bytes);
    expect(Math.abs(size2.width - (bounds.width + 2 * MAP_PADDING) * 2)).toBeLessThanOrEqual(4);
    // the map plus the legend strip under it
    expect(size2.height).toBeGreaterThan((bounds.height + 2 * MAP_PADDING) * 2);
    expect(size2.height).toBeLessThan((bounds.height + 2 * MAP_PADDING + 400) * 2);
    const ink2 = await inkShares(steps.page, png2.bytes);
    for (const share of ink2) expect(share).toBeGreaterThan(0.02);

    const png4 = await runDialogExport(steps, async () => {
      await chooseExport(steps.page, /PNG/);
      await steps.page.getByRole('radio', { name: '4×' }).check();
    });
    const size4 = pngSize(png4.bytes);
    expect(size4.width).toBeGreaterThan(4096); // more than one tile across
    expect(Math.abs(size4.width - size2.width * 2)).toBeLessThanOrEqual(4);
    const ink4 = await inkShares(steps.page, png4.bytes, 3);
    for (const share of ink4) expect(share).toBeGreaterThan(0.01);
  });

  it('exports a print-ready PDF (A3 with appendix, and a poster) whose text is real', async () => {
    const server = await startTestServer({ distDir: DIST });
    const { steps } = await person(server.url);
    await createFromTemplate(steps, 'Bike purchase', 'Purchase journey');
    const a3 = await runDialogExport(steps, async () => {
      await chooseExport(steps.page, /PDF/);
      await steps.page.getByRole('radio', { name: /A3 landscape/ }).check();
      await steps.page.getByLabel(/Version name/).fill('Workshop 1');
    });
    expect(a3.name).toBe('Bike purchase.pdf');
    const pages = await pdfText(a3.bytes);
    expect(pages.length).toBeGreaterThanOrEqual(2); // the map page, then the touchpoint table
    expect(pages[0]).toContain('Bike purchase');
    expect(pages[0]).toContain('Workshop 1');
    expect(pages[0]).toContain('Channels');
    expect(pages.slice(1).join(' ')).toContain('Compares models and prices');

    const poster = await runDialogExport(steps, async () => {
      await chooseExport(steps.page, /PDF/);
      await steps.page.getByRole('radio', { name: /Poster/ }).check();
      await steps.page.getByLabel('Pages across').selectOption('2');
      await steps.page.getByLabel(/Appendix/).uncheck();
    });
    const posterPages = await pdfText(poster.bytes);
    expect(posterPages.length).toBeGreaterThanOrEqual(3); // cover + at least 2 poster pages
    expect(posterPages[1]).toContain('row 1 of');
    expect(posterPages.join(' ')).not.toContain('Compares models and prices'); // no appendix
  });

  it('exports an Italian PDF coloured by a metric: real ✓ and ✕, numbers and date in Italian', async () => {
    const server = await startTestServer({ distDir: DIST });
    const map = await templateMap(server, 'purchase', 'it');
    const seeder = await connectSynced(server.wsUrl, map.id, map.editorKey);
    const card = readNodes(seeder.doc).find((node) => node.kind === 'touchpoint');
    setMetricValue(seeder.doc, { nodeId: card!.id, key: 'csat', value: 4.5, source: 'manual' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    seeder.destroy();
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 900 } });
    await context.addInitScript(() => localStorage.setItem('percorso.language', 'it'));
    const page = await context.newPage();
    await openMapIn(page, server.url, map);
    await page.locator('[data-testid="touchpoint"]').first().waitFor();
    await page.getByTestId('color-by').selectOption('csat');
    const exportIt = async (item: RegExp, setup: () => Promise<void>) => {
      await page.getByRole('button', { name: 'Esporta', exact: true }).click();
      await page.getByRole('menuitem', { name: item }).click();
      await setup();
      const file = await downloadOf(page, () =>
        page.getByTestId('export-dialog').getByRole('button', { name: 'Esporta', exact: true }).click(),
      );
      await page.getByTestId('export-dialog').waitFor({ state: 'detached' });
      return file;
    };
    const pdf = await exportIt(/PDF/, () => page.getByRole('radio', { name: /A3 orizzontale/ }).check());
    const pages = await pdfText(pdf.bytes);
    const first = pages[0] ?? '';
    // the legend's marks are the real glyphs, not Helvetica's "v" and "x"
    expect(first).toContain('✓ in linea');
    expect(first).toContain('✕ fuori obiettivo');
    expect(first).toMatch(/≥ 4/);
    // today's date as Italians write it (day first), and 4.5 with a decimal comma in the appendix
    const today = new Date();
    expect(first).toMatch(new RegExp(`Data: 0?${today.getDate()}/0?${today.getMonth() + 1}/${today.getFullYear()}`));
    expect(pages.slice(1).join(' ')).toContain('4,5');
    const png = await exportIt(/PNG/, () => page.getByRole('radio', { name: '1×' }).check());
    if (process.env.EXPORT_SHOTS) {
      fs.writeFileSync(path.join(process.env.EXPORT_SHOTS, 'export-it.pdf'), pdf.bytes);
      fs.writeFileSync(path.join(process.env.EXPORT_SHOTS, 'export-it.png'), png.bytes);
    }
    await context.close();
  });

  it('exports JSON and imports it on the home page as an equal new map; exports CSV', async () => {
    const server = await startTestServer({ distDir: DIST });
    const { steps } = await person(server.url);
    const firstId = await createFromTemplate(steps, 'Support desk', 'Omnichannel support');
    const touchpoints = await steps.page.locator('[data-testid="touchpoint"]').count();

    const json = await downloadOf(steps.page, () => chooseExport(steps.page, /JSON/));
    expect(json.name).toBe('Support desk.percorso.json');
    const exported = JSON.parse(json.bytes.toString('utf8')) as {
      format: string;
      exportedAt: string;
      meta: { title: string; templateId: string };
    };
    expect(exported.format).toBe('percorso-journey');
    expect(exported.meta.templateId).toBe('omnichannel-support');

    const csv = await downloadOf(steps.page, () => chooseExport(steps.page, /CSV/));
    expect(csv.name).toBe('Support desk.csv');
    const text = csv.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(1).trim(), { delimiter: ',' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]!.slice(0, 8)).toEqual([
      'Stage',
      'Touchpoint',
      'Channel',
      'Owner',
      'Personas',
      'Emotion',
      'Pain points',
      'Opportunities',
    ]);
    expect(parsed.data[0]).toContain('CSAT (1–5)');
    expect(parsed.data.length - 1).toBe(touchpoints);

    // a broken file is refused with a clear message and creates nothing
    await steps.openHome();
    const input = steps.page.getByTestId('import-map-input');
    await input.setInputFiles({
      name: 'broken.percorso.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"percorso-journey"'),
    });
    await expect.poll(() => steps.page.getByRole('alert').textContent()).toContain('not a JSON file');
    await input.setInputFiles({
      name: 'other.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"hello":"world"}'),
    });
    await expect.poll(() => steps.page.getByRole('alert').textContent()).toContain('not a Percorso map');

    await input.setInputFiles({ name: json.name, mimeType: 'application/json', buffer: json.bytes });
    await steps.page.waitForURL(
      (url) => /\/map\/[A-Za-z0-9_-]+$/.test(url.pathname) && !url.pathname.endsWith(firstId),
      { timeout: 20_000 },
    );
    await steps.waitConnected();
    await expect
      .poll(() => steps.page.locator('[data-testid="touchpoint"]').count(), { timeout: 15_000 })
      .toBe(touchpoints);
    const again = await downloadOf(steps.page, () => chooseExport(steps.page, /JSON/));
    const reimported = JSON.parse(again.bytes.toString('utf8')) as typeof exported;
    const { exportedAt: _a, ...before } = exported;
    const { exportedAt: _b, ...after } = reimported;
    expect(after).toEqual(before);
  });

  it('shows progress and cancels a running export: no file, no error, the dialog stays', async () => {
    const server = await startTestServer({ distDir: DIST });
    const { steps, context } = await person(server.url);
    await createFromTemplate(steps, 'Bike purchase', 'Purchase journey');
    const page = steps.page;
    let downloads = 0;
    page.on('download', () => void downloads++);
    // a slow machine: the export takes long enough to be cancelled by hand
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
    await chooseExport(page, /PNG/);
    await page.getByRole('radio', { name: '4×' }).check();
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog.getByRole('progressbar', { name: 'Export progress' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.getByRole('progressbar').waitFor({ state: 'detached', timeout: 30_000 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await page.waitForTimeout(500);
    expect(downloads).toBe(0);
    expect(await dialog.getByRole('alert').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  }, 120_000);
});
