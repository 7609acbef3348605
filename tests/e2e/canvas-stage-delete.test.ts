// Deleting a stage with the Delete key in the built app: a dialog asks what happens to its
// touchpoints (whole inside the window, in English and Italian), is used by keyboard alone, moves
// them to the stage before, and Ctrl+Z brings the stage back. CANVAS_SHOTS=<dir> saves screenshots.
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/helpers/testServer';
import { DIST, launchChromium } from './browser';
import { fitCanvas, openMapIn, settleCanvas, templateMap } from './canvas-helpers';

const SHOTS = process.env.CANVAS_SHOTS;
let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  browser = await launchChromium();
});
// the factory closes its servers after each test
beforeEach(async () => {
  server = await startTestServer({ distDir: DIST });
});
afterAll(async () => {
  await browser?.close();
});

const TEXT = {
  en: {
    stage: 'Research',
    cards: ['Browses the website', 'Reads reviews'],
    title: /Delete the stage “Research”\?/,
    move: 'Move them to “Need”',
    confirm: 'Delete stage',
  },
  it: {
    stage: 'Ricerca',
    cards: ['Naviga sul sito web', 'Legge le recensioni'],
    title: /Eliminare la fase “Ricerca”\?/,
    move: 'Spostali in “Bisogno”',
    confirm: 'Elimina la fase',
  },
} as const;

describe('deleting a stage from the canvas', () => {
  for (const lang of ['en', 'it'] as const) {
    it(`asks what to do with its touchpoints (${lang}), by keyboard, and undoes in one step`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript((language) => localStorage.setItem('percorso.language', language), lang);
      const page = await context.newPage();
      await openMapIn(page, server.url, await templateMap(server, 'purchase', lang));
      const cards = page.locator('[data-testid="touchpoint"]');
      await cards.first().waitFor();
      await fitCanvas(page);
      const text = TEXT[lang];
      const header = page.locator('.stage-title', { hasText: text.stage });
      const card = (label: string) => page.locator('[data-testid="touchpoint"]', { hasText: label });
      // select the second stage by its header and press Delete
      await page.locator('.react-flow__node-stage').nth(1).locator('.stage-count').click();
      await page.keyboard.press('Delete');
      const dialog = page.getByRole('dialog', { name: text.title });
      await dialog.waitFor();
      const box = (await dialog.boundingBox())!;
      expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= 1280 && box.y + box.height <= 800).toBe(true);
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `stage-delete-${lang}.png`) });
      // nothing is gone while the question is open
      await header.waitFor();
      for (const label of text.cards) await card(label).waitFor();
      await expect.poll(() => dialog.getByRole('radio', { name: text.move }).isChecked()).toBe(true);
      // keyboard only: Tab to the confirm button, Enter
      const confirm = dialog.getByRole('button', { name: text.confirm });
      for (let i = 0; i < 8 && !(await confirm.evaluate((el) => el === document.activeElement)); i++)
        await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      await header.waitFor({ state: 'detached' });
      // its cards now sit in the stage before, under its card
      const need = (await page.locator('.react-flow__node-stage').first().boundingBox())!;
      for (const label of text.cards) {
        const moved = (await card(label).boundingBox())!;
        expect(moved.x).toBeGreaterThanOrEqual(need.x);
        expect(moved.x + moved.width).toBeLessThanOrEqual(need.x + need.width);
      }
      await page.locator('.react-flow__pane').click({ position: { x: 5, y: 300 } });
      await page.keyboard.press('Control+z');
      await header.waitFor();
      await settleCanvas(page);
      for (const label of text.cards) await card(label).waitFor();
      await context.close();
    });
  }
});
