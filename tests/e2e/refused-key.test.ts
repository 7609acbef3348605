// Issue #18, surprises 5 and 6: a person whose editor key was rotated is stopped from editing at once
// (before, they kept adding cards that lived only in their browser); pasting a new link into the same
// tab opens it (before, only the #key changed and the page did not re-read it); and a valid viewer
// link wins over the stored, rotated editor key (before: "This key is not valid", labelled "Editor").
import { describe, expect, it } from 'vitest';
import { appUnderTest } from './appUnderTest';
import { Steps } from './steps';

const app = appUnderTest();

async function rotate(mapId: string, key: string, role: 'editor' | 'viewer'): Promise<string> {
  const answer = await fetch(`${app.server.url}/api/maps/${mapId}/keys/rotate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role }),
  });
  expect(answer.status).toBe(200);
  const body = (await answer.json()) as { editorKey?: string; viewerKey?: string };
  return (role === 'editor' ? body.editorKey : body.viewerKey) ?? '';
}

describe('a refused key', () => {
  it('turns the map read-only at once, and a new link pasted into the same tab opens it', async () => {
    const alice = new Steps(await (await app.browser.newContext()).newPage(), app.server.url);
    await alice.openHome();
    const mapId = await alice.createMap('Rotated keys');
    await alice.addStage('Research');
    await alice.addTouchpoint('Read reviews');
    const oldEditorKey = await alice.storedKey(mapId);

    const bob = new Steps(
      await (await app.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage(),
      app.server.url,
    );
    await bob.openShareLink(mapId, oldEditorKey);
    const tools = bob.page.getByRole('toolbar', { name: 'Map tools' });
    await tools.getByRole('button', { name: 'Touchpoint', exact: true }).waitFor();

    const newEditorKey = await rotate(mapId, oldEditorKey, 'editor');
    await bob.page.getByRole('alert').filter({ hasText: 'Paste the new share link' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => tools.getByRole('button', { name: 'Touchpoint', exact: true }).count()).toBe(0);
    await expect.poll(() => bob.page.locator('.role-badge').textContent()).toBe('Read-only');

    // the owner sends Bob a viewer link now; he pastes it into the same tab (only the #key changes)
    const viewerKey = await rotate(mapId, newEditorKey, 'viewer');
    await bob.page.evaluate((key) => {
      window.location.hash = `key=${key}`;
    }, viewerKey);
    await bob.waitConnected();
    await expect.poll(() => bob.page.locator('.role-badge').textContent(), { timeout: 10_000 }).toBe('Viewer');
    await bob.touchpoint('Read reviews').waitFor();
    expect(await bob.storedKey(mapId)).toBe(viewerKey); // the rotated editor key is replaced

    // and it still opens from "my maps" after a reload, with no link
    await bob.page.goto(`${app.server.url}/map/${mapId}`);
    await bob.waitConnected();
    await expect.poll(() => bob.page.locator('.role-badge').textContent(), { timeout: 10_000 }).toBe('Viewer');
  });
});
