// A viewer's hostile presence (a name with a line break and CSS, a colour that closes a rule, a
// selection of the editor's card) changes nothing on an editor's page: the page still displays,
// the card keeps its place and size, no style from the presence is applied, and the outline shows
// the name as plain text. The page runs under the server's Content-Security-Policy throughout:
// React Flow, Tiptap (notes) and the app work and the browser reports no violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { rawSocket, startTestServer } from '../server/helpers/testServer';
import { awarenessFrame } from '../reliability/helpers/wire';
import { DIST, launchChromium } from './browser';
import { Steps } from './steps';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('hostile presence in the browser', () => {
  it("a viewer's CSS-injecting presence changes nothing on an editor's page", async () => {
    const server = await startTestServer({ distDir: DIST });
    const map = (await (
      await fetch(`${server.url}/api/maps`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Hostile' }),
      })
    ).json()) as { id: string; editorKey: string; viewerKey: string };
    const context = await browser.newContext({ viewport: { width: 1300, height: 820 } });
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    const editor = new Steps(page, server.url);
    await page.goto(`${server.url}/map/${map.id}#key=${map.editorKey}`);
    await editor.waitConnected('Alice');
    await editor.addStage('Research');
    await editor.addTouchpoint('Reads reviews');
    const card = editor.touchpoint('Reads reviews');
    const node = page.locator('.react-flow__node', { has: card });
    const nodeId = await node.getAttribute('data-id');
    if (!nodeId) throw new Error('no node id');

    // Tiptap under the CSP: open the card's notes and write in them
    await card.click({ position: { x: 40, y: 10 } });
    const notes = page.locator('.notes-content');
    await notes.click();
    await page.keyboard.type('Checked under the CSP');
    await notes.getByText('Checked under the CSP').waitFor();
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });

    const before = await card.boundingBox();
    const viewer = rawSocket(`${server.wsUrl}/sync/${map.id}?key=${map.viewerKey}`);
    await viewer.opened;
    viewer.ws.send(
      awarenessFrame([
        {
          clientId: 4242,
          clock: 1,
          state: { user: { name: 'E\nx\t}body{display:none}', color: '#d55e00' }, selection: [nodeId] },
        },
        {
          clientId: 4243,
          clock: 1,
          state: {
            user: { name: 'F\r}*{visibility:hidden}', color: 'red;}body{display:none}' },
            selection: [nodeId, 'a"]{}body{display:none}'],
          },
        },
      ]),
    );
    await page.locator(`.react-flow__node[data-remote-selected]`).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: /^Follow F/ }).waitFor(); // both peers arrived

    const look = await node.evaluate((element) => ({
      bodyDisplay: getComputedStyle(document.body).display,
      rootVisibility: getComputedStyle(document.documentElement).visibility,
      nodeVisibility: getComputedStyle(element).visibility,
      name: element.getAttribute('data-remote-selected'),
      outlineColor: getComputedStyle(element).outlineColor,
      outlineStyle: getComputedStyle(element).outlineStyle,
      label: getComputedStyle(element, '::after').content,
      styleText: [...document.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n'),
      violations: (window as unknown as { cspViolations: string[] }).cspViolations,
    }));
    expect(look.bodyDisplay).not.toBe('none');
    expect(look.rootVisibility).toBe('visible');
    expect(look.nodeVisibility).toBe('visible');
    expect(look.name).toBe('E x }body{display:none}'); // one line of text, shown as text
    expect(look.label).toBe('"E x }body{display:none}"');
    expect(look.outlineStyle).toBe('solid');
    expect(look.outlineColor).toBe('rgb(213, 94, 0)');
    expect(look.styleText).not.toContain('display:none}');
    expect(look.styleText).not.toContain('visibility:hidden');
    expect(look.violations).toEqual([]);
    // the card is still where it was, the size it was, and in view
    const after = await card.boundingBox();
    expect(after).toEqual(before);
    expect(after?.width).toBeGreaterThan(50);
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    viewer.ws.close();
    await context.close();
  });
});
