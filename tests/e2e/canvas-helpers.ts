// Steps shared by the canvas's browser tests: open a map in a page, fit it, wait for it to settle,
// seed a template, and whether two boxes measured in the page overlap.
import type { Page } from 'playwright-core';
import { applyTemplate, type TemplateLang } from '../../src/model';
import { connectSynced, createMap, type TestServer } from '../server/helpers/testServer';

export interface MapKeys {
  id: string;
  editorKey: string;
}

/** Opens a map by its editor link and answers the first visit's "who are you?" (in the page's language). */
export async function openMapIn(page: Page, baseUrl: string, map: MapKeys): Promise<void> {
  await page.goto(`${baseUrl}/map/${map.id}#key=${map.editorKey}`);
  await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 15_000 });
  await page.locator('.map-page[data-profile="ready"]').waitFor();
  const dialog = page.getByRole('dialog');
  if (await dialog.isVisible()) {
    await dialog.getByRole('textbox').first().fill('Tester');
    await dialog.getByRole('button').last().click();
    await dialog.waitFor({ state: 'detached' });
  }
}

/** Waits until nothing on the canvas moves between two frames apart. */
export async function settleCanvas(page: Page): Promise<void> {
  const snapshot = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('.react-flow__node, .react-flow__viewport, .react-flow__panel')]
        .map((el) => {
          const r = el.getBoundingClientRect();
          return `${r.x.toFixed(1)},${r.y.toFixed(1)},${r.width.toFixed(1)},${r.height.toFixed(1)}`;
        })
        .join('|'),
    );
  let before = '';
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(150);
    const now = await snapshot();
    if (now === before) return;
    before = now;
  }
}

/** Fits the whole map (the F shortcut) and waits until the view has settled. */
export async function fitCanvas(page: Page): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('f');
  await settleCanvas(page);
}

/** A new map holding a template in `lang`. */
export async function templateMap(server: TestServer, templateId: string, lang: TemplateLang): Promise<MapKeys> {
  const map = await createMap(server.url, `${templateId} ${lang}`);
  const seeder = await connectSynced(server.wsUrl, map.id, map.editorKey);
  applyTemplate(seeder.doc, templateId, lang);
  await new Promise((resolve) => setTimeout(resolve, 200));
  seeder.destroy();
  return map;
}
