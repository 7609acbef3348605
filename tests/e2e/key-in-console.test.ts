// Keys out of websocket URLs, in Chromium: the app sends the key as a websocket subprotocol, so when
// its socket fails (the server went away) and it retries, the browser's console shows the socket's
// URL without the key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer } from '../server/helpers/testServer';
import { DIST, launchChromium } from './browser';
import { Steps } from './steps';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('keys in the browser console', () => {
  it('never prints the key when the sync socket fails', async () => {
    const server = await startTestServer({ distDir: DIST });
    const map = (await (
      await fetch(`${server.url}/api/maps`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Console' }),
      })
    ).json()) as { id: string; editorKey: string };
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const consoleLines: string[] = [];
    page.on('console', (message) => consoleLines.push(message.text()));
    page.on('pageerror', (error) => consoleLines.push(error.message));

    // connected, then the server goes away: the client retries and each attempt fails
    const steps = new Steps(page, server.url);
    await page.goto(`${server.url}/map/${map.id}#key=${map.editorKey}`);
    await steps.waitConnected('Ada');
    await server.close();
    await expect
      .poll(() => consoleLines.some((line) => line.includes(`/sync/${map.id}`)), { timeout: 20_000 })
      .toBe(true);

    const socketLines = consoleLines.filter((line) => line.includes('/sync/'));
    expect(socketLines.length).toBeGreaterThan(0); // the browser did print the failed socket's URL…
    for (const line of consoleLines) {
      expect(line).not.toContain(map.editorKey); // …without the key
      expect(line).not.toContain('key=');
    }
    await context.close();
  });
});
