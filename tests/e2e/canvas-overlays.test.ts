// Nothing floating over the canvas hides the map, checked from the DOM of the built app in Chromium at
// 1280×800 and 1440×900, in English and Italian: the heat legend that "Colour by" opens covers no
// node as soon as it appears (not only after the next Fit), and the insight panel's content fits its
// width (nothing cut off on the right, no sideways scrolling). CANVAS_SHOTS=<dir> saves screenshots.
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TemplateLang } from '../../src/model';
import { startTestServer, type TestServer } from '../server/helpers/testServer';
import { DIST, launchChromium } from './browser';
import { fitCanvas, openMapIn, settleCanvas, templateMap } from './canvas-helpers';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
] as const;
const SHOTS = process.env.CANVAS_SHOTS;

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  browser = await launchChromium();
});
beforeEach(async () => {
  server = await startTestServer({ distDir: DIST });
});
afterAll(async () => {
  await browser?.close();
});

async function pageIn(lang: TemplateLang, size: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport: size });
  await context.addInitScript((language) => localStorage.setItem('percorso.language', language), lang);
  return context.newPage();
}

/** Cards, pills, owner cards, notes and stage headers that the heat legend covers, measured in the page. */
function nodesUnderLegend(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const legend = document.querySelector('[data-testid="heat-legend"]')?.getBoundingClientRect();
    if (!legend) return ['no legend'];
    return [
      ...document.querySelectorAll<HTMLElement>(
        '.react-flow__node-touchpoint, .react-flow__node-channel, .react-flow__node-owner, .react-flow__node-note, .stage-header',
      ),
    ]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return (
          r.width > 0 &&
          legend.left < r.right &&
          r.left < legend.right &&
          legend.top < r.bottom &&
          r.top < legend.bottom
        );
      })
      .map((el) => (el.textContent ?? '').slice(0, 30));
  });
}

/** Map content (cards, pills, owner cards, notes, stage headers) under any panel floating over the canvas. */
function contentUnderPanels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const content = [
      ...document.querySelectorAll<HTMLElement>(
        '.react-flow__node-touchpoint, .react-flow__node-channel, .react-flow__node-owner, .react-flow__node-note, .stage-header',
      ),
    ];
    const hidden: string[] = [];
    for (const panel of document.querySelectorAll<HTMLElement>('.react-flow__panel')) {
      const p = panel.getBoundingClientRect();
      if (p.width === 0) continue;
      for (const element of content) {
        const r = element.getBoundingClientRect();
        if (r.width > 0 && p.left < r.right && r.left < p.right && p.top < r.bottom && r.top < p.bottom)
          hidden.push(`${panel.className.slice(0, 40)} covers ${(element.textContent ?? '').slice(0, 24)}`);
      }
    }
    return hidden;
  });
}

/** Elements of the open side panel that stick out past its right side, and whether it scrolls sideways. */
function clippedInPanel(page: Page): Promise<{ clipped: string[]; scrollsSideways: boolean; children: number }> {
  return page.evaluate(() => {
    const panel = document.querySelector<HTMLElement>('.sidebar-panel');
    if (!panel) return { clipped: ['no panel'], scrollsSideways: false, children: 0 };
    const box = panel.getBoundingClientRect();
    const all = [...panel.querySelectorAll<HTMLElement>('*')];
    const clipped = all
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && (r.right > box.right + 0.5 || r.left < box.left - 0.5);
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').slice(0, 24)}"`);
    const scrollsSideways = all.some(
      (el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible' && el.clientWidth > 0,
    );
    return { clipped, scrollsSideways, children: all.length };
  });
}

describe('overlays that never hide the map', () => {
  for (const lang of ['en', 'it'] as const) {
    for (const size of SIZES) {
      it(`${lang} at ${size.width}×${size.height}: the heat legend covers no node, the insight panel fits`, async () => {
        const page = await pageIn(lang, size);
        const map = await templateMap(server, 'purchase', lang);
        await openMapIn(page, server.url, map);
        await page.locator('[data-testid="touchpoint"]').first().waitFor();
        await fitCanvas(page);
        // colour by the first metric: the legend appears, and the map makes room for it at once
        const colourBy = page.getByTestId('color-by');
        const first = await colourBy.locator('option').nth(1).getAttribute('value');
        await colourBy.selectOption(first ?? '');
        await page.getByTestId('heat-legend').waitFor();
        await settleCanvas(page);
        if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `legend-${lang}-${size.width}.png`) });
        expect(await nodesUnderLegend(page)).toEqual([]);
        // the insight panel
        await page.getByRole('button', { name: lang === 'it' ? 'Analisi' : 'Insight', exact: true }).click();
        await page.locator('.sidebar-panel').waitFor();
        await settleCanvas(page);
        if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `insight-${lang}-${size.width}.png`) });
        // the canvas got narrower and the toolbars may wrap: a view still as "Fit" left it is fitted again
        expect(await contentUnderPanels(page)).toEqual([]);
        const panel = await clippedInPanel(page);
        expect(panel.children).toBeGreaterThan(10);
        expect(panel.clipped).toEqual([]);
        expect(panel.scrollsSideways).toBe(false);
        if (SHOTS) {
          await page.getByTestId('channel-matrix').scrollIntoViewIfNeeded();
          await page.screenshot({ path: path.join(SHOTS, `insight-matrix-${lang}-${size.width}.png`) });
        }
        await page.context().close();
      });
    }
  }
});
