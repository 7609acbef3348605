// The journey canvas as the map page shows it: with the CSV import wired in (a file dropped on the
// map and the metrics bar's button both open it). The canvas itself knows nothing of the CSV panel.
import { useMemo } from 'react';
import { JourneyCanvas } from '../canvas/JourneyCanvas';
import type { FileDropTarget } from '../canvas/useFileDrop';
import { CsvImportButton } from '../panels/csv/CsvImportButton';
import { useCsvImport } from '../panels/csv/csvImportStore';
import { useT } from '../i18n';

const openCsv = (file: File) => useCsvImport.getState().openFile(file);
/** One element for every render, so the memoised metrics bar is not drawn again for nothing. */
const CSV_BUTTON = <CsvImportButton />;

export function MapCanvas({ synced, localReady }: { synced: boolean; localReady?: boolean }) {
  const t = useT();
  const fileDrop = useMemo<FileDropTarget>(() => ({ onFile: openCsv, hint: t('csv.dropHint') }), [t]);
  return <JourneyCanvas synced={synced} localReady={localReady} fileDrop={fileDrop} metricsActions={CSV_BUTTON} />;
}
