// A page of a fresh browser context signed in as a member (their session cookie set on the server's
// origin), in the UI language asked for. It opens nothing yet.
import type { Browser, Page } from 'playwright-core';

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
