// Presentation mode in the real browser: Present opens stage 1 of the map, the arrow keys move
// between stages, Escape leaves; a viewer link can present too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { applyTemplate } from '../../src/model';
import { connectSynced, createMap, startTestServer } from '../server/helpers/testServer';
import { DIST, launchChromium } from './browser';
import { Steps } from './steps';
import { createFromTemplate } from './export-helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('presentation mode', () => {
  it('presents stage by stage with the keyboard, for an editor and for a viewer link', async () => {
    const server = await startTestServer({ distDir: DIST });
    const editor = new Steps(
      await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage(),
      server.url,
    );
    await createFromTemplate(editor, 'Bike purchase', 'Purchase journey');
    const page = editor.page;

    await page.getByRole('button', { name: 'Present' }).click();
    const show = page.getByTestId('presentation');
    await show.waitFor();
    await expect.poll(() => page.getByTestId('present-progress').textContent()).toBe('Stage 1 of 6');
    await expect.poll(() => show.getByRole('heading', { level: 1 }).textContent()).toBe('Need');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('present-progress').textContent()).toBe('Stage 2 of 6');
    await expect.poll(() => show.getByRole('heading', { level: 1 }).textContent()).toBe('Research');
    expect(await show.getByText('Reads reviews').count()).toBe(1);
    await page.keyboard.press('Space');
    await page.keyboard.press('PageUp');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByTestId('present-progress').textContent()).toBe('Stage 1 of 6');
    await page.keyboard.press('End');
    await expect.poll(() => page.getByTestId('present-progress').textContent()).toBe('Stage 6 of 6');
    await page.keyboard.press('Escape');
    await show.waitFor({ state: 'detached' });
    // the map is still there, untouched
    await editor.touchpoint('Reads reviews').waitFor();

    // a viewer link presents too (a map made through the API, filled by a Node client)
    const created = await createMap(server.url, 'Shared purchase');
    const client = await connectSynced(server.wsUrl, created.id, created.editorKey);
    applyTemplate(client.doc, 'purchase', 'en');
    const viewer = new Steps(
      await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage(),
      server.url,
    );
    await viewer.openShareLink(created.id, created.viewerKey);
    await viewer.page.getByRole('button', { name: 'Present' }).click();
    await expect.poll(() => viewer.page.getByTestId('present-progress').textContent()).toBe('Stage 1 of 6');
    await viewer.page.keyboard.press('ArrowRight');
    await expect.poll(() => viewer.page.getByTestId('present-progress').textContent()).toBe('Stage 2 of 6');
    await viewer.page.keyboard.press('Escape');
    await viewer.page.getByTestId('presentation').waitFor({ state: 'detached' });
  });
});
