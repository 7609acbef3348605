// The CSV file on its way into the import dialog (UI state, never in the doc): dropped on the canvas
// or picked with the button, read as text, then mapped and previewed by CsvImportDialog.
import { create } from 'zustand';

/** Larger files are refused before reading: a metrics sheet is far smaller. */
export const CSV_MAX_BYTES = 20 * 1024 * 1024;

export interface CsvFile {
  name: string;
  text: string;
}

type Status = 'idle' | 'reading' | 'ready' | 'error';

interface CsvImportState {
  status: Status;
  file: CsvFile | null;
  /** The file name with a refusal: 'not-csv' | 'too-large' | 'unreadable'. */
  problem: { name: string; reason: 'not-csv' | 'too-large' | 'unreadable' } | null;
  openFile: (file: File) => void;
  close: () => void;
}

const CSV_TYPES = new Set([
  'text/csv',
  'text/plain',
  'text/tab-separated-values',
  'application/vnd.ms-excel',
  'application/csv',
]);

/** A spreadsheet export: by extension, or by type when the name has none we know. */
export function isCsvFile(file: { name: string; type: string }): boolean {
  if (/\.(csv|tsv|txt)$/i.test(file.name)) return true;
  return !/\.[a-z0-9]+$/i.test(file.name) && CSV_TYPES.has(file.type);
}

let reading = 0; // the newest read wins when files arrive quickly one after another

export const useCsvImport = create<CsvImportState>((set) => ({
  status: 'idle',
  file: null,
  problem: null,
  openFile: (file) => {
    const ticket = ++reading;
    if (!isCsvFile(file)) return set({ status: 'error', file: null, problem: { name: file.name, reason: 'not-csv' } });
    if (file.size > CSV_MAX_BYTES)
      return set({ status: 'error', file: null, problem: { name: file.name, reason: 'too-large' } });
    set({ status: 'reading', file: null, problem: null });
    file.text().then(
      (text) => ticket === reading && set({ status: 'ready', file: { name: file.name, text } }),
      () => ticket === reading && set({ status: 'error', problem: { name: file.name, reason: 'unreadable' } }),
    );
  },
  close: () => {
    reading++;
    set({ status: 'idle', file: null, problem: null });
  },
}));
