// Two people on one map in two browser contexts: presence, comments, offline editing with merge,
// per-person undo.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
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
beforeEach(async () => {
  server = await startTestServer({ distDir: DIST }); // torn down by the factory after each test
});

async function twoPeople(): Promise<{ alice: Steps; bob: Steps; bobContext: BrowserContext }> {
  const map = (await (
    await fetch(`${server.url}/api/maps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Together' }),
    })
  ).json()) as { id: string; editorKey: string };
  const alice = new Steps(
    await (await browser.newContext({ viewport: { width: 1300, height: 820 } })).newPage(),
    server.url,
  );
  await alice.page.goto(`${server.url}/map/${map.id}#key=${map.editorKey}`);
  await alice.waitConnected('Alice');
  await alice.addStage('Research');
  await alice.addTouchpoint('Reads reviews');
  const bobContext = await browser.newContext({ viewport: { width: 1300, height: 820 } });
  const bob = new Steps(await bobContext.newPage(), server.url);
  await bob.page.goto(`${server.url}/map/${map.id}#key=${map.editorKey}`);
  await bob.waitConnected('Bob');
  await bob.touchpoint('Reads reviews').waitFor();
  return { alice, bob, bobContext };
}

describe('working together', () => {
  it("shows A's pointer and selection to B, and A's comment", async () => {
    const { alice, bob } = await twoPeople();
    const box = await alice.page.locator('.react-flow__pane').boundingBox();
    if (!box) throw new Error('no canvas');
    await alice.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await alice.page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 20, { steps: 4 });
    await bob.page.locator('[data-testid="remote-cursor"]', { hasText: 'Alice' }).waitFor({ timeout: 10_000 });

    await alice.touchpoint('Reads reviews').click({ position: { x: 40, y: 10 } });
    await bob.page
      .locator('.react-flow__node[data-remote-selected="Alice"]', { has: bob.page.getByTestId('touchpoint') })
      .waitFor({ timeout: 10_000 });
    // B sees A's avatar in the header
    await bob.page.getByRole('button', { name: 'Follow Alice’s view' }).waitFor();

    const composer = alice.page.getByLabel('Write a comment… (@ to mention)');
    await composer.fill('Is this still true for mobile?');
    await alice.page.getByRole('button', { name: 'Comment', exact: true }).click();
    await bob.touchpoint('Reads reviews').getByTestId('comment-badge').waitFor({ timeout: 10_000 });
    await bob.page.getByRole('button', { name: 'Open comments' }).click();
    await bob.page.getByTestId('comments-panel').getByText('Is this still true for mobile?').waitFor();
  });

  it('B edits offline, comes back, and A sees the edit', async () => {
    const { alice, bob, bobContext } = await twoPeople();
    await bobContext.setOffline(true);
    await bob.page.locator('[data-testid="connection-status"][data-status="offline"]').waitFor({ timeout: 15_000 });
    await bob.page.locator('.stage-title', { hasText: 'Research' }).dblclick();
    await bob.renameOpenLabel('Research (offline edit)');
    await alice.page.waitForTimeout(500);
    expect(await alice.page.locator('.stage-title', { hasText: 'offline edit' }).count()).toBe(0);
    await bobContext.setOffline(false);
    await alice.page.locator('.stage-title', { hasText: 'Research (offline edit)' }).waitFor({ timeout: 20_000 });
  });

  it("undo in A leaves B's change in place", async () => {
    const { alice, bob } = await twoPeople();
    await alice.addTouchpoint('Asks a friend');
    await bob.touchpoint('Asks a friend').waitFor();
    await bob.page.locator('.stage-title', { hasText: 'Research' }).dblclick();
    await bob.renameOpenLabel('Research by Bob');
    await alice.page.locator('.stage-title', { hasText: 'Research by Bob' }).waitFor();
    await alice.page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await alice.page.keyboard.press('Control+z');
    await bob.expectTouchpointCount(1);
    expect(await bob.page.locator('.stage-title', { hasText: 'Research by Bob' }).count()).toBe(1);
    expect(await alice.page.locator('.stage-title', { hasText: 'Research by Bob' }).count()).toBe(1);
  });
});
