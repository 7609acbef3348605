// Issue #18, surprise 3: A (offline, a stock y-websocket client) removes stage "Purchase" while B (the
// app) adds a card to it. After A reconnects, B's card sits in a surviving stage, is counted there,
// and B reads which card moved where (before: no stage, drawn inside another stage's column, and
// only "your changes were merged").
import { describe, expect, it } from 'vitest';
import { removeNode, roots } from '../../src/model';
import { connectSynced } from '../server/helpers/testServer';
import { appUnderTest } from './appUnderTest';
import { stageOfCard as stageOf } from './stageOfCard';
import { Steps } from './steps';

const app = appUnderTest();

describe('a merge that removes a card’s stage', () => {
  it('puts the card in a surviving stage and says so', async () => {
    const bob = new Steps(
      await (await app.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage(),
      app.server.url,
    );
    await bob.openHome();
    const mapId = await bob.createMap('Merges');
    await bob.addStage('Research');
    await bob.addTouchpoint('Read reviews');
    await bob.addStage('Purchase');
    const key = await bob.storedKey(mapId);

    const alice = await connectSynced(app.server.wsUrl, mapId, key);
    const purchase = [...roots(alice.doc).nodes.entries()].find(
      ([, node]) => node.get('kind') === 'stage' && node.get('label') === 'Purchase',
    )?.[0];
    expect(purchase).toBeDefined();
    alice.provider.disconnect(); // offline
    removeNode(alice.doc, purchase!);

    // Bob adds a card to Purchase meanwhile
    await bob.page.locator('.stage-title', { hasText: 'Purchase' }).click();
    await bob.addTouchpoint('Pay by card');
    expect(await stageOf(bob.page, 'Pay by card')).toBe('Purchase');

    alice.provider.connect(); // back online: the merge removes the stage under Bob's card
    await bob.page.locator('.stage-title', { hasText: 'Purchase' }).waitFor({ state: 'detached', timeout: 10_000 });
    await bob.page.getByText('“Pay by card” moved to “Research”').waitFor({ timeout: 10_000 });
    await expect.poll(() => stageOf(bob.page, 'Pay by card'), { timeout: 10_000 }).toBe('Research');
    alice.destroy();
  });
});
