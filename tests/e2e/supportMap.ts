// A new map opened with the omnichannel support template in one language, as a person who names
// themselves first and then lets the home page apply the template (the key already stored).
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { AppUnderTest } from './appUnderTest';

const WHO = {
  en: { dialog: 'Who are you?', name: 'Your name', start: 'Start mapping' },
  it: { dialog: 'Chi sei?', name: 'Il tuo nome', start: 'Inizia a mappare' },
} as const;

export async function openSupportMap(
  app: AppUnderTest,
  lang: 'en' | 'it',
  viewport: { width: number; height: number },
  person = 'Ada',
): Promise<Page> {
  const created = (await (
    await fetch(`${app.server.url}/api/maps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: lang === 'it' ? 'Assistenza' : 'Support' }),
    })
  ).json()) as { id: string; editorKey: string };
  const page = await (await app.browser.newContext({ viewport })).newPage();
  await page.addInitScript((language) => localStorage.setItem('percorso.language', language), lang);
  await page.goto(`${app.server.url}/map/${created.id}#key=${created.editorKey}`); // the key is kept
  const who = page.getByRole('dialog', { name: WHO[lang].dialog });
  await who.getByLabel(WHO[lang].name).fill(person);
  await who.getByRole('button', { name: WHO[lang].start }).click();
  await page.goto(`${app.server.url}/map/${created.id}?template=omnichannel-support`);
  await expect.poll(() => page.locator('[data-testid="touchpoint"]').count(), { timeout: 15_000 }).toBe(5);
  return page;
}
