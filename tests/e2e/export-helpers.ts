// Steps and checks shared by the export and presentation browser tests: a map made from a template
// through the home page, the Export menu, downloads, and reading the files that come out.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { Steps } from './steps';

/** Space around the map in an exported image (src/export/mapImage.ts MAP_PADDING). */
export const MAP_PADDING = 32;

/** Creates a map from the home page with the template whose card is named `templateName`. */
export async function createFromTemplate(steps: Steps, title: string, templateName: string): Promise<string> {
  await steps.openHome();
  await steps.page.getByLabel('Map title').fill(title);
  await steps.page.locator('.template-card', { hasText: templateName }).click(); // a person clicks the card
  await expect.poll(() => steps.page.getByRole('radio', { name: new RegExp(templateName) }).isChecked()).toBe(true);
  await steps.page.getByRole('button', { name: 'Create map' }).click();
  await steps.page.waitForURL(/\/map\/[A-Za-z0-9_-]+/);
  await steps.waitConnected();
  await expect
    .poll(() => steps.page.locator('[data-testid="touchpoint"]').count(), { timeout: 15_000 })
    .toBeGreaterThan(3);
  return new URL(steps.page.url()).pathname.split('/').pop() ?? '';
}

export async function chooseExport(page: Page, item: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** Runs `action` and returns the file it makes the browser download. */
export async function downloadOf(
  page: Page,
  action: () => Promise<void>,
  timeout = 60_000,
): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout }), action()]);
  return {
    name: (download as Download).suggestedFilename(),
    bytes: fs.readFileSync(await (download as Download).path()),
  };
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The map's bounds in flow units, from the nodes drawn on the canvas (what getNodesBounds sees). */
export function flowBounds(page: Page): Promise<{ width: number; height: number }> {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    if (!viewport) throw new Error('no canvas');
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    const rects = [...document.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect());
    const left = Math.min(...rects.map((r) => r.left));
    const top = Math.min(...rects.map((r) => r.top));
    const right = Math.max(...rects.map((r) => r.right));
    const bottom = Math.max(...rects.map((r) => r.bottom));
    return { width: (right - left) / zoom, height: (bottom - top) / zoom };
  });
}

/**
 * Decodes a PNG in the page and returns, for each cell of a grid × grid split, the share of pixels
 * that are not (near) white and not transparent: a blank tile shows as a 0.
 */
export function inkShares(page: Page, png: Buffer, grid = 2): Promise<number[]> {
  return page.evaluate(
    async ({ base64, grid }) => {
      // decoded here, not fetched from a data: URL: the app's CSP allows connections to its own origin only
      const blob = new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' });
      const bitmap = await createImageBitmap(blob);
      const w = Math.min(bitmap.width, 1600);
      const h = Math.round((bitmap.height * w) / bitmap.width);
      const canvas = new OffscreenCanvas(w, h);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(bitmap, 0, 0, w, h);
      const { data } = context.getImageData(0, 0, w, h);
      const ink = new Array<number>(grid * grid).fill(0);
      const total = new Array<number>(grid * grid).fill(0);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const i = (y * w + x) * 4;
          const cell = Math.floor((y * grid) / h) * grid + Math.floor((x * grid) / w);
          total[cell]! += 1;
          const r = data[i]!,
            g = data[i + 1]!,
            b = data[i + 2]!,
            a = data[i + 3]!;
          if (a > 16 && (r < 235 || g < 235 || b < 235)) ink[cell]! += 1;
        }
      }
      return ink.map((n, i) => n / total[i]!);
    },
    { base64: png.toString('base64'), grid },
  );
}

/** The text of each page of a PDF (pdfjs-dist, as a reader's search would see it) and the page count. */
export async function pdfText(bytes: Buffer): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const fonts = path.join(
    path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
    'standard_fonts/',
  );
  const document = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: fonts,
    isEvalSupported: false,
  }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await document.destroy();
  return pages;
}
