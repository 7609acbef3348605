// Opens the outline panel (its toolbar button and the O shortcut) and puts the keyboard in it: the
// panel focuses its current row when it opens; when it is open already, that row is focused again.
import { useUi } from './uiStore';

export function openOutline(): void {
  const { sidebarTab, setSidebarTab } = useUi.getState();
  if (sidebarTab !== 'outline') return setSidebarTab('outline');
  document.querySelector<HTMLElement>('.outline-panel [role="treeitem"][tabindex="0"]')?.focus();
}
