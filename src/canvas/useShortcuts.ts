// Keyboard shortcuts of the canvas. Keys typed into a field never trigger them.
import { useEffect } from 'react';
import type { JourneyActions } from './useJourneyActions';
import type { JourneyStore } from '../state/journeyStore';
import { VIEW_ONLY_IDS } from '../state/viewTypes';
import { useUi } from '../state/uiStore';
import { openOutline } from '../state/openOutline';
import type { MessageKey } from '../i18n';
import type { JourneyUndo } from '../state/undo';

/** For the shortcuts help: keys (a message key where the words need translating) and what they do. */
export const SHORTCUTS: ReadonlyArray<{ keys: string | MessageKey; what: MessageKey }> = [
  { keys: 'N', what: 'shortcut.newTouchpoint' },
  { keys: 'Shift+S', what: 'shortcut.newStage' },
  { keys: 'F2 / Enter', what: 'shortcut.rename' },
  { keys: 'Delete / Backspace', what: 'shortcut.remove' },
  { keys: 'shortcut.dragKey', what: 'shortcut.multiSelect' },
  { keys: 'F', what: 'shortcut.fit' },
  { keys: 'O', what: 'shortcut.outline' },
  { keys: 'T', what: 'shortcut.tidy' },
  { keys: 'Ctrl/⌘+Z', what: 'shortcut.undo' },
  { keys: 'Ctrl/⌘+Shift+Z, Ctrl+Y', what: 'shortcut.redo' },
  { keys: 'shortcut.doubleClickKey', what: 'shortcut.doubleClick' },
  { keys: '?', what: 'shortcut.help' },
];

export function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return Boolean(element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName)));
}

export function useShortcuts(
  actions: JourneyActions,
  store: JourneyStore,
  readOnly: boolean,
  undo?: JourneyUndo,
): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && undo) {
        const key = event.key.toLowerCase();
        if (key === 'z' || key === 'y') {
          event.preventDefault();
          if (key === 'y' || event.shiftKey) undo.redo();
          else undo.undo();
        }
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'f' || event.key === 'F') return actions.fitView();
      if (event.key === 'o' || event.key === 'O') {
        event.preventDefault();
        return openOutline();
      }
      if (readOnly) return;
      if (event.key === 'n' || event.key === 'N') {
        event.preventDefault();
        actions.addTouchpoint();
      } else if (event.key === 't' || event.key === 'T') {
        event.preventDefault();
        actions.tidyUp();
      } else if (event.key === 'S' && event.shiftKey) {
        event.preventDefault();
        actions.addStage();
      } else if (event.key === 'F2' || event.key === 'Enter') {
        const selected = store.getState().nodes.filter((node) => node.selected && !VIEW_ONLY_IDS.has(node.id));
        if (selected.length === 1 && selected[0]) {
          event.preventDefault();
          useUi.getState().startEditing(selected[0].id);
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions, store, readOnly, undo]);
}
