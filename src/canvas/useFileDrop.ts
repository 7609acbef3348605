// A file dropped on the canvas goes to whoever the app names (the CSV import, today). A drop on a
// card is the card's (it attaches the file as media and marks the event handled), so only drops on
// the map itself count. The canvas knows nothing of what the file is for: the app passes it in.
import { useCallback, useMemo, useState, type DragEvent } from 'react';

/** What the app does with a file dropped on the map, and the words shown while one is dragged over. */
export interface FileDropTarget {
  onFile: (file: File) => void;
  hint: string;
}

export interface FileDropProps {
  className: string;
  'data-drop-hint'?: string;
  onDragOver: (event: DragEvent) => void;
  onDragLeave: (event: DragEvent) => void;
  onDrop: (event: DragEvent) => void;
}

/** Drop handlers for the canvas; without a target, or read-only, a drop does nothing. */
export function useFileDrop(target: FileDropTarget | undefined, readOnly: boolean): FileDropProps {
  const [over, setOver] = useState(false);
  const onFile = target?.onFile;
  const accepts = !readOnly && onFile !== undefined;
  const onDragOver = useCallback(
    (event: DragEvent) => {
      if (!accepts || event.defaultPrevented || !event.dataTransfer.types.includes('Files')) return setOver(false);
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setOver(true);
    },
    [accepts],
  );
  const onDragLeave = useCallback((event: DragEvent) => {
    // leaving for a child of the canvas is not leaving the canvas
    if (!(event.relatedTarget instanceof Node) || !(event.currentTarget as Node).contains(event.relatedTarget))
      setOver(false);
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      setOver(false);
      if (!accepts || !onFile || event.defaultPrevented) return;
      const file = event.dataTransfer.files[0];
      if (!file) return;
      event.preventDefault();
      onFile(file);
    },
    [accepts, onFile],
  );
  const hint = target?.hint;
  return useMemo(
    () => ({ className: over ? 'is-drop-target' : '', 'data-drop-hint': hint, onDragOver, onDragLeave, onDrop }),
    [over, hint, onDragOver, onDragLeave, onDrop],
  );
}
