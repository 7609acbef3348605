// Who changed what (issue #14), in two browsers: Ada renames a card; Bob, in his own browser, opens
// the card's history in the inspector and reads Ada's name and the old → new name. Screenshots
// (1280×800 English, 1440×900 Italian) go to /tmp/shots-history.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signedInPage } from './signedIn';
import { addMember, setupAdmin } from '../server/helpers/accounts';
import { appUnderTest } from './appUnderTest';
import { Steps } from './steps';

const SHOTS = '/tmp/shots-history';
const app = appUnderTest();

describe('a card’s history', () => {
  it('shows Bob who renamed the card and from what to what', async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const ada = await setupAdmin(app.server.url);
    const bob = await addMember(app.server.url, ada, 'bob@example.com', 'editor', 'Bob Rossi');

    const adaSteps = new Steps(await signedInPage(app.browser, app.server.url, ada), app.server.url);
    // a member's home lists the workspace's maps, not "My maps": wait for the create form
    await adaSteps.page.goto(app.server.url);
    await adaSteps.page.getByLabel('Map title').waitFor();
    await adaSteps.createMap('Support journey');
    await adaSteps.addStage('Support');
    await adaSteps.addTouchpoint('Call');
    await adaSteps.touchpoint('Call').locator('.touchpoint-label').dblclick();
    await adaSteps.renameOpenLabel('Call the hotline');
    const mapUrl = adaSteps.page.url();

    for (const [viewport, language] of [
      [{ width: 1280, height: 800 }, 'en'],
      [{ width: 1440, height: 900 }, 'it'],
    ] as const) {
      const page = await signedInPage(app.browser, app.server.url, bob.cookie, viewport, language);
      const steps = new Steps(page, app.server.url);
      await page.goto(mapUrl);
      await steps.waitConnected('Bob');
      await steps.touchpoint('Call the hotline').click({ position: { x: 40, y: 10 } });
      const inspector = page.locator('.inspector');
      await inspector.locator('.node-history > summary').click();
      const list = inspector.getByTestId('node-history');
      const renamed = language === 'en' ? 'Name: “Call” → “Call the hotline”' : 'Nome: “Call” → “Call the hotline”';
      await list.getByText(renamed).waitFor({ timeout: 10_000 });
      const rows = await list.locator('li').allTextContents();
      expect(rows[0]).toContain('Ada Admin');
      expect(rows.at(-1)).toContain(language === 'en' ? 'Created' : 'Creato');
      // nothing of the list is cut off by the inspector
      const panel = (await inspector.boundingBox())!;
      for (const row of await list.locator('li').all()) {
        const box = (await row.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(panel.x + panel.width + 0.5);
      }
      await list.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/history-${viewport.width}-${language}.png` });

      // the map's activity lists the same change, with the card's name
      await page.getByRole('button', { name: language === 'en' ? 'Activity' : 'Attività', exact: true }).click();
      const activity = page.getByTestId('activity-list');
      await activity.getByText(renamed).waitFor({ timeout: 10_000 });
      expect(await activity.locator('li').first().textContent()).toContain('Call the hotline');
      await page.screenshot({ path: `${SHOTS}/activity-${viewport.width}-${language}.png` });
    }
  });
});
