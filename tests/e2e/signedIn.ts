// Members in browsers: a page of a fresh browser context signed in as a member (their session cookie
// set on the server's origin), in the UI language asked for; and the usual two-member setting.
import type { Browser, Page } from 'playwright-core';
import { addMember, setupAdmin } from '../server/helpers/accounts';
import { Steps } from './steps';

export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  cookie: string,
  viewport = { width: 1280, height: 800 },
  language: 'en' | 'it' = 'en',
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: baseUrl }]);
  const page = await context.newPage();
  await page.addInitScript((lang) => localStorage.setItem('percorso.language', lang), language);
  return page;
}

/**
 * Ada (the workspace's first admin) and Bob Rossi (an editor) on a server with accounts; Ada's
 * browser is on the home page, her new map "Support journey" open with a stage "Support" and a card.
 */
export async function adaAndBobWithACard(
  browser: Browser,
  baseUrl: string,
  card: string,
): Promise<{ ada: Steps; bob: { cookie: string; id: string } }> {
  const adaCookie = await setupAdmin(baseUrl);
  const bob = await addMember(baseUrl, adaCookie, 'bob@example.com', 'editor', 'Bob Rossi');
  const ada = new Steps(await signedInPage(browser, baseUrl, adaCookie), baseUrl);
  // a member's home lists the workspace's maps, not "My maps": wait for the create form
  await ada.page.goto(baseUrl);
  await ada.page.getByLabel('Map title').waitFor();
  await ada.createMap('Support journey');
  await ada.addStage('Support');
  await ada.addTouchpoint(card);
  return { ada, bob };
}
