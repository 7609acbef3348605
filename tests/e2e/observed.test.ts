// Observed journeys in the real browser against the real server: a contact log (semicolons, its own
// column names, a bad row, an unknown activity) imported through the column mapping; the overlay
// switched on draws the steps with widths by customers, the e-mail straight to a review site as a
// dashed step the map does not design, the repeated call as an arc; a variant is highlighted; one
// customer's timeline opens; and an event posted meanwhile reaches the open overlay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/helpers/testServer';
import { DIST, launchChromium } from './browser';
import { Steps } from './steps';
import { chooseExport, createFromTemplate, downloadOf, pdfText } from './export-helpers';

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startTestServer({ distDir: DIST });
});
afterAll(async () => {
  await browser?.close();
});

const EMAIL = 'Writes an e-mail to support';
const CALL = 'Calls the contact centre about the e-mail';
const WHATSAPP = 'Continues on WhatsApp';
const REVIEW = 'Leaves a review on a review site';

/**
 * c1–c4: e-mail → call → WhatsApp; c5–c6 call twice; c7–c9 go from the e-mail straight to a review;
 * c10 stops after the call. Line 14 has no customer; c11's tweet matches no touchpoint.
 */
function contactLog(): string {
  const rows: string[] = ['Client ID;When;What happened;Channel;segment'];
  const at = (c: number, step: number) => new Date(Date.UTC(2026, 2, 1, 9 + step, c)).toISOString();
  const path = (c: number, steps: string[]) =>
    steps.forEach((step, i) => rows.push(`c${c};${at(c, i)};${step};;${c % 2 ? 'private' : 'business'}`));
  for (const c of [1, 2, 3, 4]) path(c, [EMAIL, CALL, WHATSAPP]);
  for (const c of [5, 6]) path(c, [EMAIL, CALL, CALL, WHATSAPP]);
  rows.splice(13, 0, `;${at(0, 0)};${EMAIL};;private`); // line 14: no customer
  for (const c of [7, 8, 9]) path(c, [EMAIL, REVIEW]);
  path(10, [EMAIL, CALL]);
  rows.push(`c11;${at(11, 0)};Tweets at the brand;;private`);
  return rows.join('\r\n') + '\r\n';
}

/** Waits until the canvas's viewport transform stops changing (an animated fit has ended). */
async function viewportSettled(page: Page) {
  const transform = () =>
    page.evaluate(() => getComputedStyle(document.querySelector('.react-flow__viewport')!).transform);
  let last = await transform();
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(100);
    const now = await transform();
    if (now === last) return;
    last = now;
  }
}

/** Touchpoint label → node id, read from the canvas. */
function touchpointIds(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const ids: Record<string, string> = {};
    for (const card of document.querySelectorAll<HTMLElement>('[data-testid="touchpoint"]')) {
      const label = card.querySelector('.touchpoint-label')?.textContent?.trim() ?? '';
      const id = card.closest<HTMLElement>('.react-flow__node')?.dataset.id;
      if (id) ids[label] = id;
    }
    return ids;
  });
}

interface DrawnStep {
  source: string;
  target: string;
  designed: string;
  back: string;
  cases: number;
  width: number;
  stroke: string;
  dash: string;
  highlighted: boolean;
  opacity: number;
  box: { left: number; right: number; top: number; bottom: number };
}

function drawnSteps(page: Page): Promise<DrawnStep[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<SVGPathElement>('[data-testid="observed-edge"]')].map((path) => {
      const style = getComputedStyle(path);
      const group = path.parentElement!;
      const rect = path.getBoundingClientRect();
      return {
        source: path.dataset.source ?? '',
        target: path.dataset.target ?? '',
        designed: path.dataset.designed ?? '',
        back: path.dataset.back ?? '',
        cases: Number(path.dataset.cases),
        width: parseFloat(style.strokeWidth),
        stroke: style.stroke,
        dash: style.strokeDasharray,
        highlighted: group.classList.contains('is-highlighted'),
        opacity: Number(getComputedStyle(group).opacity),
        box: { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom },
      };
    }),
  );
}

async function cardBox(page: Page, label: string) {
  const box = await page.locator('[data-testid="touchpoint"]', { hasText: label }).boundingBox();
  if (!box) throw new Error(`no card ${label}`);
  return box;
}

describe('observed journeys', () => {
  it('imports a contact log, draws the observed steps over the map, highlights a variant and opens a timeline', async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 900 } });
    const steps = new Steps(await context.newPage(), server.url);
    const page = steps.page;
    const mapId = await createFromTemplate(steps, 'Observed support', 'Omnichannel support');
    const key = await steps.storedKey(mapId);

    // the Observed tab: import the log through the column mapping
    await page.locator('.sidebar-rail').getByRole('button', { name: 'Observed' }).click();
    const panel = page.getByTestId('observed-panel');
    await panel.getByText('No contacts imported yet', { exact: false }).waitFor();
    await panel
      .getByTestId('contact-log-input')
      .setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + contactLog()) });
    const dialog = page.getByTestId('contact-log-dialog');
    await dialog.getByTestId('contact-log-preview').waitFor();
    const send = dialog.getByRole('button', { name: 'Import', exact: true });
    expect(await send.isDisabled()).toBe(true); // customer and touchpoint columns are not guessed from these names
    await dialog.getByTestId('log-column-customer').selectOption({ label: 'Client ID' });
    await dialog.getByTestId('log-column-touchpoint').selectOption({ label: 'What happened' });
    expect(await dialog.getByTestId('log-column-at').inputValue()).toBe('1'); // "When" was guessed
    expect(await dialog.getByTestId('contact-log-preview').textContent()).toContain(`✓ ${EMAIL}`);
    if (process.env.OBSERVED_SHOTS)
      await page.screenshot({ path: path.join(process.env.OBSERVED_SHOTS, 'import-mapping.png') });
    expect(await dialog.getByText('Kept as attributes: segment').count()).toBe(1);
    await send.click();
    const result = dialog.getByTestId('contact-log-result');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.getByRole('status').textContent()).toContain('29 contacts imported');
    expect(await result.textContent()).toContain('1 rejected');
    expect(await result.textContent()).toContain('1 with no touchpoint yet');
    const errorRows = await dialog
      .getByTestId('contact-log-errors')
      .locator('tbody tr td:first-child')
      .allTextContents();
    expect(errorRows).toEqual(['14']);
    if (process.env.OBSERVED_SHOTS)
      await page.screenshot({ path: path.join(process.env.OBSERVED_SHOTS, 'import-result.png') });
    await dialog.getByRole('button', { name: 'Done' }).click();
    await panel.getByTestId('observed-unmapped-activity').filter({ hasText: 'Tweets at the brand' }).waitFor();

    // the overlay, from the toolbar
    await page.getByRole('toolbar').getByTestId('observed-toggle').click();
    await page.getByTestId('observed-legend').waitFor();
    await page.getByRole('button', { name: 'Fit', exact: true }).click(); // every card in view (and so mounted)
    await expect.poll(() => page.locator('[data-testid="touchpoint"]').count()).toBe(5);
    await viewportSettled(page); // the fit animates: measure once it stands still
    const ids = await touchpointIds(page);
    await expect.poll(async () => (await drawnSteps(page)).length, { timeout: 10_000 }).toBe(4);
    if (process.env.OBSERVED_SHOTS)
      await page.screenshot({ path: path.join(process.env.OBSERVED_SHOTS, 'overlay-on.png') });
    const drawn = await drawnSteps(page);
    const step = (a: string, b: string) => {
      const found = drawn.find((d) => d.source === ids[a] && d.target === ids[b]);
      if (!found) throw new Error(`no step ${a} → ${b}`);
      return found;
    };
    const emailCall = step(EMAIL, CALL);
    const callWhatsapp = step(CALL, WHATSAPP);
    const repeat = step(CALL, CALL);
    const detour = step(EMAIL, REVIEW);
    expect([emailCall.cases, callWhatsapp.cases, detour.cases, repeat.cases]).toEqual([7, 6, 3, 2]);
    // widths follow customers: the busiest step is the widest, the repeat (2 customers) the thinnest
    expect(emailCall.width).toBe(14);
    expect(callWhatsapp.width).toBeLessThan(emailCall.width);
    expect(detour.width).toBeLessThan(callWhatsapp.width);
    expect(repeat.width).toBeLessThan(detour.width);
    expect(repeat.width).toBe(4); // 2 + 12 × (2 − 1) / (7 − 1): one customer would get the thinnest, 2 px
    // designed steps are solid; the e-mail straight to a review site is dashed in another colour
    expect([emailCall.designed, callWhatsapp.designed, detour.designed, repeat.designed]).toEqual([
      'true',
      'true',
      'false',
      'false',
    ]);
    expect(emailCall.dash).toBe('none');
    expect(detour.dash).not.toBe('none');
    expect(detour.stroke).not.toBe(emailCall.stroke);
    expect(repeat.back).toBe('true');
    // drawn where the cards are: a step to the next card spans from one card to the other, the repeat loops under its card
    const email = await cardBox(page, EMAIL);
    const call = await cardBox(page, CALL);
    expect(emailCall.box.left).toBeGreaterThanOrEqual(email.x + email.width - 12);
    expect(emailCall.box.right).toBeLessThanOrEqual(call.x + 12);
    expect(repeat.box.top).toBeGreaterThanOrEqual(call.y + call.height - 4);
    expect(repeat.box.left).toBeGreaterThanOrEqual(call.x);
    expect(repeat.box.right).toBeLessThanOrEqual(call.x + call.width);
    // the designed steps nobody takes are greyed (WhatsApp → web chat → review)
    const unused = await page.getByTestId('observed-unused-styles').textContent();
    expect((unused?.match(/\.react-flow__edge\[data-id=/g) ?? []).length).toBe(2);
    // each card: its customers, and drop-out before the last stage
    const callFigures = page.locator(`[data-testid="observed-card"][data-id="${ids[CALL]}"]`);
    expect(await callFigures.textContent()).toBe('7 customers1 drop out');
    const figuresBox = await callFigures.locator('.observed-chip').first().boundingBox();
    expect(figuresBox!.y + figuresBox!.height).toBeLessThanOrEqual(call.y + 1); // above the card, not over its text
    expect(await page.locator(`[data-testid="observed-card"][data-id="${ids[REVIEW]}"]`).textContent()).toBe(
      '3 customers',
    );

    // a variant: its steps stay lit, the others fade
    const variants = panel.getByTestId('observed-variant');
    expect(await variants.first().textContent()).toContain(`${EMAIL} → ${CALL} → ${WHATSAPP}`);
    expect(await variants.first().textContent()).toContain('4 customers');
    await variants.first().click();
    await expect.poll(async () => (await drawnSteps(page)).filter((d) => d.highlighted).length).toBe(2);
    const lit = await drawnSteps(page);
    expect(
      lit
        .filter((d) => d.highlighted)
        .map((d) => `${d.source}>${d.target}`)
        .sort(),
    ).toEqual([`${ids[EMAIL]}>${ids[CALL]}`, `${ids[CALL]}>${ids[WHATSAPP]}`].sort());
    for (const d of lit) expect(d.opacity).toBe(d.highlighted ? 1 : 0.15);

    // one customer's timeline
    await panel.getByTestId('observed-customer-input').fill('c5');
    await panel.getByTestId('observed-customer-input').press('Enter');
    const timeline = panel.getByTestId('observed-timeline');
    await expect.poll(() => timeline.getByTestId('observed-timeline-event').count(), { timeout: 10_000 }).toBe(4);
    const events = await timeline.locator('.observed-event-what').allTextContents();
    expect(events).toEqual([EMAIL, CALL, CALL, WHATSAPP]);
    expect(await timeline.textContent()).toContain('segment: private');

    // filters: one segment
    const totals = panel.getByTestId('observed-totals');
    expect(await totals.textContent()).toBe('11 customers · 29 contacts');
    // the log's attribute names and values are offered as choices (GET …/events/attributes)
    await panel.getByLabel('Attribute').selectOption('segment');
    await panel.getByLabel('Value').selectOption('business');
    await panel.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(() => totals.textContent(), { timeout: 10_000 }).toBe('5 customers · 14 contacts');
    await expect.poll(async () => step2(await drawnSteps(page), ids[EMAIL]!, ids[CALL]!)?.cases).toBe(4); // c2, c4, c6, c10
    await panel.getByRole('button', { name: 'Remove the filter on segment' }).click();
    await expect.poll(() => totals.textContent(), { timeout: 10_000 }).toBe('11 customers · 29 contacts');

    // the unknown activity mapped to a touchpoint: it joins the flows, the list empties
    const tweet = panel.getByTestId('observed-unmapped-activity').filter({ hasText: 'Tweets at the brand' });
    await tweet.getByRole('combobox').selectOption({ label: REVIEW });
    await tweet.getByRole('button', { name: 'Map', exact: true }).click();
    await panel.getByText('Every activity of the log matches a touchpoint.').waitFor({ timeout: 10_000 });
    await expect
      .poll(() => page.locator(`[data-testid="observed-card"][data-id="${ids[REVIEW]}"]`).textContent())
      .toBe('4 customers');

    if (process.env.OBSERVED_SHOTS) await screenshots(page, process.env.OBSERVED_SHOTS);

    // new events reach the open overlay without a reload (the server's "flows changed" frame)
    const posted = await fetch(`${server.url}/api/maps/${mapId}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        { customer: 'c12', at: '2026-03-02T09:00:00Z', touchpoint: EMAIL },
        { customer: 'c12', at: '2026-03-02T10:00:00Z', touchpoint: REVIEW },
      ]),
    });
    expect(posted.status).toBe(200);
    await expect
      .poll(async () => step2(await drawnSteps(page), ids[EMAIL]!, ids[REVIEW]!)?.cases, { timeout: 5_000 })
      .toBe(4);

    // a viewer switches the overlay on too (and cannot import)
    const rotated = await fetch(`${server.url}/api/maps/${mapId}/keys/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'viewer' }),
    });
    const { viewerKey } = (await rotated.json()) as { viewerKey: string };
    const viewerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const viewer = new Steps(await viewerContext.newPage(), server.url);
    await viewer.openShareLink(mapId, viewerKey);
    await viewer.page.getByRole('toolbar', { name: 'Map tools' }).getByTestId('observed-toggle').click();
    await expect.poll(async () => (await drawnSteps(viewer.page)).length, { timeout: 10_000 }).toBeGreaterThan(0);
    await viewer.page.locator('.sidebar-rail').getByRole('button', { name: 'Observed' }).click();
    await viewer.page.getByTestId('observed-panel').getByTestId('observed-variants').waitFor();
    expect(await viewer.page.getByTestId('contact-log-button').count()).toBe(0);
    await viewerContext.close();

    // the PDF of the map with the overlay on carries the overlay's legend
    const exported = async (format: RegExp) => {
      const file = await downloadOf(page, async () => {
        await chooseExport(page, format);
        await page.getByTestId('export-dialog').getByRole('button', { name: 'Export', exact: true }).click();
      });
      await page.getByTestId('export-dialog').waitFor({ state: 'detached' });
      return file;
    };
    const pdf = (await pdfText((await exported(/PDF/)).bytes)).join(' ');
    expect(pdf).toContain('Observed journeys');
    expect(pdf).toContain('12 customers');
    expect(pdf).toContain('step the map does not design');
    const png = await exported(/PNG/);
    if (process.env.OBSERVED_SHOTS) fs.writeFileSync(path.join(process.env.OBSERVED_SHOTS, 'export.png'), png.bytes);
    await context.close();
  });
});

const step2 = (drawn: DrawnStep[], source: string, target: string) =>
  drawn.find((d) => d.source === source && d.target === target);

/** Screenshots for people to look at (OBSERVED_SHOTS=dir): 1280×800 and 1440×900, English and Italian. */
async function screenshots(page: Page, dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  for (const language of ['en', 'it'] as const) {
    await page
      .locator('select.language-switch')
      .selectOption(language)
      .catch(() => undefined);
    for (const [width, height] of [
      [1280, 800],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.keyboard.press('Escape');
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(dir, `observed-${language}-${width}x${height}.png`) });
      await page.getByTestId('observed-timeline').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(dir, `observed-timeline-${language}-${width}x${height}.png`) });
    }
    await page.locator('.sidebar-rail button').nth(1).click(); // the insight tab: measured switches beside the friction
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(dir, `insight-${language}.png`) });
    await page.locator('.sidebar-rail button').nth(2).click(); // back to the Observed tab
  }
  await page
    .locator('select.language-switch')
    .selectOption('en')
    .catch(() => undefined);
  await page.setViewportSize({ width: 1440, height: 900 });
}
