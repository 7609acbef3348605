// Issue #18, surprise 4: two people renaming one card. Before, the loser's text vanished without a
// word and nobody could see that someone else was typing the same name. Now the others see
// "Alice is renaming…" on the card, and whoever's text lost reads it back with "Use mine" — both
// when the other rename landed while they typed, and when a merge (one side offline) replaced it.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { roots, setLabel } from '../../src/model';
import { connectClient } from '../server/helpers/testServer';
import { appUnderTest } from './appUnderTest';
import { Steps } from './steps';

const app = appUnderTest();

async function person(mapId: string, key: string, name: string): Promise<Steps> {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const steps = new Steps(await context.newPage(), app.server.url);
  await steps.page.goto(`${app.server.url}/map/${mapId}#key=${key}`);
  await steps.waitConnected(name);
  return steps;
}

async function newMap(title: string): Promise<{ id: string; editorKey: string }> {
  const response = await fetch(`${app.server.url}/api/maps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  return (await response.json()) as { id: string; editorKey: string };
}

const labelOf = (steps: Steps) =>
  steps.page.locator('[data-testid="touchpoint"] .touchpoint-label').first().textContent();

describe('two people renaming one card', () => {
  it('shows who is renaming, and hands the later text back with “Use mine”', async () => {
    const map = await newMap('Renames');
    const alice = await person(map.id, map.editorKey, 'Alice');
    await alice.addStage('Research');
    await alice.addTouchpoint('Reads reviews');
    const bob = await person(map.id, map.editorKey, 'Bob');
    await bob.touchpoint('Reads reviews').waitFor();

    // Alice starts typing: Bob sees it on the card, before he types anything himself
    await alice.touchpoint('Reads reviews').locator('.touchpoint-label').dblclick();
    await alice.page.locator('.inline-label-input').fill('Reads reviews online');
    const renaming = bob.page.locator('.react-flow__node[data-remote-renaming]', {
      has: bob.touchpoint('Reads reviews'),
    });
    await renaming.waitFor({ timeout: 10_000 });
    expect(await renaming.getAttribute('data-remote-selected')).toBe('Alice is renaming…');

    // Bob renames it anyway and lands first; Alice presses Enter afterwards
    await bob.touchpoint('Reads reviews').locator('.touchpoint-label').dblclick();
    await bob.renameOpenLabel('Checks reviews');
    // arrived while Alice types (her card shows the input, its accessible name the stored label)
    await alice.page.locator('.react-flow__node[aria-label*="Checks reviews"]').waitFor({ timeout: 10_000 });
    expect(await alice.page.locator('.inline-label-input').inputValue()).toBe('Reads reviews online');
    await alice.page.locator('.inline-label-input').press('Enter');

    const notice = alice.page.locator('.toast', {
      hasText: 'Bob named it “Checks reviews” at the same time as you. Your text was “Reads reviews online”.',
    });
    await notice.waitFor({ timeout: 10_000 });
    expect(await labelOf(alice)).toBe('Checks reviews'); // Bob's text was not overwritten silently
    expect(await labelOf(bob)).toBe('Checks reviews');
    await bob.page.locator('.react-flow__node[data-remote-renaming]').waitFor({ state: 'detached', timeout: 10_000 });

    await notice.getByRole('button', { name: 'Use mine' }).click();
    await expect.poll(() => labelOf(bob), { timeout: 10_000 }).toBe('Reads reviews online');
    expect(await labelOf(alice)).toBe('Reads reviews online');
  });

  it('tells the person whose rename a merge replaced, with their text', async () => {
    const map = await newMap('Merged renames');
    const bob = await person(map.id, map.editorKey, 'Bob');
    await bob.addStage('Research');
    await bob.addTouchpoint('Call us');

    // Carla works offline in a stock y-websocket client; her client id wins a tie between concurrent writes
    const carlaDoc = new Y.Doc();
    carlaDoc.clientID = 0xffff_fffe;
    const carla = connectClient(app.server.wsUrl, map.id, map.editorKey, carlaDoc);
    await carla.synced();
    carla.provider.awareness.setLocalStateField('user', { name: 'Carla', color: '#0072b2' });
    const card = [...roots(carlaDoc).nodes.entries()].find(([, node]) => node.get('label') === 'Call us')?.[0];
    expect(card).toBeDefined();
    carla.provider.disconnect();
    setLabel(carlaDoc, card!, 'Phone the contact centre');

    await bob.touchpoint('Call us').locator('.touchpoint-label').dblclick();
    await bob.renameOpenLabel('Call the hotline');
    await bob.touchpoint('Call the hotline').waitFor();

    carla.provider.connect(); // the merge: Carla's rename never saw Bob's, and wins
    carla.provider.awareness.setLocalStateField('user', { name: 'Carla', color: '#0072b2' });
    const notice = bob.page.locator('.toast', {
      hasText: 'named it “Phone the contact centre” at the same time as you. Your text was “Call the hotline”.',
    });
    await notice.waitFor({ timeout: 10_000 });
    expect(await labelOf(bob)).toBe('Phone the contact centre');
    await notice.getByRole('button', { name: 'Use mine' }).click();
    await expect
      .poll(() => (roots(carlaDoc).nodes.get(card!) as Y.Map<unknown>).get('label'), { timeout: 10_000 })
      .toBe('Call the hotline');
    carla.destroy();
  });
});
