// Accessibility: axe-core (a devDependency, injected into the built app in Chromium) reports no
// violation on the home page, an open map, the inspector with its notes editor, and each panel, in
// English and Italian. Every card has an accessible name of its own (kind, label, stage, channel).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/helpers/testServer';
import { DIST, launchChromium } from './browser';
import { fitCanvas, openMapIn, templateMap } from './canvas-helpers';
import { PANELS } from '../../src/panels/registry';
import { translate, type Language } from '../../src/i18n';

const SHOTS = process.env.SHOTS_DIR; // set to take screenshots of the outline

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Runs axe-core on the whole page (every rule axe runs by default: WCAG A/AA and best practices). */
async function axe(page: Page, where: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE); // evaluate: not subject to the CSP
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run: (context: Document) => Promise<{ violations: unknown[] }> } }
    ).axe.run(document);
    return result.violations as Violation[];
  });
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${where}: ${violation.id} (${violation.impact}) ${node.target.join(' ')} — ${node.failureSummary ?? violation.help}`,
    ),
  );
}

async function newPage(language: Language): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript((lang) => localStorage.setItem('percorso.language', lang), language);
  return page;
}

describe.each(['en', 'it'] as const)('accessibility (%s)', (language) => {
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);

  it('has no axe-core violation on the home page, a map, the inspector and each panel', async () => {
    server = await startTestServer({ distDir: DIST }); // each test's server stops after it (testServer.ts)
    const map = await templateMap(server, 'omnichannel-support', language);
    const page = await newPage(language);
    await openMapIn(page, server.url, map);
    await fitCanvas(page); // every card in view, so every card is mounted and checked
    const found: string[] = [];
    found.push(...(await axe(page, 'map')));

    // the inspector of a touchpoint, with the Tiptap notes editor
    await page
      .locator('[data-testid="touchpoint"]')
      .first()
      .click({ position: { x: 40, y: 10 } });
    await page.getByTestId('inspector').waitFor();
    await page.locator('.notes-content').waitFor();
    found.push(...(await axe(page, 'inspector')));

    for (const panel of PANELS.filter((spec) => spec.id !== 'inspector')) {
      await page
        .getByRole('navigation', { name: t('panel.rail') })
        .getByRole('button', { name: t(panel.label) })
        .click();
      await page.waitForTimeout(400);
      found.push(...(await axe(page, `panel ${panel.id}`)));
    }

    // a version's preview (a dialog over the map)
    await page
      .getByRole('navigation', { name: t('panel.rail') })
      .getByRole('button', { name: t('versions.panel') })
      .click();
    await page.getByRole('button', { name: t('versions.save') }).waitFor();
    await page.getByLabel(t('versions.name')).fill('Before the workshop');
    await page.getByRole('button', { name: t('versions.save') }).click();
    await page
      .getByRole('button', { name: translate(language, 'a11y.previewOf', { name: 'Before the workshop' }) })
      .click();
    await page.getByRole('dialog').locator('.react-flow__node').first().waitFor();
    found.push(...(await axe(page, 'version preview')));
    await page
      .getByRole('dialog')
      .getByRole('button', { name: t('versions.close') })
      .click();

    await page.goto(`${server.url}/`);
    await page.locator('.map-list').waitFor();
    found.push(...(await axe(page, 'home')));
    expect(found).toEqual([]);
  });

  it('edits the map from the outline by keyboard alone; another person sees it live', async () => {
    server = await startTestServer({ distDir: DIST });
    const map = await templateMap(server, 'omnichannel-support', language);
    const page = await newPage(language);
    await openMapIn(page, server.url, map);
    const other = await newPage(language);
    await openMapIn(other, server.url, map);

    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('o');
    const tree = page.getByRole('tree', { name: t('outline.tree') });
    await tree.waitFor();
    // a touchpoint row is named by aria-labelledby, a stage's row by its own text
    const focused = () =>
      page.evaluate(() => {
        const row = document.activeElement;
        const labelledBy = row?.getAttribute('aria-labelledby');
        return (labelledBy ? document.getElementById(labelledBy) : row)?.textContent ?? '';
      });
    expect(await focused()).toMatch(language === 'en' ? /^Report the problem, owner/ : /^Segnalazione, responsabile/);
    await page.keyboard.press('ArrowDown'); // the stage's first touchpoint
    await page.keyboard.press('F2');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Writes to support twice');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Alt+ArrowDown'); // to the next stage
    await other
      .getByRole('group', {
        name: new RegExp(`“Writes to support twice”, ${language === 'en' ? 'stage Call' : 'fase Chiamata'}`),
      })
      .waitFor({ timeout: 10_000 });
    expect(await focused()).toMatch(/^Writes to support twice/);

    // nothing of the outline is clipped: every row lies inside the panel's width
    const panel = await page.getByTestId('outline-panel').boundingBox();
    const rows = await page.locator('.outline-row').evaluateAll((nodes) =>
      nodes.map((node) => {
        const box = node.getBoundingClientRect();
        return { left: box.left, right: box.right };
      }),
    );
    expect(panel).not.toBeNull();
    for (const row of rows) {
      expect(row.left).toBeGreaterThanOrEqual(panel!.x - 0.5);
      expect(row.right).toBeLessThanOrEqual(panel!.x + panel!.width + 0.5);
    }
    if (SHOTS) {
      for (const [width, height] of [
        [1280, 800],
        [1440, 900],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${SHOTS}/outline-${language}-${width}x${height}.png` });
      }
    }
  });

  it('names every card by its kind, label, stage and channel', async () => {
    server = await startTestServer({ distDir: DIST });
    const map = await templateMap(server, 'omnichannel-support', language);
    const page = await newPage(language);
    await openMapIn(page, server.url, map);
    await fitCanvas(page);
    const expected = {
      en: [
        'Touchpoint “Chats on the website”, stage New purchase, channel Web chat',
        'Stage “Follow-up”, owner Digital care team, touchpoints: 1',
        'Channel “Web chat”, Messaging',
      ],
      it: [
        'Touchpoint “Chatta sul sito”, fase Nuovo acquisto, canale Chat sul sito',
        'Fase “Approfondimento”, responsabile Team assistenza digitale, touchpoint: 1',
        'Canale “Chat sul sito”, Messaggistica',
      ],
    }[language];
    for (const name of expected) await page.getByRole('group', { name, exact: true }).waitFor();
    // every focusable card has a name of its own, and no two share one
    const names = await page
      .locator('.react-flow__node[role="group"]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''));
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((name) => name.trim() === '')).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });
});
