// A canvas a designer would show a client, checked from the DOM of the built app in Chromium: no two
// cards, pills, owner cards or notes overlap, and no path edge passes through a card it does not join
// (points sampled along each SVG path), for every template and a generated 300-node map, at two
// screen sizes, in English and Italian; also after eight cards are added to one stage from the
// toolbar and after a card grows by a long note. An edge never runs back across the cards it joins.
// One browser, one page per language, reused.
// LAYOUT_SHOTS=<dir> also saves a screenshot of each case there.
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  addChannel,
  addOwner,
  addStage,
  addTouchpoint,
  applyTemplate,
  connect,
  moveNodes,
  roots,
  setTouchpointChannel,
  TEMPLATES,
  type TemplateLang,
} from '../../src/model';
import { connectSynced, createMap, startTestServer, type TestServer } from '../server/helpers/testServer';
import { DIST, launchChromium } from './browser';
import { Steps } from './steps';
import { fitCanvas, openMapIn, settleCanvas } from './canvas-helpers';
import { SHORTCUTS } from '../../src/canvas/useShortcuts';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
] as const;
const LANGS: TemplateLang[] = ['en', 'it'];
const SHOTS = process.env.LAYOUT_SHOTS;

let browser: Browser;
let server: TestServer;
const pages = new Map<TemplateLang, Page>();

beforeAll(async () => {
  browser = await launchChromium();
});
// the factory closes its servers after each test; the pages stay (each case opens its own maps)
beforeEach(async () => {
  server = await startTestServer({ distDir: DIST });
});
afterAll(async () => {
  await browser?.close();
});

/** A page whose UI speaks `lang` (one per language, reused by every case). */
async function pageIn(lang: TemplateLang): Promise<Page> {
  const existing = pages.get(lang);
  if (existing) return existing;
  const context = await browser.newContext({ viewport: SIZES[0], acceptDownloads: true });
  await context.addInitScript((language) => localStorage.setItem('percorso.language', language), lang);
  const page = await context.newPage();
  pages.set(lang, page);
  return page;
}

async function openMap(page: Page, map: { id: string; editorKey: string }): Promise<Steps> {
  await openMapIn(page, server.url, map);
  return new Steps(page, server.url);
}

/** Presses "Tidy up" in the toolbar and fits the result. */
async function tidy(page: Page): Promise<void> {
  await page
    .getByRole('toolbar')
    .getByRole('button', { name: /Tidy up|Riordina/ })
    .click();
  await settleCanvas(page);
  await fitCanvas(page);
}

/** The tops of the cards in each stage column, top to bottom, rounded (screen pixels). */
function cardTops(page: Page): Promise<number[][]> {
  return page.evaluate(() => {
    const cards = [...document.querySelectorAll('.react-flow__node-touchpoint')].map((card) =>
      card.getBoundingClientRect(),
    );
    return [...document.querySelectorAll('.react-flow__node-stage')].map((stage) => {
      const column = stage.getBoundingClientRect();
      return cards
        .filter((card) => card.left + card.width / 2 > column.left && card.left + card.width / 2 < column.right)
        .map((card) => Math.round(card.top))
        .sort((a, b) => a - b);
    });
  });
}

/** "?" opens the shortcut help, whole inside the window, listing every shortcut; Escape closes it. */
async function expectShortcutHelp(page: Page, title: string, tidyLine: string): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: title });
  await help.waitFor();
  await help.getByRole('cell', { name: tidyLine }).waitFor();
  expect(await help.getByRole('row').count()).toBe(SHORTCUTS.length + 1);
  const box = await help.boundingBox();
  const view = page.viewportSize();
  expect(
    box && view && box.x >= 0 && box.y >= 0 && box.x + box.width <= view.width && box.y + box.height <= view.height,
  ).toBe(true);
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });
}

interface Problems {
  overlaps: string[];
  edgesThroughCards: string[];
  labelsOverCards: string[];
  pillsAcrossStages: string[];
  hidden: string[];
  cards: number;
  edges: number;
}

/** Overlapping nodes and edges through cards, measured in the page. */
function layoutProblems(page: Page): Promise<Problems> {
  return page.evaluate(() => {
    const kinds = ['touchpoint', 'channel', 'owner', 'note'];
    const nodes = [
      ...document.querySelectorAll<HTMLElement>(kinds.map((kind) => `.react-flow__node-${kind}`).join(',')),
    ].map((el) => ({
      id: el.dataset.id ?? '',
      card: el.classList.contains('react-flow__node-touchpoint'),
      label: (el.textContent ?? '').slice(0, 30),
      r: el.getBoundingClientRect(),
    }));
    const overlaps: string[] = [];
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i]!.r;
        const b = nodes[j]!.r;
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
          overlaps.push(`${nodes[i]!.label} × ${nodes[j]!.label}`);
      }
    }
    const cards = nodes.filter((node) => node.card);
    const edgesThroughCards: string[] = [];
    const edgeEls = [...document.querySelectorAll<SVGGElement>('.react-flow__edge')];
    for (const edge of edgeEls) {
      const [, source, target] = /Edge from (\S+) to (\S+)/.exec(edge.getAttribute('aria-label') ?? '') ?? [];
      const line = edge.querySelector<SVGPathElement>('path.react-flow__edge-path');
      const matrix = line?.getScreenCTM();
      if (!line || !matrix) continue;
      const length = line.getTotalLength();
      for (let at = 0; at <= length; at += 3) {
        const p = line.getPointAtLength(at).matrixTransform(matrix);
        // a card it does not join: nowhere inside; the two it joins: only at their borders (the handles)
        const hit = cards.find((card) => {
          const inset = card.id === source || card.id === target ? 6 : 1;
          return (
            p.x > card.r.left + inset &&
            p.x < card.r.right - inset &&
            p.y > card.r.top + inset &&
            p.y < card.r.bottom - inset
          );
        });
        if (hit) {
          edgesThroughCards.push(`${source}→${target} through ${hit.label}`);
          break;
        }
      }
    }
    // an edge's label sits clear of every card, the two it joins included
    const labelsOverCards: string[] = [];
    for (const label of document.querySelectorAll<SVGGElement>('.edge-label')) {
      const r = label.getBoundingClientRect();
      const hit = cards.find(
        (card) => r.left < card.r.right && card.r.left < r.right && r.top < card.r.bottom && card.r.top < r.bottom,
      );
      if (hit) labelsOverCards.push(`"${label.textContent ?? ''}" over ${hit.label}`);
    }
    // a channel pill sits under one stage, not across the gap between two (nor across a lane's edge)
    const columns = [...document.querySelectorAll('.react-flow__node-stage')].map((el) => el.getBoundingClientRect());
    const pillsAcrossStages = nodes
      .filter((node) => node.label && document.querySelector(`.react-flow__node-channel[data-id="${node.id}"]`))
      .filter(
        (node) =>
          columns.length > 0 &&
          !columns.some((column) => node.r.left >= column.left - 0.5 && node.r.right <= column.right + 0.5),
      )
      .map((node) => node.label);
    // and inside the channels lane, top to bottom
    const lane = document.querySelectorAll('.lanes .lane')[1]?.getBoundingClientRect();
    if (lane)
      for (const node of nodes)
        if (
          document.querySelector(`.react-flow__node-channel[data-id="${node.id}"]`) &&
          (node.r.top < lane.top - 0.5 || node.r.bottom > lane.bottom + 0.5)
        )
          pillsAcrossStages.push(`${node.label} outside the channels lane`);
    // what floats over the canvas covers neither the map's nodes nor another panel
    const panels = [...document.querySelectorAll<HTMLElement>('.react-flow__panel')]
      .map((el) => ({
        label: el.className.replace('react-flow__panel', '').trim().slice(0, 40),
        r: el.getBoundingClientRect(),
      }))
      .filter((panel) => panel.r.width > 0);
    const covered = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const hidden: string[] = [];
    panels.forEach((panel, i) => {
      for (const node of nodes) if (covered(panel.r, node.r)) hidden.push(`${panel.label} covers ${node.label}`);
      for (const other of panels.slice(i + 1))
        if (covered(panel.r, other.r)) hidden.push(`${panel.label} covers ${other.label}`);
    });
    return {
      overlaps,
      edgesThroughCards,
      labelsOverCards,
      pillsAcrossStages,
      hidden,
      cards: cards.length,
      edges: edgeEls.length,
    };
  });
}

/** The layout checks, on a canvas its caller has just fitted (fit waits until it settles). */
async function expectTidy(page: Page, name: string, expectCards = 1): Promise<Problems> {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  const problems = await layoutProblems(page);
  expect(problems.cards, name).toBeGreaterThanOrEqual(expectCards);
  expect(problems.overlaps, name).toEqual([]);
  expect(problems.edgesThroughCards, name).toEqual([]);
  expect(problems.labelsOverCards, name).toEqual([]);
  expect(problems.pillsAcrossStages, name).toEqual([]);
  expect(problems.hidden, name).toEqual([]);
  return problems;
}

/** A map of about 300 nodes: 20 stages of 12 cards joined along the path, channels and owners. */
async function seedBigMap(): Promise<{ id: string; editorKey: string }> {
  const map = await createMap(server.url, 'Generated journey');
  const seeder = await connectSynced(server.wsUrl, map.id, map.editorKey);
  const doc = seeder.doc;
  doc.transact(() => {
    const channels = Array.from({ length: 12 }, (_, i) =>
      addChannel(doc, {
        label: `Channel ${i + 1}`,
        medium: i % 2 ? 'web' : 'store',
        type: i % 2 ? 'digital' : 'physical',
        x: 16 + i * 40,
        y: 530,
      }),
    );
    for (let i = 0; i < 6; i++) addOwner(doc, { name: `Owner ${i + 1}`, role: 'Team', x: i * 60, y: -96 });
    let previous: string | null = null;
    for (let s = 0; s < 20; s++) {
      const stageId = addStage(doc, { label: `Stage ${s + 1}` });
      for (let i = 0; i < 12; i++) {
        const id = addTouchpoint(doc, { stageId, label: `Step ${s + 1}.${i + 1}`, x: 20, y: 100 + i * 40 });
        setTouchpointChannel(doc, id, channels[(s + i) % channels.length] ?? null);
        if (previous) connect(doc, { source: previous, target: id });
        previous = id;
      }
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  seeder.destroy();
  return map;
}

describe('a canvas where nothing covers anything', () => {
  it('adds eight cards to one stage from the toolbar: none overlaps another', async () => {
    const map = await createMap(server.url, 'Eight cards');
    const steps = await openMap(await pageIn('en'), map);
    await steps.addStage('Compare');
    for (let i = 1; i <= 8; i++) await steps.addTouchpoint(`Card ${i}`);
    await fitCanvas(steps.page);
    await steps.expectTouchpointCount(8);
    const problems = await expectTidy(steps.page, 'eight-cards', 8);
    expect(problems.cards).toBe(8);
    await expectShortcutHelp(steps.page, 'Keyboard shortcuts', 'Tidy up the whole map');
  });

  for (const lang of LANGS) {
    it(
      `opens every template and a 300-node map in ${lang} at 1280×800 and 1440×900 with nothing overlapping`,
      { timeout: 180_000 },
      async () => {
        const page = await pageIn(lang);
        const maps: Array<{ name: string; map: { id: string; editorKey: string } }> = [];
        for (const template of TEMPLATES.filter((t) => t.id !== 'blank')) {
          const map = await createMap(server.url, template.name[lang]);
          const seeder = await connectSynced(server.wsUrl, map.id, map.editorKey);
          applyTemplate(seeder.doc, template.id, lang);
          await new Promise((resolve) => setTimeout(resolve, 200));
          seeder.destroy();
          maps.push({ name: template.id, map });
        }
        maps.push({ name: 'generated-300', map: await seedBigMap() });
        for (const { name, map } of maps) {
          await openMap(page, map);
          await expect
            .poll(() => page.locator('[data-testid="touchpoint"]').count(), { timeout: 15_000 })
            .toBeGreaterThan(3);
          for (const size of SIZES) {
            await page.setViewportSize(size);
            await fitCanvas(page);
            await expectTidy(page, `${name}-${lang}-${size.width}`, 4);
          }
          if (name === 'purchase')
            await expectShortcutHelp(
              page,
              lang === 'it' ? 'Scorciatoie da tastiera' : 'Keyboard shortcuts',
              lang === 'it' ? 'Riordina tutta la mappa' : 'Tidy up the whole map',
            );
          if (name !== 'generated-300') {
            await tidy(page);
            for (const size of SIZES) {
              await page.setViewportSize(size);
              await fitCanvas(page);
              await expectTidy(page, `${name}-${lang}-${size.width}-tidied`, 4);
            }
          }
        }
      },
    );
  }

  it('tidies up a deliberately messy map in one undo step', async () => {
    const page = await pageIn('en');
    await page.setViewportSize(SIZES[0]);
    const map = await createMap(server.url, 'Messy journey');
    const seeder = await connectSynced(server.wsUrl, map.id, map.editorKey);
    applyTemplate(seeder.doc, 'purchase', 'en');
    // every card of a stage on one spot, every pill and owner card on another
    const moves = [...roots(seeder.doc).nodes.entries()].flatMap(([id, node]) => {
      const kind = node.get('kind');
      if (kind === 'touchpoint') return [{ id, x: 30, y: 140 }];
      if (kind === 'channel') return [{ id, x: 40, y: 530 }];
      if (kind === 'owner') return [{ id, x: 10, y: -96 }];
      return [];
    });
    moveNodes(seeder.doc, moves);
    await new Promise((resolve) => setTimeout(resolve, 200));
    seeder.destroy();
    await openMap(page, map);
    await expect.poll(() => page.locator('[data-testid="touchpoint"]').count(), { timeout: 15_000 }).toBeGreaterThan(3);
    await fitCanvas(page);
    await expectTidy(page, 'messy-before', 4);
    const rowsBefore = await cardTops(page);
    await tidy(page);
    await expectTidy(page, 'messy-tidied', 4);
    // the first card of every stage sits on one row
    const rows = await cardTops(page);
    expect(new Set(rows.map((row) => row[0])).size).toBe(1);
    expect(rows).not.toEqual(rowsBefore);
    // one undo puts every card back where it was
    await page.getByRole('button', { name: 'Undo (Ctrl+Z)' }).click();
    await fitCanvas(page);
    expect(await cardTops(page)).toEqual(rowsBefore);
  });

  it('draws a labelled edge between neighbouring stages with its label clear of both cards', async () => {
    const page = await pageIn('en');
    await page.setViewportSize(SIZES[0]);
    const map = await createMap(server.url, 'Labelled edge');
    const seeder = await connectSynced(server.wsUrl, map.id, map.editorKey);
    const doc = seeder.doc;
    // the demo map's last two stages (scripts/demo-map.ts): one card each, "a week later" between them
    const resolution = addStage(doc, { label: 'Resolution' });
    const followUp = addStage(doc, { label: 'Follow-up' });
    const chat = addChannel(doc, { label: 'Web chat', type: 'digital', medium: 'messaging', x: 20, y: 490 });
    const review = addChannel(doc, { label: 'Review site', type: 'digital', medium: 'review', x: 250, y: 490 });
    const t4 = addTouchpoint(doc, {
      stageId: resolution,
      label: 'Chats on the website to book the repair',
      channelId: chat,
      x: 30,
      y: 110,
    });
    const t5 = addTouchpoint(doc, { stageId: followUp, label: 'Leaves a review', channelId: review, x: 30, y: 110 });
    connect(doc, { source: t4, target: t5, label: 'a week later' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    seeder.destroy();
    await openMap(page, map);
    await page.locator('.edge-label', { hasText: 'a week later' }).waitFor();
    await fitCanvas(page);
    await expectTidy(page, 'labelled-edge', 2);
  });

  it('re-flows a stage when a card grows by a long note', async () => {
    const page = await pageIn('en');
    await page.setViewportSize(SIZES[0]);
    const map = await createMap(server.url, 'Growing card');
    const seeder = await connectSynced(server.wsUrl, map.id, map.editorKey);
    const stageId = addStage(seeder.doc, { label: 'Support' });
    const first = addTouchpoint(seeder.doc, { stageId, label: 'Calls support', x: 20, y: 100 });
    const second = addTouchpoint(seeder.doc, { stageId, label: 'Gets an answer', x: 20, y: 216 });
    connect(seeder.doc, { source: first, target: second });
    addTouchpoint(seeder.doc, { stageId, label: 'Writes a review', x: 20, y: 332 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    seeder.destroy();
    const steps = await openMap(page, map);
    await steps.touchpoint('Calls support').click({ position: { x: 40, y: 10 } });
    await page.locator('.notes-content').click();
    await page.keyboard.type(
      'Waited twenty minutes on hold, was transferred twice and had to repeat the order number each time. ',
    );
    await page.keyboard.press('Escape');
    await fitCanvas(page);
    await expectTidy(page, 'grown-card', 3);
  });
});
