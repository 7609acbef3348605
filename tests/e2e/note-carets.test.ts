// Carets in a shared note still travel (the note editor reads a filtered view of awareness that
// ignores pointer and drag updates, src/sync/caretAwareness.ts): Bob's caret appears in Alice's open
// note with his name, and follows him while he types.
import { describe, expect, it } from 'vitest';
import { appUnderTest } from './appUnderTest';
import { Steps } from './steps';

const app = appUnderTest();

describe('note carets', () => {
  it('shows the other person’s caret with their name, and moves it as they type', async () => {
    const alice = await (await app.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const a = new Steps(alice, app.server.url);
    await a.openHome();
    const mapId = await a.createMap('Carets');
    await a.addStage('Research');
    await a.addTouchpoint('Reads reviews');
    const key = await a.storedKey(mapId);
    await a.touchpoint('Reads reviews').click({ position: { x: 40, y: 10 } });
    const aliceNotes = alice.locator('.notes-content');
    await aliceNotes.click();
    await alice.keyboard.type('First line');

    const bob = await (await app.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const b = new Steps(bob, app.server.url);
    await bob.goto(`${app.server.url}/map/${mapId}#key=${key}`);
    await b.waitConnected('Bob');
    await b.touchpoint('Reads reviews').click({ position: { x: 40, y: 10 } });
    const bobNotes = bob.locator('.notes-content');
    await bobNotes.getByText('First line').waitFor();
    await bobNotes.click();
    await bob.keyboard.press('End');

    const caret = alice.locator('.notes-content .collaboration-carets__caret', { hasText: 'Bob' });
    await caret.waitFor({ timeout: 10_000 });
    const before = (await caret.boundingBox())!;
    await bob.keyboard.type(' and a much longer second half');
    await expect
      .poll(async () => (await caret.boundingBox())?.x ?? before.x, { timeout: 10_000 })
      .toBeGreaterThan(before.x + 40);
    await alice.context().close();
    await bob.context().close();
  });
});
