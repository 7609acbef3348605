// Rich touchpoints in the real browser: an image attached through the file dialog shows as a
// thumbnail, survives a reload and appears for a second person; a note typed by one person appears
// for the other.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/helpers/testServer';
import { DIST, launchChromium } from './browser';
import { Steps } from './steps';

// A 2×2 PNG: enough for the server to sniff it as image/png and for the browser to decode it.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGP4z8DwHwyBNAMDAwMDAwBd6gn3QJ0mUQAAAABJRU5ErkJggg==',
  'base64',
);

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  browser = await launchChromium();
});
// the factory tears its servers down after each test
beforeEach(async () => {
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

describe('rich touchpoints', () => {
  it('attaches an image through the file dialog; it shows after a reload and for a second person', async () => {
    const map = await newMap('Refund journey');
    const alice = new Steps(await (await browser.newContext()).newPage(), server.url);
    await alice.openShareLink(map.id, map.editorKey);
    await alice.addStage('Contact');
    await alice.addTouchpoint('Sends the receipt');
    await alice.touchpoint('Sends the receipt').click({ position: { x: 40, y: 10 } });
    await alice.page.getByTestId('inspector').waitFor();
    await alice.page
      .getByTestId('media-input')
      .setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
    const thumbnail = alice.touchpoint('Sends the receipt').locator('[data-testid="media-strip"] img');
    await thumbnail.waitFor({ timeout: 10_000 });
    expect(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);

    await alice.page.reload();
    await alice.waitConnected();
    await alice.touchpoint('Sends the receipt').locator('[data-testid="media-strip"] img').waitFor({ timeout: 10_000 });

    const bob = new Steps(await (await browser.newContext()).newPage(), server.url);
    await bob.openShareLink(map.id, map.viewerKey);
    await bob.touchpoint('Sends the receipt').locator('[data-testid="media-strip"] img').waitFor({ timeout: 10_000 });
  });

  it('shows a note typed by one person to the other, live', async () => {
    const map = await newMap('Support journey');
    const alice = new Steps(await (await browser.newContext()).newPage(), server.url);
    await alice.openShareLink(map.id, map.editorKey);
    await alice.addStage('Contact');
    await alice.addTouchpoint('Calls support');
    const bob = new Steps(await (await browser.newContext()).newPage(), server.url);
    await bob.openShareLink(map.id, map.editorKey);
    await bob.touchpoint('Calls support').waitFor();

    await alice.touchpoint('Calls support').click({ position: { x: 40, y: 10 } });
    await alice.page.locator('.notes-content').click();
    await alice.page.keyboard.type('Waited 20 minutes on hold');
    await bob
      .touchpoint('Calls support')
      .locator('.touchpoint-note', { hasText: 'Waited 20 minutes on hold' })
      .waitFor({ timeout: 10_000 });
    // Bob opens the same note and sees Alice's text in the editor
    await bob.touchpoint('Calls support').click({ position: { x: 40, y: 10 } });
    await expect.poll(() => bob.page.locator('.notes-content').textContent()).toContain('Waited 20 minutes on hold');
  });
});
