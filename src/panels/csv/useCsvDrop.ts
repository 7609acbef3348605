// Dropping a CSV file on the canvas opens the import dialog. A drop on a card is the card's (it
// attaches the file as media and marks the event handled), so only drops on the map itself import.
import { useCallback, useMemo, useState, type DragEvent } from 'react';
import { useT } from '../../i18n';
import { useCsvImport } from './csvImportStore';

export interface CsvDropProps {
  className: string;
  'data-drop-hint': string;
  onDragOver: (event: DragEvent) => void;
  onDragLeave: (event: DragEvent) => void;
  onDrop: (event: DragEvent) => void;
}

export function useCsvDrop(readOnly: boolean): CsvDropProps {
  const t = useT();
  const [over, setOver] = useState(false);
  const onDragOver = useCallback(
    (event: DragEvent) => {
      if (readOnly || event.defaultPrevented || !event.dataTransfer.types.includes('Files')) return setOver(false);
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setOver(true);
    },
    [readOnly],
  );
  const onDragLeave = useCallback((event: DragEvent) => {
    // leaving for a child of the canvas is not leaving the canvas
    if (!(event.relatedTarget instanceof Node) || !(event.currentTarget as Node).contains(event.relatedTarget)) setOver(false);
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      setOver(false);
      if (readOnly || event.defaultPrevented) return;
      const file = event.dataTransfer.files[0];
      if (!file) return;
      event.preventDefault();
      useCsvImport.getState().openFile(file);
    },
    [readOnly],
  );
  return useMemo(
    () => ({ className: over ? 'is-csv-target' : '', 'data-drop-hint': t('csv.dropHint'), onDragOver, onDragLeave, onDrop }),
    [over, t, onDragOver, onDragLeave, onDrop],
  );
}
