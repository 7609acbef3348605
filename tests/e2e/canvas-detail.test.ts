// Level of detail, in the built app in Chromium: zoomed out below half size, cards keep their title
// and colour and hide their small text (notes, metrics, emotion, badges), edge labels go, and no node
// changes size (nothing re-flows); zoomed back in, everything is there again. A card can still be
// dragged while zoomed out. CANVAS_SHOTS=<dir> saves screenshots.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/helpers/testServer';
import { DIST, launchChromium } from './browser';
import { fitCanvas, openMapIn, settleCanvas, templateMap } from './canvas-helpers';

const SHOTS = process.env.CANVAS_SHOTS;
let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startTestServer({ distDir: DIST });
});
afterAll(async () => {
  await browser?.close();
});

const zoom = (page: Page) =>
  page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);

/** Each card's size in flow units (offset sizes ignore the zoom) and what of it is drawn. */
function cards(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.react-flow__node-touchpoint')].map((node) => {
      const visible = (selector: string) =>
        [...node.querySelectorAll(selector)].some((el) => getComputedStyle(el).visibility === 'visible');
      return {
        id: node.dataset.id ?? '',
        size: `${node.offsetWidth}×${node.offsetHeight}`,
        title: visible('.touchpoint-label'),
        details: visible('.touchpoint-footer') || visible('.touchpoint-channel'),
      };
    }),
  );
}

/** Every path edge's SVG path, by edge id. */
const edgePaths = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('.react-flow__edge')].map((edge) => [
        edge.getAttribute('data-id') ?? '',
        edge.querySelector('path.path-edge')?.getAttribute('d') ?? '',
      ]),
    ),
  );

/** The first and last points of an SVG path ("M x y … L x y"). */
function pathEnds(d: string): [{ x: number; y: number }, { x: number; y: number }] {
  const numbers = d.match(/-?[\d.]+/g)?.map(Number) ?? [];
  return [
    { x: numbers[0] ?? NaN, y: numbers[1] ?? NaN },
    { x: numbers.at(-2) ?? NaN, y: numbers.at(-1) ?? NaN },
  ];
}

/** A card's box in flow units, where it is drawn now. */
const cardBox = (card: ReturnType<Page['locator']>) =>
  card.evaluate((el) => {
    const node = el as HTMLElement;
    const [x, y] = (node.style.transform.match(/-?[\d.]+/g) ?? []).map(Number);
    return {
      left: x ?? NaN,
      top: y ?? NaN,
      right: (x ?? NaN) + node.offsetWidth,
      bottom: (y ?? NaN) + node.offsetHeight,
    };
  });

describe('level of detail', () => {
  it('draws title and colour only below half size, without changing any node size', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await openMapIn(page, server.url, await templateMap(server, 'purchase', 'en'));
    await page.locator('[data-testid="touchpoint"]').first().waitFor();
    await fitCanvas(page);
    expect(await zoom(page)).toBeGreaterThanOrEqual(0.5);
    const near = await cards(page);
    expect(near.length).toBeGreaterThan(5);
    expect(near.every((card) => card.title && card.details)).toBe(true);
    expect(await page.locator('.edge-label').count()).toBeGreaterThan(0);
    expect(await page.locator('.canvas.is-far').count()).toBe(0);

    const zoomOut = page.getByRole('button', { name: 'Zoom Out' });
    while ((await zoom(page)) >= 0.5) await zoomOut.click();
    await settleCanvas(page);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'detail-far.png') });
    const far = await cards(page);
    expect(far.map((card) => card.size)).toEqual(near.map((card) => card.size));
    expect(far.every((card) => card.title && !card.details)).toBe(true);
    expect(
      await page
        .locator('.edge-label')
        .evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().width > 0).length),
    ).toBe(0);

    // a card still moves by drag when zoomed out; while it moves, its edges follow it (drawn as plain
    // steps, routed on the drop) and the overview map is a still copy in the same place
    const card = page.locator('.react-flow__node-touchpoint').nth(1);
    await card.click(); // selected first: the inspector it opens narrows the canvas
    await settleCanvas(page);
    const before = await card.evaluate((el) => (el as HTMLElement).style.transform);
    const pathsBefore = await edgePaths(page);
    const overviewBefore = await page.locator('.react-flow__minimap').boundingBox();
    const box = (await card.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 4);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 10, box.y + 60, { steps: 6 });
    await page.mouse.move(box.x + box.width / 2 + 14, box.y + 64, { steps: 2 });
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'detail-far-dragging.png') });
    const moving = await cardBox(card);
    const changed = Object.entries(await edgePaths(page)).filter(([id, d]) => pathsBefore[id] !== d);
    expect(changed.length).toBeGreaterThan(0);
    for (const [, d] of changed) {
      // each moving edge starts or ends at the card's side, where the card is now
      const [start, end] = pathEnds(d);
      const atRight = Math.abs(start.x - moving.right) < 12 && start.y > moving.top && start.y < moving.bottom;
      const atLeft = Math.abs(end.x - moving.left) < 12 && end.y > moving.top && end.y < moving.bottom;
      expect(atRight || atLeft).toBe(true);
    }
    // the edges that do not move are one still picture meanwhile (with any culled out of view), all drawn
    const drawnDuring = await page.locator('.react-flow__edge').count();
    const stillDuring = await page.locator('[data-testid="still-edges"] path').count();
    expect(drawnDuring).toBe(changed.length);
    expect(drawnDuring + stillDuring).toBeGreaterThanOrEqual(Object.keys(pathsBefore).length);
    expect(await page.locator('.react-flow__minimap').count()).toBe(1);
    expect(await page.locator('.react-flow__minimap').boundingBox()).toEqual(overviewBefore);
    await page.mouse.up();
    await settleCanvas(page);
    expect(await card.evaluate((el) => (el as HTMLElement).style.transform)).not.toBe(before);
    expect(await page.locator('.react-flow__minimap').count()).toBe(1);
    expect(await page.locator('.react-flow__minimap').boundingBox()).toEqual(overviewBefore);
    expect(await page.locator('.react-flow__edge').count()).toBe(Object.keys(pathsBefore).length);
    expect(await page.locator('[data-testid="still-edges"]').count()).toBe(0);

    await page.getByRole('button', { name: 'Zoom In' }).click();
    while ((await zoom(page)) < 0.5) await page.getByRole('button', { name: 'Zoom In' }).click();
    await settleCanvas(page);
    expect((await cards(page)).every((card) => card.title && card.details)).toBe(true);
    await context.close();
  });
});
