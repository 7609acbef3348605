// Named steps a person takes in Percorso, so browser tests read as what a user does.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export class Steps {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async openHome(): Promise<void> {
    await this.page.goto(this.baseUrl + '/');
    await this.page.getByRole('heading', { name: 'My maps' }).waitFor();
  }

  /** Creates a map from the home page and waits until it is open and connected. Returns its id. */
  async createMap(title: string): Promise<string> {
    await this.page.getByLabel('Map title').fill(title);
    await this.page.getByRole('button', { name: 'Create map' }).click();
    await this.page.waitForURL(/\/map\/[A-Za-z0-9_-]+$/);
    await this.waitConnected();
    return new URL(this.page.url()).pathname.split('/').pop() ?? '';
  }

  /** Waits until the map is connected; the first time in a browser, answers "Who are you?". */
  async waitConnected(name = 'Tester'): Promise<void> {
    await this.page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 15_000 });
    await this.page.locator('.map-page[data-profile="ready"]').waitFor();
    const dialog = this.page.getByRole('dialog', { name: 'Who are you?' });
    if (await dialog.isVisible()) {
      await dialog.getByLabel('Your name').fill(name);
      await dialog.getByRole('button', { name: 'Start mapping' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
  }

  /** The key this browser keeps for a map, read from its IndexedDB ("my maps"). */
  async storedKey(mapId: string): Promise<string> {
    return this.page.evaluate(
      (id) =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('percorso');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('maps').objectStore('maps').get(id);
            get.onsuccess = () => resolve((get.result as { key: string }).key);
            get.onerror = () => reject(get.error);
          };
        }),
      mapId,
    );
  }

  async openShareLink(mapId: string, key: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/map/${mapId}#key=${key}`);
    await this.waitConnected();
  }

  /** Clicks a toolbar button; a new node opens its label for editing, which `rename` fills. */
  async toolbar(name: string): Promise<void> {
    await this.page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name, exact: true }).click();
  }

  async renameOpenLabel(label: string): Promise<void> {
    const input = this.page.locator('.inline-label-input');
    await input.waitFor();
    await input.fill(label);
    await input.press('Enter');
  }

  async addStage(label: string): Promise<void> {
    await this.toolbar('Stage');
    await this.renameOpenLabel(label);
    await this.page.locator('.stage-title', { hasText: label }).waitFor();
  }

  async addTouchpoint(label: string): Promise<void> {
    await this.toolbar('Touchpoint');
    await this.renameOpenLabel(label);
    await this.touchpoint(label).waitFor();
  }

  touchpoint(label: string) {
    return this.page.locator('[data-testid="touchpoint"]', { hasText: label });
  }

  async expectTouchpointCount(count: number): Promise<void> {
    await expect.poll(() => this.page.locator('[data-testid="touchpoint"]').count(), { timeout: 10_000 }).toBe(count);
  }
}
