// Metrics in the real browser: a CSV (semicolons, decimal commas, one bad row) dropped on the map
// opens the import dialog; applying it and colouring the map by CSAT heat-colours the cards, each
// with its number and status words, and a second person sees the imported values live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/helpers/testServer';
import { DIST, launchChromium } from './browser';
import { Steps } from './steps';

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startTestServer({ distDir: DIST });
});
afterAll(async () => {
  await browser?.close();
});

async function newMap(title: string) {
  const response = await fetch(`${server.url}/api/maps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  return (await response.json()) as { id: string; editorKey: string; viewerKey: string };
}

async function person(): Promise<Steps> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  return new Steps(await context.newPage(), server.url);
}

/** Drops a file on the empty part of the map, as a person dragging it from their desktop would. */
async function dropFile(page: Page, name: string, text: string) {
  const dataTransfer = await page.evaluateHandle(
    ([fileName, content]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], fileName, { type: 'text/csv' }));
      return transfer;
    },
    [name, text] as const,
  );
  const pane = page.locator('.react-flow__pane');
  await pane.dispatchEvent('dragover', { dataTransfer });
  await pane.dispatchEvent('drop', { dataTransfer });
}

const CSV = [
  'Touchpoint;CSAT;Drop-off',
  'Calls the contact centre;2,4;48',
  'Sends photos on WhatsApp;4,6;8',
  'Visits the shop;4;5',
].join('\n');

describe('metrics', () => {
  it('imports a dropped CSV and colours the cards by CSAT, with numbers and status words', async () => {
    const map = await newMap('Support journey');
    const alice = await person();
    await alice.openShareLink(map.id, map.editorKey);
    await alice.addStage('Contact');
    await alice.addTouchpoint('Calls the contact centre');
    await alice.addTouchpoint('Sends photos on WhatsApp');
    const bob = await person();
    await bob.openShareLink(map.id, map.viewerKey);
    await bob.touchpoint('Sends photos on WhatsApp').waitFor();

    await dropFile(alice.page, 'march.csv', CSV);
    const dialog = alice.page.getByTestId('csv-dialog');
    await dialog.getByTestId('csv-preview').waitFor();
    await expect
      .poll(() => dialog.getByTestId('csv-errors').textContent(), { timeout: 10_000 })
      .toContain('no touchpoint, channel or stage is called “Visits the shop”');
    await dialog.getByRole('button', { name: 'Import 4 values' }).click();
    await dialog.getByText('4 values imported').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();

    await alice.page.getByTestId('color-by').selectOption('csat');
    const legend = alice.page.getByTestId('heat-legend');
    await legend.getByText('Colour: CSAT').waitFor();
    await expect
      .poll(() => legend.locator('li').allTextContents(), { timeout: 10_000 })
      .toEqual(['✓on target≥ 4', '!watch3 – 4', '✕off target≤ 3', '∅no data']);

    const call = alice.touchpoint('Calls the contact centre');
    await expect.poll(() => call.getAttribute('class'), { timeout: 10_000 }).toContain('heat-red');
    const chip = call.locator('.heat-chip');
    expect(await chip.getAttribute('data-status')).toBe('red');
    expect(await chip.textContent()).toContain('2.4');
    expect(await chip.textContent()).toContain('off target');
    await expect
      .poll(() => alice.touchpoint('Sends photos on WhatsApp').getAttribute('class'), { timeout: 10_000 })
      .toContain('heat-green');
    // the stage header shows the mean of its touchpoints: (2.4 + 4.6) / 2
    await expect
      .poll(() => alice.page.locator('.stage-header .heat-chip').textContent(), { timeout: 10_000 })
      .toContain('3.5');

    // the viewer sees the values live on the cards (key metrics) and can colour the map too
    await expect
      .poll(() => bob.touchpoint('Calls the contact centre').locator('.metric-badge').first().getAttribute('title'), {
        timeout: 10_000,
      })
      .toBe('CSAT: 2.4 · off target');
    await bob.page.getByTestId('color-by').selectOption('csat');
    await expect
      .poll(() => bob.touchpoint('Calls the contact centre').getAttribute('class'), { timeout: 10_000 })
      .toContain('heat-red');
  });
});
