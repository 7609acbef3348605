// Issue #18, surprise 7: Ctrl+Z right after restoring a version undoes the restore (before, it undid an
// older edit of one's own, and the restore stayed).
import { describe, expect, it } from 'vitest';
import { appUnderTest } from './appUnderTest';
import { Steps } from './steps';

const app = appUnderTest();

describe('restoring a version', () => {
  it('is one undo step of its own', async () => {
    const page = await (await app.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const alice = new Steps(page, app.server.url);
    await alice.openHome();
    const mapId = await alice.createMap('Restore and undo');
    await alice.addStage('Research');
    await alice.addTouchpoint('Read reviews');
    const saved = await fetch(`${app.server.url}/api/maps/${mapId}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await alice.storedKey(mapId)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Workshop' }),
    });
    expect(saved.status).toBe(201);
    await alice.addTouchpoint('Ask a friend'); // an edit after the version

    await page.locator('.sidebar-rail').getByRole('button', { name: 'Versions' }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Restore “Workshop”' }).click();
    await alice.expectTouchpointCount(1); // the version had one card

    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await alice.expectTouchpointCount(2); // the restore is undone: both cards are back
    await alice.touchpoint('Ask a friend').waitFor();
  });
});
