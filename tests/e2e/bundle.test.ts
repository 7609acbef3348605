// A map that travels with its media (issue #14): Alice exports her map as a bundle (.zip) from the
// Export menu; Carla, in a fresh browser with nothing stored, imports it from the home page and the
// card's image shows (no request fails). And a duplicated map opened in a fresh browser shows its
// image too. Screenshots of the Export menu (both sizes, both languages) go to /tmp/shots-bundle.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appUnderTest } from './appUnderTest';
import { downloadOf } from './export-helpers';
import { Steps } from './steps';

const SHOTS = '/tmp/shots-bundle';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGP4z8DwHwyBNAMDAwMDAwBd6gn3QJ0mUQAAAABJRU5ErkJggg==',
  'base64',
);
const app = appUnderTest();

async function freshPage(viewport = { width: 1280, height: 800 }, language = 'en'): Promise<Page> {
  const page = await (await app.browser.newContext({ viewport })).newPage();
  await page.addInitScript((lang) => localStorage.setItem('percorso.language', lang), language);
  return page;
}

/** Every response of the page with a status of 400 or more. */
function failedRequests(page: Page): string[] {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  return failed;
}

async function expectImageShown(steps: Steps, card: string): Promise<void> {
  const image = steps.touchpoint(card).locator('[data-testid="media-strip"] img');
  await image.waitFor({ timeout: 15_000 });
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 10_000 }).toBe(2);
}

describe('a map with its media, as one file', () => {
  it('exports a bundle in one browser and imports it complete in a fresh one', async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const alice = new Steps(await freshPage(), app.server.url);
    await alice.openHome();
    await alice.createMap('Refund journey');
    await alice.addStage('Contact');
    await alice.addTouchpoint('Sends the receipt');
    await alice.touchpoint('Sends the receipt').click({ position: { x: 40, y: 10 } });
    await alice.page
      .getByTestId('media-input')
      .setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
    await expectImageShown(alice, 'Sends the receipt');

    await alice.page.getByRole('button', { name: 'Export', exact: true }).click();
    await alice.page.getByRole('menuitem', { name: 'Map with media (.zip)' }).waitFor();
    await alice.page.screenshot({ path: `${SHOTS}/export-menu-1280-en.png` });
    const bundle = await downloadOf(alice.page, () =>
      alice.page.getByRole('menuitem', { name: 'Map with media (.zip)' }).click(),
    );
    expect(bundle.name).toBe('Refund journey.percorso.zip');
    expect(bundle.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    const carla = new Steps(await freshPage(), app.server.url);
    const failed = failedRequests(carla.page);
    await carla.openHome();
    await carla.page
      .getByTestId('import-map-input')
      .setInputFiles({ name: bundle.name, mimeType: 'application/zip', buffer: bundle.bytes });
    await carla.page.waitForURL(/\/map\/[A-Za-z0-9_-]+$/, { timeout: 20_000 });
    await carla.waitConnected('Carla');
    await expectImageShown(carla, 'Sends the receipt');
    expect(failed).toEqual([]);

    // a broken bundle: a clear message, and the home page stays as it was
    await carla.openHome();
    await carla.page
      .getByTestId('import-map-input')
      .setInputFiles({ name: 'broken.percorso.zip', mimeType: 'application/zip', buffer: Buffer.from('PK nothing') });
    await expect
      .poll(() => carla.page.getByRole('alert').textContent())
      .toContain('This file cannot be imported: The file is not a Percorso bundle');

    // the Export menu in Italian at 1440×900
    const mapId = new URL(alice.page.url()).pathname.split('/').pop()!;
    const key = await alice.storedKey(mapId);
    const italian = await freshPage({ width: 1440, height: 900 }, 'it');
    await italian.goto(`${app.server.url}/map/${mapId}#key=${key}`);
    const who = italian.getByRole('dialog', { name: 'Chi sei?' });
    await who.getByLabel('Il tuo nome').fill('Ilaria');
    await who.getByRole('button', { name: 'Inizia a mappare' }).click();
    await who.waitFor({ state: 'detached' });
    await italian.getByRole('button', { name: 'Esporta', exact: true }).click();
    await italian.getByRole('menuitem', { name: 'Mappa con i media (.zip)' }).waitFor();
    await italian.screenshot({ path: `${SHOTS}/export-menu-1440-it.png` });
  });

  it('shows a duplicated map’s image in a fresh browser', async () => {
    const alice = new Steps(await freshPage(), app.server.url);
    await alice.openHome();
    const mapId = await alice.createMap('Onboarding');
    await alice.addStage('Welcome');
    await alice.addTouchpoint('Reads the welcome mail');
    await alice.touchpoint('Reads the welcome mail').click({ position: { x: 40, y: 10 } });
    await alice.page.getByTestId('media-input').setInputFiles({ name: 'mail.png', mimeType: 'image/png', buffer: PNG });
    await expectImageShown(alice, 'Reads the welcome mail');
    const key = await alice.storedKey(mapId);
    const copy = (await (
      await fetch(`${app.server.url}/api/maps/${mapId}/duplicate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}` },
      })
    ).json()) as { id: string; viewerKey: string };

    const dora = new Steps(await freshPage(), app.server.url);
    const failed = failedRequests(dora.page);
    await dora.openShareLink(copy.id, copy.viewerKey);
    await expectImageShown(dora, 'Reads the welcome mail');
    expect(failed).toEqual([]);
  });
});
