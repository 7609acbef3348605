// Issue #15: an Italian spreadsheet export — semicolons, decimal commas, a BOM, names that differ from
// the map's in case, accents and wording — onto the omnichannel template in Italian. Every good row
// is applied after one manual pick, the bad row is reported, and the dialog fits the window.
// Screenshots (1280×800 and 1440×900) go to /tmp/shots-csv.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appUnderTest } from './appUnderTest';
import { openSupportMap } from './supportMap';

const SHOTS = '/tmp/shots-csv';
const app = appUnderTest();

const SHEET = [
  '\uFEFFPunto di contatto;Volume contatti/mese;Soddisfazione;Data',
  "scrive una email all'assistenza;1.250;3,4;31/03/2024", // "Scrive una e-mail all’assistenza"
  'Telefona al servizio clienti;800;2,9;31/03/2024', // "… citando la e-mail": similar
  'Prosegue su Whatsapp;410;2,6;31/03/2024', // the same, but for case
  'Chat sul sito;600;4,5;31/03/2024', // the touchpoint "Chatta sul sito", not the channel "Chat sul sito"
  'Recensione;150;;31/03/2024', // too far from "Lascia una recensione …": the one pick
  'Prosegue su WhatsApp;99;4;99/99/2024', // the bad row: no such date
  '',
].join('\r\n');

/** The dialog inside the window, and nothing in it wider than it. */
async function expectDialogFits(page: Page): Promise<void> {
  const dialog = page.getByTestId('csv-dialog');
  const box = (await dialog.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  const overflow = await dialog.evaluate(
    (el) =>
      [...el.querySelectorAll<HTMLElement>('table, select, .csv-mapping')].filter(
        (part) => part.scrollWidth > part.clientWidth + 1,
      ).length,
  );
  expect(overflow).toBe(0);
}

describe('an Italian spreadsheet onto the Italian omnichannel map', () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1440, height: 900 },
  ]) {
    it(`applies every good row after one pick, and reports the bad one (${viewport.width}×${viewport.height})`, async () => {
      fs.mkdirSync(SHOTS, { recursive: true });
      const page = await openSupportMap(app, 'it', viewport, 'Giulia');
      await page.getByTestId('csv-input').setInputFiles({
        name: 'contatti-marzo.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(SHEET, 'utf8'),
      });
      const dialog = page.getByTestId('csv-dialog');
      await dialog.getByLabel('Metrica in Volume contatti/mese').waitFor();
      expect(await dialog.getByLabel('Metrica in Volume contatti/mese').inputValue()).toBe('volume');
      expect(await dialog.getByLabel('Metrica in Soddisfazione').inputValue()).toBe('csat');

      const names = dialog.getByRole('region', { name: 'Nomi non trovati così come sono scritti' });
      await expect.poll(() => names.locator('tr.is-none').count()).toBe(1); // only "Recensione" needs a person
      expect(await names.getByLabel('Scheda per “Chat sul sito”').locator('option:checked').textContent()).toContain(
        'Chatta sul sito',
      );
      await expectDialogFits(page);
      await page.screenshot({ path: `${SHOTS}/import-${viewport.width}-before-pick.png` });

      const recensione = names.getByLabel('Scheda per “Recensione”');
      const review = await recensione
        .locator('option', { hasText: 'Lascia una recensione' })
        .first()
        .getAttribute('value');
      await recensione.selectOption(review!);
      await dialog.getByText('9 valori da 5 righe pronti').waitFor();
      expect(await dialog.getByTestId('csv-errors').textContent()).toContain('99/99/2024');
      await page.screenshot({ path: `${SHOTS}/import-${viewport.width}-after-pick.png` });
      await expectDialogFits(page);

      await dialog.getByRole('button', { name: 'Importa 9 valori' }).click();
      await dialog.getByText('9 valori importati').waitFor();
    });
  }
});
