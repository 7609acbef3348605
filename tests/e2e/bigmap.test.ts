// A map wider than the screen, in the real browser: it opens at the start of the journey at a
// readable zoom with only the cards in view mounted; "fit" shows (and mounts) every card; a drag is
// seen live by a second person and reaches the document once, on drop; the PNG export draws the
// whole map although only part of it is mounted when the export starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addStage, addTouchpoint, roots } from '../../src/model';
import { connectSynced, createMap, startTestServer, waitFor } from '../server/helpers/testServer';
import { DIST, launchChromium } from './browser';
import { Steps } from './steps';
import { MAP_PADDING, chooseExport, downloadOf, flowBounds, pngSize } from './export-helpers';

const STAGES = 16;
const PER_STAGE = 3;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function open(url: string): Promise<Steps> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  const steps = new Steps(await context.newPage(), url);
  await steps.openHome();
  return steps;
}

const mountedCards = (page: Page) => page.locator('.react-flow__node-touchpoint').count();
const zoomOf = (page: Page) =>
  page.evaluate(
    () =>
      new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport') as Element).transform).a,
  );

describe('a map wider than the screen', () => {
  it('opens at its start, fits on request, shows drags live, and exports whole', async () => {
    const server = await startTestServer({ distDir: DIST });
    const map = await createMap(server.url, 'Long journey');
    const seeder = await connectSynced(server.wsUrl, map.id, map.editorKey);
    const cards: string[] = [];
    for (let s = 0; s < STAGES; s++) {
      const stageId = addStage(seeder.doc, { label: `Stage ${s + 1}` });
      for (let i = 0; i < PER_STAGE; i++)
        cards.push(addTouchpoint(seeder.doc, { stageId, label: `Step ${s + 1}.${i + 1}`, x: 20, y: 100 + i * 130 }));
    }
    const total = cards.length;
    const link = `${server.url}/map/${map.id}#key=${map.editorKey}`;

    const a = await open(server.url);
    await a.page.goto(link);
    await a.waitConnected('Alice');
    await a.page.getByText('Stage 1', { exact: true }).waitFor();
    await expect.poll(() => mountedCards(a.page)).toBeGreaterThan(0);
    expect(await mountedCards(a.page)).toBeLessThan(total); // only the cards in view
    expect(await zoomOf(a.page)).toBeGreaterThanOrEqual(0.45);
    expect(await a.page.getByText(`Stage ${STAGES}`, { exact: true }).count()).toBe(0);

    // the PNG export mounts every card first: its width is the whole map's
    await chooseExport(a.page, /PNG/);
    await a.page.getByRole('radio', { name: '1×' }).check();
    // how many cards are mounted at most while the export runs, sampled every frame
    await a.page.evaluate(() => {
      const w = window as unknown as { __maxCards: number };
      w.__maxCards = 0;
      const sample = () => {
        w.__maxCards = Math.max(w.__maxCards, document.querySelectorAll('.react-flow__node-touchpoint').length);
        requestAnimationFrame(sample);
      };
      sample();
    });
    const png = await downloadOf(a.page, () =>
      a.page.getByTestId('export-dialog').getByRole('button', { name: 'Export', exact: true }).click(),
    );
    await a.page.getByTestId('export-dialog').waitFor({ state: 'detached' });
    expect(await a.page.evaluate(() => (window as unknown as { __maxCards: number }).__maxCards)).toBe(total);
    expect(await mountedCards(a.page)).toBeLessThan(total); // back to the cards in view

    // "Fit" takes in every card, measured or not, and so mounts them all
    await a.page.getByRole('button', { name: 'Fit', exact: true }).click();
    await expect.poll(() => mountedCards(a.page), { timeout: 10_000 }).toBe(total);
    const bounds = await flowBounds(a.page);
    expect(Math.abs(pngSize(png.bytes).width - (bounds.width + 2 * MAP_PADDING))).toBeLessThanOrEqual(4);

    // Bob watches Alice drag the first card: it moves on his screen before she drops it
    const b = await open(server.url);
    await b.page.goto(link);
    await b.waitConnected('Bob');
    const first = cards[0] ?? '';
    const onBob = b.page.locator(`.react-flow__node[data-id="${first}"]`);
    await onBob.waitFor();
    const before = await onBob.evaluate((el) => (el as HTMLElement).style.transform);
    const storedX = () => Number((roots(seeder.doc).nodes.get(first)?.get('x') as number | undefined) ?? NaN);
    const xBefore = storedX();
    const card = a.page.locator(`.react-flow__node[data-id="${first}"]`);
    const box = await card.boundingBox();
    if (!box) throw new Error('the first card is not on screen');
    await a.page.mouse.move(box.x + box.width / 2, box.y + 20);
    await a.page.mouse.down();
    for (let step = 1; step <= 10; step++)
      await a.page.mouse.move(box.x + box.width / 2 + step * 4, box.y + 20 + step * 3);
    await expect
      .poll(() => onBob.evaluate((el) => (el as HTMLElement).style.transform), { timeout: 5000 })
      .not.toBe(before);
    expect(storedX()).toBe(xBefore); // nothing written while dragging
    await a.page.mouse.up();
    await waitFor(() => storedX() !== xBefore, 5000, 'the drop to reach the document');
    seeder.destroy();
  });
});
