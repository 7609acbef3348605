// Issue #18, surprise 1: a card moved with the arrow keys is saved and synced like a dragged one
// (before, the mover saw it moved, the other person did not, and a reload reverted it).
import { describe, expect, it } from 'vitest';
import { appUnderTest } from './appUnderTest';
import { stageOfCard as stageOf } from './stageOfCard';
import { Steps } from './steps';

const app = appUnderTest();

async function newPerson(): Promise<Steps> {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  return new Steps(await context.newPage(), app.server.url);
}

describe('arrow-key moves', () => {
  it('are written once, synced to the other person, kept after a reload, and undone in one step', async () => {
    const alice = await newPerson();
    await alice.openHome();
    const mapId = await alice.createMap('Keyboard moves');
    await alice.addStage('Research');
    await alice.addTouchpoint('Read reviews');
    await alice.addStage('Purchase');
    expect(await stageOf(alice.page, 'Read reviews')).toBe('Research');

    const bob = await newPerson();
    await bob.openShareLink(mapId, await alice.storedKey(mapId));
    await bob.touchpoint('Read reviews').waitFor({ timeout: 10_000 });
    expect(await stageOf(bob.page, 'Read reviews')).toBe('Research');

    // select the card and move it right, by keyboard only, until it sits in the next column
    await alice.touchpoint('Read reviews').click();
    const wrapper = alice.page.locator('.react-flow__node', { has: alice.touchpoint('Read reviews') });
    await wrapper.focus();
    for (let i = 0; i < 80 && (await stageOf(alice.page, 'Read reviews')) !== 'Purchase'; i++)
      await alice.page.keyboard.press('Shift+ArrowRight');
    expect(await stageOf(alice.page, 'Read reviews')).toBe('Purchase');

    await expect.poll(() => stageOf(bob.page, 'Read reviews'), { timeout: 10_000 }).toBe('Purchase');
    await alice.page.reload(); // at once: leaving the page writes the pending key move
    await alice.touchpoint('Read reviews').waitFor({ timeout: 10_000 });
    await expect.poll(() => stageOf(alice.page, 'Read reviews'), { timeout: 10_000 }).toBe('Purchase');

    // the whole keyboard move is one undo step (the reload kept this browser's undo history out of it,
    // so move again and undo once)
    await alice.touchpoint('Read reviews').click();
    await wrapper.focus();
    for (let i = 0; i < 80 && (await stageOf(alice.page, 'Read reviews')) !== 'Research'; i++)
      await alice.page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(() => stageOf(bob.page, 'Read reviews'), { timeout: 10_000 }).toBe('Research');
    await alice.page.keyboard.press('Control+z'); // at once: the pending key move is written first
    await expect.poll(() => stageOf(bob.page, 'Read reviews'), { timeout: 10_000 }).toBe('Purchase');
  });
});
