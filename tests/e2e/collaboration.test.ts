// The built app, served by the real server, in Debian Chromium: one person creates a map and edits
// it; a second browser context with the share link sees the edits arrive live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/helpers/testServer';
import { DIST, launchChromium } from './browser';
import { Steps } from './steps';

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('collaborative journey canvas', () => {
  it('creates a map, adds a stage and a touchpoint, and a second browser sees them live', async () => {
    server = await startTestServer({ distDir: DIST });
    const alice = new Steps(
      await (await browser.newContext({ viewport: { width: 1400, height: 860 } })).newPage(),
      server.url,
    );
    await alice.openHome();
    const mapId = await alice.createMap('Buying a bike online');
    await alice.addStage('Research');
    await alice.addTouchpoint('Read reviews');

    const bob = new Steps(
      await (await browser.newContext({ viewport: { width: 1400, height: 860 } })).newPage(),
      server.url,
    );
    await bob.openShareLink(mapId, await alice.storedKey(mapId));
    await bob.touchpoint('Read reviews').waitFor({ timeout: 10_000 });
    await expect.poll(() => bob.page.locator('.stage-title', { hasText: 'Research' }).count()).toBe(1);
    // the share link put the map into Bob's own list
    await bob.openHome();
    await bob.page.getByRole('link', { name: /Buying a bike online/ }).waitFor();
    await bob.page.getByRole('link', { name: /Buying a bike online/ }).click();
    await bob.waitConnected();

    // a live edit: Alice adds a touchpoint and names it; time from her Enter to Bob's page showing it
    await alice.toolbar('Touchpoint');
    const input = alice.page.locator('.inline-label-input');
    await input.fill('Compare prices');
    const started = Date.now();
    await input.press('Enter');
    await bob.touchpoint('Compare prices').waitFor({ timeout: 10_000 });
    console.log(`[e2e] an edit reached the second browser in ${Date.now() - started} ms`);
    await bob.expectTouchpointCount(2);

    // and back: Bob renames a stage, Alice sees it
    await bob.page.locator('.stage-title', { hasText: 'Research' }).dblclick();
    await bob.renameOpenLabel('Research & compare');
    await alice.page.locator('.stage-title', { hasText: 'Research & compare' }).waitFor({ timeout: 10_000 });
  });

  it('opens a viewer link read-only: no editing tools, and the map is unchanged', async () => {
    server = await startTestServer({ distDir: DIST });
    const created = await fetch(`${server.url}/api/maps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Refund journey' }),
    }).then((response) => response.json() as Promise<{ id: string; editorKey: string; viewerKey: string }>);
    const viewer = new Steps(await (await browser.newContext()).newPage(), server.url);
    await viewer.openShareLink(created.id, created.viewerKey);
    await viewer.page.getByText('View only').waitFor();
    expect(await viewer.page.getByRole('button', { name: 'Stage', exact: true }).count()).toBe(0);
    await expect.poll(() => viewer.page.locator('.role-badge').first().textContent()).toBe('Viewer');
  });

  it('explains a wrong key instead of opening the map', async () => {
    server = await startTestServer({ distDir: DIST });
    const created = await fetch(`${server.url}/api/maps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Private map' }),
    }).then((response) => response.json() as Promise<{ id: string }>);
    const stranger = new Steps(await (await browser.newContext()).newPage(), server.url);
    await stranger.page.goto(`${server.url}/map/${created.id}#key=${'x'.repeat(22)}`);
    await stranger.page.getByRole('heading', { name: 'Cannot open this map' }).waitFor();
    await stranger.page.getByText(/not valid for this map/).waitFor();
  });
});
