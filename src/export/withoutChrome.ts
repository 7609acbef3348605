// What an exported picture leaves out: the editing UI drawn inside the map (connection handles,
// drag grips, resize lines, open pop-overs, the selection box), other people's pointers and
// selection outlines. Form controls become their plain text (an owner picker prints the owner's
// name, or its option's data-export-text, not a dropdown arrow). Works on the clone, after its form state was copied as attributes.

/** Elements of the canvas that are controls, not content. */
export const CHROME_SELECTOR = [
  '.react-flow__handle',
  '.react-flow__resize-control',
  '.react-flow__nodesselection',
  '.react-flow__edgeupdater',
  '.stage-drag-handle',
  '.card-emotion-popover',
  '.remote-cursor',
  '[data-export="skip"]',
].join(',');

/** The attribute and property that outline a node someone else selected (RemoteSelections). */
const REMOTE_OUTLINE_ATTRIBUTE = 'data-remote-selected';
const REMOTE_OUTLINE_PROPERTY = '--remote-selection-color';

function asText(control: Element, text: string): HTMLSpanElement {
  const span = control.ownerDocument.createElement('span');
  span.className = `control-as-text ${control.getAttribute('class') ?? ''}`.trim();
  span.textContent = text;
  return span;
}

export function stripChrome(root: Element): void {
  for (const element of [...root.querySelectorAll(CHROME_SELECTOR)]) element.remove();
  for (const select of [...root.querySelectorAll('select')]) {
    const chosen = select.querySelector('option[selected]') ?? select.querySelector('option');
    const text = chosen?.getAttribute('data-export-text') ?? chosen?.textContent ?? '';
    select.replaceWith(asText(select, text));
  }
  for (const input of [...root.querySelectorAll('input:not([type]), input[type="text"], textarea')])
    input.replaceWith(asText(input, input.getAttribute('value') ?? input.textContent ?? ''));
  for (const element of [root, ...root.querySelectorAll(`[${REMOTE_OUTLINE_ATTRIBUTE}]`)]) {
    element.removeAttribute(REMOTE_OUTLINE_ATTRIBUTE);
    (element as HTMLElement).style?.removeProperty(REMOTE_OUTLINE_PROPERTY);
  }
}
