// Offline-first: a map visited before opens again from this browser's copy with the browser offline
// (context.setOffline) and with the server stopped. The page and its lazy chunks (the Tiptap notes
// editor) come from the service worker's precache, the map from IndexedDB, and the page says so.
// The service worker never keeps an /api or /sync answer (they carry keys).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/helpers/testServer';
import { DIST, launchChromium } from './browser';
import { Steps } from './steps';
import * as Y from 'yjs';
import { localDocName } from '../../src/sync/connection';

const SHOTS = process.env.SHOTS_DIR; // set to take screenshots of the offline reload

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function newMap(server: TestServer, title: string) {
  const response = await fetch(`${server.url}/api/maps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  return (await response.json()) as { id: string; editorKey: string; viewerKey: string };
}

/** Waits until the service worker is active: the app shell and every chunk are precached. */
async function waitOfflineReady(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state), { timeout: 20_000 })
    .toBe('activated');
}

/** The map as this browser keeps it in IndexedDB (y-indexeddb's updates, applied to a fresh doc). */
async function localCopy(page: Page, mapId: string): Promise<Y.Doc> {
  const updates = await page.evaluate(
    (name) =>
      new Promise<number[][]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('updates').objectStore('updates').getAll();
          all.onsuccess = () => {
            resolve((all.result as Uint8Array[]).map((update) => Array.from(update)));
            open.result.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
    localDocName(mapId),
  );
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, Uint8Array.from(update));
  return doc;
}

/** Waits until this browser's own copy holds `text` in some touchpoint's notes (typing is saved asynchronously). */
async function waitSavedLocally(page: Page, mapId: string, text: string): Promise<void> {
  await expect
    .poll(async () => {
      const nodes = (await localCopy(page, mapId)).getMap<Y.Map<unknown>>('nodes');
      return [...nodes.values()].some((node) => String(node.get('notes') ?? '').includes(text));
    })
    .toBe(true);
}

/** Every URL the page's origin keeps in Cache Storage. */
function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
  });
}

async function writeNote(steps: Steps, card: string, text: string): Promise<void> {
  await steps.touchpoint(card).click({ position: { x: 40, y: 10 } });
  await steps.page.locator('.notes-content').click();
  await steps.page.keyboard.type(text);
  await steps.page.locator('.notes-content').getByText(text).waitFor();
}

async function expectOfflineMap(steps: Steps, card: string, note: string): Promise<void> {
  const { page } = steps;
  await steps.touchpoint(card).waitFor({ timeout: 15_000 });
  await page.locator('.stage-title', { hasText: 'Contact' }).waitFor();
  const notice = page.getByTestId('offline-notice');
  await notice.waitFor({ timeout: 15_000 });
  expect(await notice.textContent()).toContain('copy of this map kept in this browser');
  await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-status')).toBe('offline');
  // the notes editor: its chunk loads from the precache, its text from IndexedDB
  await steps.touchpoint(card).click({ position: { x: 40, y: 10 } });
  await page.getByTestId('inspector').waitFor();
  await expect.poll(() => page.locator('.notes-content').textContent(), { timeout: 15_000 }).toContain(note);
  expect(await page.getByText('The note editor stopped working').count()).toBe(0);
}

async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  for (const [width, height] of [
    [1280, 800],
    [1440, 900],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/${name}-${width}x${height}.png` });
  }
}

describe('offline-first', () => {
  it('reopens a visited map with the browser offline: the map, the notes editor and a notice', async () => {
    const server = await startTestServer({ distDir: DIST });
    const map = await newMap(server, 'Broadband support');
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    const alice = new Steps(await context.newPage(), server.url);
    await alice.openShareLink(map.id, map.editorKey);
    await alice.addStage('Contact');
    await alice.addTouchpoint('Calls the hotline');
    await writeNote(alice, 'Calls the hotline', 'Waited 20 minutes on hold');
    await waitSavedLocally(alice.page, map.id, 'Waited 20 minutes on hold');
    await waitOfflineReady(alice.page);

    await context.setOffline(true);
    await alice.page.reload();
    await expectOfflineMap(alice, 'Calls the hotline', 'Waited 20 minutes on hold');
    await shoot(alice.page, 'offline-browser-en');

    // edits made offline stay, and reach the server when the browser is back online
    await alice.addTouchpoint('Chats with a bot');
    await context.setOffline(false);
    await alice.page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 20_000 });
    await expect.poll(() => alice.page.getByTestId('offline-notice').count()).toBe(0);
    const other = new Steps(await (await browser.newContext()).newPage(), server.url);
    await other.openShareLink(map.id, map.viewerKey);
    await other.touchpoint('Chats with a bot').waitFor({ timeout: 15_000 });
  });

  it('reopens a visited map with the server stopped; no API answer is ever cached', async () => {
    const server = await startTestServer({ distDir: DIST });
    const map = await newMap(server, 'Broadband support');
    const alice = new Steps(await (await browser.newContext()).newPage(), server.url);
    await alice.openShareLink(map.id, map.editorKey);
    await alice.addStage('Contact');
    await alice.addTouchpoint('Calls the hotline');
    await writeNote(alice, 'Calls the hotline', 'Asked for the contract number twice');

    // Bob visits the map once without opening the notes: its editor chunk can only come from the precache
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    const bob = new Steps(await context.newPage(), server.url);
    await bob.page.addInitScript(() => localStorage.setItem('percorso.language', 'it'));
    await bob.page.goto(`${server.url}/map/${map.id}#key=${map.editorKey}`);
    await bob.page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 15_000 });
    const dialog = bob.page.getByRole('dialog', { name: 'Chi sei?' });
    await dialog.getByLabel('Il tuo nome').fill('Bob');
    await dialog.getByRole('button', { name: 'Inizia a mappare' }).click();
    await bob
      .touchpoint('Calls the hotline')
      .locator('.touchpoint-note', { hasText: 'Asked for the contract number twice' })
      .waitFor({ timeout: 10_000 });
    await waitSavedLocally(bob.page, map.id, 'Asked for the contract number twice');
    await waitOfflineReady(bob.page);
    const cached = await cachedUrls(bob.page);
    expect(cached.some((url) => url.includes('NotesEditor'))).toBe(true);
    expect(cached.filter((url) => /^\/(api|sync)(\/|$)/.test(url))).toEqual([]);

    await alice.page.close();
    await server.close();
    await bob.page.reload();
    const notice = bob.page.getByTestId('offline-notice');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toContain('copia di questa mappa salvata in questo browser');
    await expect.poll(() => bob.page.getByTestId('connection-status').getAttribute('data-status')).toBe('offline');
    await bob.touchpoint('Calls the hotline').waitFor({ timeout: 15_000 });
    await shoot(bob.page, 'offline-server-stopped-it');
    await bob.touchpoint('Calls the hotline').click({ position: { x: 40, y: 10 } });
    await expect
      .poll(() => bob.page.locator('.notes-content').textContent(), { timeout: 15_000 })
      .toContain('Asked for the contract number twice');
    await shoot(bob.page, 'offline-server-stopped-notes-it');
    // with the server down an API request fails instead of being answered from a cache
    const api = await bob.page.evaluate(async (id) => {
      try {
        return (await fetch(`/api/maps/${id}`)).status;
      } catch {
        return 'network error';
      }
    }, map.id);
    expect(api).toBe('network error');
  });
});
