// The workspace's map list in Chromium against the real server and the built app: two members in two
// browsers share one list; one moves a map to the trash (with Undo), the other restores it from the
// trash; a duplicate appears for both. Rows and their buttons are checked for overlap and clipping.
// Screenshots of the list and the trash go to /tmp/shots-maplife2 (both sizes, both languages).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addMember, call, setupAdmin } from '../server/helpers/accounts';
import { startTestServer } from '../server/helpers/testServer';
import { DIST, launchChromium } from './browser';
import { signedInPage } from './signedIn';

const SHOTS = '/tmp/shots-maplife2';
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  fs.mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Box, outer: Box): boolean =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;

/** Every row of the list: no two overlap, and each row's link and buttons sit inside it, apart. */
async function expectTidyRows(page: Page, list = page.locator('.home-list > .map-list')): Promise<void> {
  const rows = await list.locator(':scope > li').all();
  const boxes: Box[] = [];
  for (const row of rows) {
    const box = (await row.boundingBox())!;
    const parts = await row.locator(':scope > a, :scope > button, :scope > span').all();
    const partBoxes = await Promise.all(parts.map(async (part) => (await part.boundingBox())!));
    for (const part of partBoxes) expect(inside(part, box)).toBe(true);
    for (let i = 0; i < partBoxes.length; i++)
      for (let j = i + 1; j < partBoxes.length; j++) expect(overlaps(partBoxes[i]!, partBoxes[j]!)).toBe(false);
    boxes.push(box);
  }
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
}

describe('the workspace list in the browser', () => {
  it('two members share the list: one trashes a map (Undo offered), the other restores it', async () => {
    const server = await startTestServer({ distDir: DIST });
    const admin = await setupAdmin(server.url);
    const editor = await addMember(server.url, admin, 'eda@example.com', 'editor', 'Eda');
    for (const title of ['Refund journey', 'Buying a bike', 'Onboarding a new customer with a long title']) {
      expect((await call(server.url, 'POST', '/api/maps', { cookie: admin, body: { title } })).status).toBe(201);
    }

    const ada = await signedInPage(browser, server.url, admin);
    const eda = await signedInPage(browser, server.url, editor.cookie);
    await ada.goto(server.url);
    await eda.goto(server.url);
    const list = (page: Page) => page.locator('.home-list > .map-list .map-title');
    await list(ada).first().waitFor();
    await list(eda).first().waitFor();
    expect((await list(ada).allTextContents()).sort()).toEqual((await list(eda).allTextContents()).sort());
    expect(await list(ada).count()).toBe(3);
    await expectTidyRows(ada);

    await ada.getByRole('button', { name: 'Move Refund journey to the trash' }).click();
    await expect.poll(() => ada.getByRole('status').textContent()).toContain('Moved “Refund journey” to the trash');
    expect(await ada.getByRole('status').getByRole('button', { name: 'Undo' }).isVisible()).toBe(true);
    await expect.poll(() => list(ada).count()).toBe(2);

    // the other member: after a reload the map is gone from the list and waits in the trash
    await eda.reload();
    await expect.poll(() => list(eda).count()).toBe(2);
    await eda.getByRole('button', { name: 'Trash', exact: true }).click();
    const trash = eda.getByRole('region', { name: 'Trash', exact: true });
    await trash.getByRole('button', { name: 'Restore Refund journey' }).click();
    await expect.poll(() => list(eda).count()).toBe(3);
    await expect.poll(() => trash.getByText('The trash is empty.').isVisible()).toBe(true);

    await eda.getByRole('button', { name: 'Duplicate Buying a bike' }).click();
    await expect.poll(() => list(eda).allTextContents()).toContain('Buying a bike (copy)');
    await ada.reload();
    await expect.poll(() => list(ada).allTextContents()).toContain('Buying a bike (copy)');
    await expectTidyRows(ada);
  });

  it('screenshots of the list and the trash, both sizes and languages', async () => {
    const server = await startTestServer({ distDir: DIST });
    const admin = await setupAdmin(server.url);
    for (const title of ['Refund journey', 'Buying a bike', 'Rimborso in negozio', 'Trashed one']) {
      await call(server.url, 'POST', '/api/maps', { cookie: admin, body: { title } });
    }
    const maps = await call<{ maps: { id: string; title: string }[] }>(server.url, 'GET', '/api/maps', {
      cookie: admin,
    });
    const trashed = maps.body.maps.find((m) => m.title === 'Trashed one')!;
    await call(server.url, 'DELETE', `/api/maps/${trashed.id}`, { cookie: admin });
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 1440, height: 900 },
    ]) {
      for (const language of ['en', 'it'] as const) {
        const page = await signedInPage(browser, server.url, admin, viewport, language);
        await page.goto(server.url);
        await page.locator('.home-list > .map-list li').first().waitFor();
        await expectTidyRows(page);
        await page.locator('.workspace-trash-toggle').click();
        const trashList = page.locator('.workspace-trash .map-list li');
        await trashList.first().waitFor();
        await expectTidyRows(page, page.locator('.workspace-trash > .map-list'));
        const shown = await page.locator('.home-list').boundingBox();
        expect(shown!.x + shown!.width).toBeLessThanOrEqual(viewport.width);
        await page.screenshot({
          path: `${SHOTS}/home-${language}-${viewport.width}x${viewport.height}.png`,
          fullPage: true,
        });
        await page.context().close();
      }
    }
  });
});
