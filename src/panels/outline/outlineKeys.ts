// What a key pressed on an outline row asks for (the WAI-ARIA tree pattern, plus the map's editing
// keys). Pure: the panel turns an intent into a move of focus or a model command.
import type { OutlineRow } from './outlineModel';

export type OutlineIntent =
  | 'next'
  | 'previous'
  | 'first'
  | 'last'
  | 'expand'
  | 'collapse'
  | 'rename'
  | 'addTouchpoint'
  | 'addStage'
  | 'moveUp'
  | 'moveDown'
  | 'delete';

export interface OutlineKey {
  key: string;
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** Editing intents a viewer never gets. */
const EDITS: ReadonlySet<OutlineIntent> = new Set([
  'rename',
  'addTouchpoint',
  'addStage',
  'moveUp',
  'moveDown',
  'delete',
]);

export function outlineIntent(event: OutlineKey, row: OutlineRow, readOnly: boolean): OutlineIntent | null {
  if (event.ctrlKey || event.metaKey) return null; // Ctrl+Z and the browser's own keys pass through
  const intent = intentOf(event);
  if (!intent) return null;
  if (readOnly && EDITS.has(intent)) return null;
  const unassignedGroup = row.kind === 'stage' && row.stageId === null;
  if (unassignedGroup && (intent === 'rename' || intent === 'moveUp' || intent === 'moveDown' || intent === 'delete'))
    return null;
  return intent;
}

function intentOf({ key, altKey, shiftKey }: OutlineKey): OutlineIntent | null {
  if (altKey) return key === 'ArrowUp' ? 'moveUp' : key === 'ArrowDown' ? 'moveDown' : null;
  switch (key) {
    case 'ArrowDown':
      return 'next';
    case 'ArrowUp':
      return 'previous';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'ArrowRight':
      return 'expand';
    case 'ArrowLeft':
      return 'collapse';
    case 'Enter':
    case 'F2':
      return 'rename';
    case 'n':
    case 'N':
      return shiftKey ? null : 'addTouchpoint';
    case 'S':
      return shiftKey ? 'addStage' : null;
    case 'Delete':
    case 'Backspace':
      return 'delete';
    default:
      return null;
  }
}
