// What a drop means, in the real browser with the built app: a touchpoint dropped in another column
// takes that stage, an owner dropped on a stage header becomes its owner and goes back to the rail,
// and a stage dragged by its handle past another takes its place in the order. Each is read back from
// the server's document (a second, stock y-websocket client) and from the geometry of the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addOwner, addStage, addTouchpoint, readNode, stagesInOrder } from '../../src/model';
import { connectSynced, createMap, startTestServer, waitFor } from '../server/helpers/testServer';
import { DIST, launchChromium } from './browser';
import { Steps } from './steps';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(page: Page, selector: string): Promise<Box> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  return box;
}

/** Presses at `from`, moves to `to` in small steps (as a hand does) and releases. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let step = 1; step <= 12; step++)
    await page.mouse.move(from.x + ((to.x - from.x) * step) / 12, from.y + ((to.y - from.y) * step) / 12);
  await page.mouse.up();
}

/** Waits until the opening fit is over: the viewport's transform stays the same for half a second. */
async function viewSettled(page: Page): Promise<void> {
  const transform = () => page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  let last = await transform();
  for (let stable = 0; stable < 5;) {
    await page.waitForTimeout(100);
    const now = await transform();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
}

const node = (id: string) => `.react-flow__node[data-id="${id}"]`;
const centre = (box: Box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

describe('dropping nodes on the canvas', () => {
  it('gives a touchpoint the column it lands in, an owner the stage whose header it lands on, and a stage its new place', async () => {
    const server = await startTestServer({ distDir: DIST });
    const map = await createMap(server.url, 'Drops');
    const seeder = await connectSynced(server.wsUrl, map.id, map.editorKey);
    const need = addStage(seeder.doc, { label: 'Need', w: 300 });
    const buy = addStage(seeder.doc, { label: 'Buy', w: 300 });
    const use = addStage(seeder.doc, { label: 'Use', w: 300 });
    const card = addTouchpoint(seeder.doc, { stageId: need, label: 'Search', x: 20, y: 120 });
    const ada = addOwner(seeder.doc, { name: 'Ada Lovelace', x: 0, y: -96 });

    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const steps = new Steps(await context.newPage(), server.url);
    await steps.openHome();
    const page = steps.page;
    await page.goto(`${server.url}/map/${map.id}#key=${map.editorKey}`);
    await steps.waitConnected('Dora');
    await page.locator(node(card)).waitFor();
    await viewSettled(page);

    // the card, dropped in the middle of Buy's column, moves into Buy
    const buyBox = await boxOf(page, node(buy));
    await drag(page, centre(await boxOf(page, node(card))), {
      x: centre(buyBox).x,
      y: centre(await boxOf(page, node(card))).y,
    });
    await waitFor(
      () =>
        readNode(seeder.doc, card)?.kind === 'touchpoint' &&
        (readNode(seeder.doc, card) as { stageId: string | null }).stageId === buy,
      5000,
      'the card to take the stage Buy',
    );
    await expect
      .poll(async () => {
        const moved = await boxOf(page, node(card));
        const column = await boxOf(page, node(buy));
        return moved.x >= column.x && moved.x + moved.width <= column.x + column.width;
      })
      .toBe(true);

    // the owner, dropped on Use's header, becomes its owner and goes back to the rail
    const useHeader = await boxOf(page, `${node(use)} .stage-header`);
    const ownerStart = await boxOf(page, node(ada));
    const railOffset = Math.round(ownerStart.x - (await boxOf(page, node(need))).x);
    await drag(page, centre(ownerStart), centre(useHeader));
    await waitFor(
      () => (readNode(seeder.doc, use) as { ownerId: string | null } | null)?.ownerId === ada,
      5000,
      'Ada to own Use',
    );
    expect(readNode(seeder.doc, ada)).toMatchObject({ x: 0, y: -96 });
    await expect.poll(() => page.locator(`${node(use)} .stage-header .avatar`).textContent()).toBe('AL');
    // back in the rail: where it was relative to the first column (the view itself may have moved)
    await expect
      .poll(async () => Math.round((await boxOf(page, node(ada))).x - (await boxOf(page, node(need))).x))
      .toBe(railOffset);
    expect((await boxOf(page, node(ada))).y + (await boxOf(page, node(ada))).height).toBeLessThanOrEqual(
      (await boxOf(page, node(need))).y,
    );

    // Need, dragged by its handle past the centre of Buy, goes second
    const handle = centre(await boxOf(page, `${node(need)} .stage-drag-handle`));
    const buyCentre = centre(await boxOf(page, node(buy))).x;
    const needCentre = centre(await boxOf(page, node(need))).x;
    await drag(page, handle, { x: handle.x + (buyCentre - needCentre) + 40, y: handle.y });
    await waitFor(
      () =>
        stagesInOrder(seeder.doc)
          .map((stage) => stage.id)
          .join() === [buy, need, use].join(),
      5000,
      'the order Buy, Need, Use',
    );
    // the columns are redrawn in the new order, side by side without overlap
    await expect
      .poll(async () => {
        const [b, n, u] = await Promise.all([boxOf(page, node(buy)), boxOf(page, node(need)), boxOf(page, node(use))]);
        return b.x + b.width <= n.x && n.x + n.width <= u.x;
      })
      .toBe(true);

    seeder.destroy();
    await context.close();
    await server.close();
  });
});
