// Issue #18, surprise 9: adding a card and naming it is one undo step (it took two: create, rename).
import { describe, expect, it } from 'vitest';
import { appUnderTest } from './appUnderTest';
import { Steps } from './steps';

const app = appUnderTest();

describe('undo steps', () => {
  it('undoes an added and named card in one step, and a later rename in a step of its own', async () => {
    const page = await (await app.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const steps = new Steps(page, app.server.url);
    await steps.openHome();
    await steps.createMap('Undo steps');
    await steps.addStage('Research');
    await steps.addTouchpoint('Read reviews');
    await steps.toolbar('Touchpoint');
    await page.waitForTimeout(800); // a person takes longer than the undo manager's merge window to type a name
    await steps.renameOpenLabel('Ask a friend');
    await steps.touchpoint('Ask a friend').waitFor();
    await steps.expectTouchpointCount(2);

    await page.keyboard.press('Control+z'); // one step: "Ask a friend" goes, not just its name
    await steps.expectTouchpointCount(1);
    await expect.poll(() => steps.touchpoint('Read reviews').count()).toBe(1);

    // a rename long after the add is its own step
    await steps.touchpoint('Read reviews').locator('.inline-label').dblclick();
    await steps.renameOpenLabel('Read reviews online');
    await steps.touchpoint('Read reviews online').waitFor();
    await page.keyboard.press('Control+z');
    await steps.touchpoint('Read reviews').waitFor();
    await expect.poll(() => steps.touchpoint('Read reviews online').count()).toBe(0);
    await steps.expectTouchpointCount(1);
  });
});
