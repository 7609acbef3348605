// Reading a node's rich notes (a Tiptap/ProseMirror document in a Y.XmlFragment) for the card: the
// first line of text. Tiptap stores blocks (paragraph, heading…) as XmlElements holding XmlText;
// lists nest blocks inside listItem elements, so the walk is depth-first in document order.
import * as Y from 'yjs';
import { rootMaps } from './doc-roots';

export const NOTE_LINE_MAX = 140;

/** The plain text of an XmlText: its delta's string inserts (toString() would add XML tags for marks). */
function plainText(t: Y.XmlText): string {
  const delta = t.toDelta() as Array<{ insert?: unknown }>;
  return delta.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

/** The text of a block: its descendants' text, inline elements (hard breaks…) read as spaces. */
function blockText(el: Y.XmlElement | Y.XmlFragment): string {
  return el
    .toArray()
    .map((c) => (c instanceof Y.XmlText ? plainText(c) : c instanceof Y.XmlElement ? ` ${blockText(c)} ` : ''))
    .join('');
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Depth-first: the first block (an element with text directly inside) whose text is not blank. */
function firstLine(parent: Y.XmlFragment | Y.XmlElement): string {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      const t = clean(plainText(child)); // text straight in the fragment: not Tiptap's, but readable
      if (t) return t;
    } else if (child instanceof Y.XmlElement) {
      const isBlock = child.toArray().some((c) => c instanceof Y.XmlText);
      const t = isBlock ? clean(blockText(child)) : firstLine(child);
      if (t) return t;
    }
  }
  return '';
}

/**
 * The first non-empty block of the node's `notes`, whitespace collapsed, at most 140 characters
 * (a longer line is cut to 139 and ends with '…'). '' when the node, its notes or any text is missing.
 */
export function firstNoteLine(doc: Y.Doc, nodeId: string): string {
  const m = rootMaps(doc).nodes.get(nodeId);
  const notes = m instanceof Y.Map ? m.get('notes') : undefined;
  if (!(notes instanceof Y.XmlFragment)) return '';
  const chars = Array.from(firstLine(notes)); // by code point: never split a surrogate pair
  return chars.length <= NOTE_LINE_MAX
    ? chars.join('')
    : `${chars
        .slice(0, NOTE_LINE_MAX - 1)
        .join('')
        .trimEnd()}…`;
}
