// Issue 17, finding 5, in the browser: when another editor deletes every node and the title in one
// change, this editor's page shows a banner (inside the viewport, under the header, not over the
// toolbar) whose Restore brings the map back from the version the server stored just before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addStage, addTouchpoint } from '../../src/model';
import { connectSynced, createMap, startTestServer } from '../server/helpers/testServer';
import { DIST, launchChromium } from './browser';
import { Steps } from './steps';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('restore after a large deletion', () => {
  it('shows a Restore banner to an editor and restores the map', async () => {
    const server = await startTestServer({ distDir: DIST });
    const map = await createMap(server.url, 'Bike shop');
    const other = await connectSynced(server.wsUrl, map.id, map.editorKey);
    addStage(other.doc, { label: 'Discover', id: 'stage' });
    for (let i = 0; i < 8; i++) addTouchpoint(other.doc, { stageId: 'stage', label: `Touchpoint ${i}`, id: `tp${i}` });

    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const me = new Steps(page, server.url);
    await me.openShareLink(map.id, map.editorKey);
    await me.expectTouchpointCount(8);
    expect(await page.locator('.removal-banner').count()).toBe(0); // loading the map is no removal

    const nodes = other.doc.getMap('nodes');
    other.doc.transact(() => {
      for (const id of [...nodes.keys()]) nodes.delete(id);
      other.doc.getMap('meta').delete('title');
    });
    const banner = page.locator('.removal-banner');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.innerText()).toContain('9 of 9 nodes and the title were just deleted.');
    const box = await banner.boundingBox();
    const header = await page.locator('header.topbar').boundingBox();
    const restore = await banner.getByRole('button', { name: 'Restore' }).boundingBox();
    if (!box || !header || !restore) throw new Error('not laid out');
    expect(box.y).toBeGreaterThanOrEqual(header.y + header.height - 1); // under the header, not over it
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
    expect(restore.y).toBeGreaterThanOrEqual(box.y); // the button is inside the banner, not clipped
    expect(restore.y + restore.height).toBeLessThanOrEqual(box.y + box.height);

    await banner.getByRole('button', { name: 'Restore' }).focus();
    await page.keyboard.press('Enter'); // keyboard reachable
    await me.expectTouchpointCount(8);
    await banner.waitFor({ state: 'detached' });
    await expect.poll(() => nodes.size).toBe(9);
    expect(other.doc.getMap('meta').get('title')).toBe('Bike shop');
  });
});
