// CSV import: a `;`-separated file with decimal commas and one bad row → the mapping is prefilled,
// the preview shows the row's problem, and applying writes only the valid values (source 'csv').
import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { readMetric } from '../../src/model';
import { useCsvImport } from '../../src/panels/csv/csvImportStore';
import { useUi } from '../../src/state/uiStore';
import { renderMap } from './renderMap';
import { resetUi, supportJourney } from './metricsFixture';

beforeEach(() => {
  resetUi();
  useCsvImport.getState().close();
});

const CSV = [
  'Touchpoint;CSAT;Abbandono;Data',
  'Calls the contact centre;3,2;45%;31/03/2024',
  'Unknown thing;4;10;31/03/2024',
  'Sends photos on WhatsApp;4,1;12;31/03/2024',
  '',
].join('\r\n');

const csvFile = (text: string, name = 'march.csv') => new File([text], name, { type: 'text/csv' });

/** Picks the file and waits until it is read (the dialog then shows the mapping or a problem). */
async function openDialog(file: File) {
  fireEvent.change(screen.getByTestId('csv-input'), { target: { files: [file] } });
  await waitFor(() => expect(screen.getByTestId('csv-dialog').querySelector('[aria-busy]')).toBeNull());
  return within(screen.getByTestId('csv-dialog'));
}

describe('CSV import', () => {
  it('previews a ;/decimal-comma file with its bad row and applies only the valid rows', async () => {
    const view = renderMap({ doc: supportJourney() });
    const dialog = await openDialog(csvFile(CSV));
    expect(dialog.getByTestId('csv-preview')).toBeInTheDocument();
    // prefilled by suggestCsvMapping: node column by label, CSAT and drop-off (Italian header), the date
    expect(dialog.getByLabelText('Node column')).toHaveDisplayValue('Touchpoint');
    expect(dialog.getByLabelText('Find nodes by')).toHaveValue('label');
    expect(dialog.getByLabelText('Metric in CSAT')).toHaveValue('csat');
    expect(dialog.getByLabelText('Metric in Abbandono')).toHaveValue('dropoff');
    expect(dialog.getByLabelText('Date column')).toHaveDisplayValue('Data');
    expect(dialog.getByLabelText('Decimal mark')).toHaveValue('comma');

    expect(dialog.getByText('4 values from 2 rows ready')).toBeInTheDocument();
    const errors = within(dialog.getByTestId('csv-errors'));
    expect(errors.getAllByRole('listitem')).toHaveLength(1);
    expect(errors.getByText('Row 3')).toBeInTheDocument();
    expect(errors.getByText('no touchpoint, channel or stage is called “Unknown thing”')).toBeInTheDocument();

    fireEvent.click(dialog.getByRole('button', { name: 'Import 4 values' }));
    expect(await dialog.findByText('4 values imported')).toBeInTheDocument();
    expect(readMetric(view.doc, 'call', 'csat')).toMatchObject({
      value: 3.2,
      source: 'csv',
      updatedAt: '2024-03-31T00:00:00.000Z',
    });
    expect(readMetric(view.doc, 'call', 'dropoff')).toMatchObject({ value: 45, source: 'csv' });
    expect(readMetric(view.doc, 'photos', 'csat')).toMatchObject({ value: 4.1, source: 'csv' });
    expect(readMetric(view.doc, 'photos', 'dropoff')?.value).toBe(12);
    expect(readMetric(view.doc, 'mail', 'csat')?.value).toBe(4.5); // untouched

    fireEvent.click(dialog.getByRole('button', { name: 'Colour the map by CSAT' }));
    expect(useUi.getState().colorBy).toBe('csat');
    expect(screen.queryByTestId('csv-dialog')).toBeNull();
  });

  it('re-plans when the mapping changes: an out-of-range column, then ignoring it', async () => {
    renderMap({ doc: supportJourney() });
    const dialog = await openDialog(
      csvFile(['Node;Score', 'Calls the contact centre;45', 'Writes an e-mail;4,5'].join('\n')),
    );
    fireEvent.change(dialog.getByLabelText('Metric in Score'), { target: { value: 'csat' } });
    expect(dialog.getByText('Row 2')).toBeInTheDocument();
    expect(dialog.getByText('Score: 45 is outside 1…5')).toBeInTheDocument();
    expect(dialog.getByText('1 values from 1 rows ready')).toBeInTheDocument();
    fireEvent.change(dialog.getByLabelText('Metric in Score'), { target: { value: '' } });
    expect(dialog.getByText('Pick at least one column that holds a metric.')).toBeInTheDocument();
    expect(dialog.getByRole('button', { name: 'Import 0 values' })).toBeDisabled();
  });

  it('opens from a file dropped on the map, and explains a file that is not a CSV', async () => {
    const view = renderMap({ doc: supportJourney() });
    const canvas = view.container.querySelector('.canvas') as HTMLElement;
    fireEvent.drop(canvas, {
      dataTransfer: { files: [new File(['%PDF'], 'report.pdf', { type: 'application/pdf' })], types: ['Files'] },
    });
    const dialog = within(await screen.findByTestId('csv-dialog'));
    expect(dialog.getByRole('alert')).toHaveTextContent('report.pdf is not a CSV file.');
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.queryByTestId('csv-dialog')).toBeNull();
    fireEvent.drop(canvas, { dataTransfer: { files: [csvFile('Node,CSAT\n', 'empty.csv')], types: ['Files'] } });
    await waitFor(() =>
      expect(screen.getByTestId('csv-dialog')).toHaveTextContent('The file has a header but no data rows.'),
    );
  });

  it('offers no import to a viewer', () => {
    renderMap({ doc: supportJourney(), readOnly: true });
    expect(screen.queryByTestId('csv-input')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Import CSV' })).toBeNull();
  });
});

describe('CSV import: names written differently (issue #15)', () => {
  const SHEET = [
    'Touchpoint;Volume contatti/mese;CSAT',
    'Calls the contact center;800;3,1', // "centre" on the map: the same words
    'Photos via WA;40;4', // "Sends photos on WhatsApp": too far, one pick needed
    'Unknown thing;1;1',
  ].join('\r\n');

  it('shows similar matches with their score, takes one pick, and remembers it for the next file', async () => {
    localStorage.clear();
    renderMap({ doc: supportJourney() });
    let dialog = await openDialog(csvFile(SHEET));
    expect(dialog.getByLabelText('Metric in Volume contatti/mese')).toHaveValue('volume');
    const names = within(dialog.getByRole('region', { name: 'Names not found as written' }));
    expect(names.getByText('similar, 100 %')).toBeInTheDocument();
    expect(names.getByLabelText('Card for “Calls the contact center”')).toHaveValue('call');
    const photos = names.getByLabelText('Card for “Photos via WA”');
    expect(photos).toHaveValue('');
    expect(names.getAllByText('no match: choose')).toHaveLength(2);
    expect(dialog.getByText('2 values from 1 rows ready')).toBeInTheDocument();

    fireEvent.change(photos, { target: { value: 'photos' } });
    expect(dialog.getByText('4 values from 2 rows ready')).toBeInTheDocument();
    expect(names.getByText('your choice')).toBeInTheDocument();

    // the same sheet again: the pick is remembered for this map and column
    fireEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    useCsvImport.getState().close();
    dialog = await openDialog(csvFile(SHEET, 'april.csv'));
    expect(dialog.getByText('4 values from 2 rows ready')).toBeInTheDocument();
  });

  it('says when it takes another column than the one whose header names the cards', async () => {
    renderMap({ doc: supportJourney() });
    const dialog = await openDialog(csvFile('Touchpoint,Canale,CSAT\nfoo,WhatsApp,3\nbar,E-mail,4\n'));
    expect(dialog.getByRole('status')).toHaveTextContent(
      'The column “Touchpoint” names no card of this map, so “Canale” is used instead.',
    );
    fireEvent.click(dialog.getByRole('button', { name: 'Use “Touchpoint” anyway' }));
    expect(dialog.getByLabelText('Node column')).toHaveDisplayValue('Touchpoint');
  });
});

describe('CSV import remembers the last mapping of the map', () => {
  it('opens the next file of the same sheet mapped as the last one applied', async () => {
    localStorage.clear();
    renderMap({ doc: supportJourney() });
    let dialog = await openDialog(csvFile(CSV));
    fireEvent.change(dialog.getByLabelText('Metric in Abbandono'), { target: { value: '' } }); // not this time
    fireEvent.change(dialog.getByLabelText('Date column'), { target: { value: '' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Import 2 values' }));
    await dialog.findByText('2 values imported');
    fireEvent.click(dialog.getByRole('button', { name: 'Done' }));
    useCsvImport.getState().close();

    // April's file has its columns in another order: the choices follow the headers
    const april = ['Data;Abbandono;Touchpoint;CSAT', '30/04/2024;40;Calls the contact centre;3,5', ''].join('\r\n');
    dialog = await openDialog(csvFile(april, 'april.csv'));
    expect(dialog.getByLabelText('Node column')).toHaveDisplayValue('Touchpoint');
    expect(dialog.getByLabelText('Metric in CSAT')).toHaveValue('csat');
    expect(dialog.getByLabelText('Metric in Abbandono')).toHaveValue('');
    expect(dialog.getByLabelText('Date column')).toHaveDisplayValue('None (today)');
  });
});
