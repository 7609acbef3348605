// Issue #18, surprise 8: mentions notify. Ada writes "@Bob Rossi …" on a card in her browser; Bob, in
// his own, sees the unread count on the home page, opens the mention and lands on that card with its
// comments, and the count goes. The bell and its list are checked for overflow at both sizes; the
// screenshots (both languages) go to /tmp/shots-inbox.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signedInPage } from './signedIn';
import { addMember, setupAdmin } from '../server/helpers/accounts';
import { appUnderTest } from './appUnderTest';
import { Steps } from './steps';

const SHOTS = '/tmp/shots-inbox';
const app = appUnderTest();

/** The inbox list lies inside the window, its entries inside the list. */
async function expectInboxInView(page: Page): Promise<void> {
  const list = (await page.getByTestId('inbox').boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(list.x).toBeGreaterThanOrEqual(0);
  expect(list.x + list.width).toBeLessThanOrEqual(viewport.width);
  expect(list.y + list.height).toBeLessThanOrEqual(viewport.height);
  for (const entry of await page.locator('.inbox-entry').all()) {
    const box = (await entry.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(list.x - 0.5);
    expect(box.x + box.width).toBeLessThanOrEqual(list.x + list.width + 0.5);
  }
}

describe('mentions in the browser', () => {
  it('Bob sees Ada’s mention on the home page, opens it on the card, and it is read', async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const ada = await setupAdmin(app.server.url);
    const bob = await addMember(app.server.url, ada, 'bob@example.com', 'editor', 'Bob Rossi');

    const adaSteps = new Steps(await signedInPage(app.browser, app.server.url, ada), app.server.url);
    // a member's home lists the workspace's maps, not "My maps": wait for the create form
    await adaSteps.page.goto(app.server.url);
    await adaSteps.page.getByLabel('Map title').waitFor();
    await adaSteps.createMap('Support journey');
    await adaSteps.addStage('Support');
    await adaSteps.addTouchpoint('Call the hotline');
    await adaSteps.touchpoint('Call the hotline').click({ position: { x: 40, y: 10 } });
    const box = adaSteps.page.getByLabel('Write a comment… (@ to mention)');
    await box.fill('@Bob Rossi the wait here is too long, can you check?');
    await adaSteps.page.getByRole('button', { name: 'Comment', exact: true }).click();
    await adaSteps.page.getByText('the wait here is too long').first().waitFor();

    const bobPage = await signedInPage(app.browser, app.server.url, bob.cookie);
    await bobPage.goto(app.server.url);
    const bell = bobPage.getByRole('button', { name: 'Mentions, 1 unread' });
    await bell.waitFor({ timeout: 10_000 });
    await bell.click();
    const entry = bobPage.getByTestId('inbox').locator('.inbox-entry.is-unread');
    expect(await entry.textContent()).toContain('Ada Admin');
    expect(await entry.textContent()).toContain('Support journey');
    await expectInboxInView(bobPage);
    await bobPage.screenshot({ path: `${SHOTS}/home-inbox-1280-en.png` });
    await entry.click();

    await bobPage.waitForURL(/\/map\/[A-Za-z0-9_-]+$/); // the ?node= is consumed
    const inspector = bobPage.locator('.inspector');
    await inspector.getByText('the wait here is too long').waitFor({ timeout: 15_000 });
    expect(await inspector.getByLabel('Label').inputValue()).toBe('Call the hotline');
    await bobPage.getByRole('button', { name: 'Mentions', exact: true }).waitFor();

    // the same inbox in Italian at 1440×900, on the map page
    const bobIt = await signedInPage(app.browser, app.server.url, bob.cookie, { width: 1440, height: 900 }, 'it');
    await bobIt.goto(bobPage.url());
    await bobIt.getByRole('button', { name: 'Menzioni', exact: true }).click();
    await bobIt.getByTestId('inbox').locator('.inbox-entry').waitFor();
    await expectInboxInView(bobIt);
    await bobIt.screenshot({ path: `${SHOTS}/map-inbox-1440-it.png` });
  });
});
