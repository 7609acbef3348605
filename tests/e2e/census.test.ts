// Issue #15: the channel census in the browser. The omnichannel support template carries two personas
// with needs and channel preferences; the census tab's needs × channels matrix, seen by Marco, flags
// the need he can meet only through a channel he avoids, fits its panel in both languages at 1280×800
// and 1440×900, and a finding shows its channel on the map. Screenshots go to /tmp/shots-census.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appUnderTest } from './appUnderTest';
import { openSupportMap } from './supportMap';

const SHOTS = '/tmp/shots-census';
const app = appUnderTest();

const WORDS = {
  en: {
    census: 'Census',
    seenBy: 'Seen by',
    marco: 'Marco, wants a person',
    avoidedOnly: 'only avoided channels',
    followUp: 'Follow up at any time',
    single: 'Only WhatsApp serves “Follow up at any time”',
  },
  it: {
    census: 'Censimento',
    seenBy: 'Visto da',
    marco: 'Marco, vuole una persona',
    avoidedOnly: 'solo canali evitati',
    followUp: 'Proseguire in qualsiasi momento',
    single: 'Solo WhatsApp serve «Proseguire in qualsiasi momento»',
  },
} as const;

/** Parts of the census panel wider than they show (clipped or scrolled sideways), and the panel's own box. */
async function clippedParts(page: Page): Promise<string[]> {
  return page.getByTestId('census-panel').evaluate((panel) => {
    const box = panel.getBoundingClientRect();
    const out: string[] = [];
    for (const el of panel.querySelectorAll<HTMLElement>('table, .insight-table-wrap, th, td, li, p, select')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.right > box.right + 1 || r.left < box.left - 1)
        out.push(`${el.tagName} outside: ${el.textContent?.slice(0, 40)}`);
      if (el.scrollWidth > el.clientWidth + 1 && el.tagName !== 'TH')
        out.push(`${el.tagName} scrolls: ${el.textContent?.slice(0, 40)}`);
      if (el.classList.contains('insight-table-wrap') && el.scrollHeight > el.clientHeight + 1)
        out.push(`the matrix is cut: ${el.clientHeight} of ${el.scrollHeight} px shown`);
    }
    return out;
  });
}

describe('the census tab on the omnichannel support template', () => {
  for (const [lang, viewport] of [
    ['it', { width: 1280, height: 800 }],
    ['en', { width: 1440, height: 900 }],
  ] as const) {
    it(`flags a need met only through an avoided channel, fits its panel, shows a finding (${lang}, ${viewport.width}×${viewport.height})`, async () => {
      fs.mkdirSync(SHOTS, { recursive: true });
      const w = WORDS[lang];
      const page = await openSupportMap(app, lang, viewport);
      await page.getByRole('navigation').getByRole('button', { name: w.census, exact: true }).click();
      const panel = page.getByTestId('census-panel');
      await panel.getByLabel(w.seenBy).selectOption({ label: w.marco });
      const matrix = panel.getByTestId('needs-matrix');
      const row = matrix.locator('tbody tr', { hasText: w.followUp });
      await expect.poll(() => row.getAttribute('data-status')).toBe('avoidedOnly');
      expect(await row.locator('.coverage').textContent()).toContain(w.avoidedOnly);
      expect(await matrix.locator('tbody tr').count()).toBe(4); // Marco's four needs
      expect(await clippedParts(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/census-${lang}-${viewport.width}.png` });

      // the same for the other viewport, so both languages are looked at in both sizes
      const other = viewport.width === 1280 ? { width: 1440, height: 900 } : { width: 1280, height: 800 };
      await page.setViewportSize(other);
      expect(await clippedParts(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/census-${lang}-${other.width}.png` });
      await page.setViewportSize(viewport);

      // a finding shows its channel and touchpoint on the map, selected and in view
      await panel.getByRole('button', { name: w.single }).click();
      const selected = page.locator('.react-flow__node.selected');
      await expect.poll(() => selected.count()).toBe(2);
      const pane = (await page.locator('.react-flow').boundingBox())!;
      for (const box of await selected.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON()))) {
        const b = box as { left: number; right: number; top: number; bottom: number };
        expect(b.left).toBeGreaterThanOrEqual(pane.x - 1);
        expect(b.right).toBeLessThanOrEqual(pane.x + pane.width + 1);
        expect(b.top).toBeGreaterThanOrEqual(pane.y - 1);
        expect(b.bottom).toBeLessThanOrEqual(pane.y + pane.height + 1);
      }
      await page.context().close();
    });
  }
});
