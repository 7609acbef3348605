// An outline, with the person's name, on the nodes someone else has selected. Presence is untrusted
// input, so it never becomes CSS text: each outlined node element gets a data attribute (the name,
// shown by the static stylesheet through `attr()`) and a CSS custom property (the colour, already
// checked as #rrggbb) set through the DOM API. No node component re-renders when others click around.
import { memo, useEffect, useMemo } from 'react';
import { useStore as useFlowStore } from '@xyflow/react';
import { useStore } from 'zustand';
import type { PresenceStore, PresenceState } from '../../state/presenceStore';
import { useT } from '../../i18n';

export interface RemoteOutline {
  color: string;
  name: string;
  /** The person is typing this node's label right now. */
  renaming?: boolean;
}

/** The attribute holding the name of whoever selected the node (styles.css draws it). */
export const OUTLINE_NAME_ATTRIBUTE = 'data-remote-selected';
/** The custom property holding that person's colour. */
export const OUTLINE_COLOR_PROPERTY = '--remote-selection-color';
/** Present while the outlining person is renaming the node (a dashed outline). */
export const OUTLINE_RENAMING_ATTRIBUTE = 'data-remote-renaming';

/** Node id → outline (the first person wins), as JSON: stable between cursor moves, so the selector only fires on selection changes. */
function outlinesKey(state: PresenceState): string {
  const outlines: Record<string, RemoteOutline> = {};
  // someone renaming a node wins its outline: that is what the others must know before typing
  for (const peer of state.peers) {
    if (peer.renaming && !Object.hasOwn(outlines, peer.renaming)) {
      outlines[peer.renaming] = { color: peer.user.color, name: peer.user.name, renaming: true };
    }
  }
  for (const peer of state.peers) {
    for (const id of peer.selection) {
      if (Object.hasOwn(outlines, id)) continue;
      outlines[id] = { color: peer.user.color, name: peer.user.name };
    }
  }
  return JSON.stringify(outlines);
}

/**
 * Sets or clears the outline of one node element, through the DOM API only. `caption` is the text
 * shown on it (the name, or "Alice is renaming…"); it defaults to the name.
 */
export function applyOutline(element: HTMLElement, outline: RemoteOutline | undefined, caption?: string): void {
  if (outline) {
    element.setAttribute(OUTLINE_NAME_ATTRIBUTE, caption ?? outline.name);
    element.style.setProperty(OUTLINE_COLOR_PROPERTY, outline.color);
    element.toggleAttribute(OUTLINE_RENAMING_ATTRIBUTE, Boolean(outline.renaming));
  } else if (element.hasAttribute(OUTLINE_NAME_ATTRIBUTE)) {
    element.removeAttribute(OUTLINE_NAME_ATTRIBUTE);
    element.removeAttribute(OUTLINE_RENAMING_ATTRIBUTE);
    element.style.removeProperty(OUTLINE_COLOR_PROPERTY);
  }
}

function nodeElements(root: ParentNode): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('.react-flow__node')];
}

export const RemoteSelections = memo(function RemoteSelections({ presence }: { presence: PresenceStore }) {
  const key = useStore(presence, outlinesKey);
  const outlines = useMemo(() => new Map(Object.entries(JSON.parse(key) as Record<string, RemoteOutline>)), [key]);
  const domNode = useFlowStore((state) => state.domNode);
  const t = useT();

  useEffect(() => {
    if (!domNode) return;
    const apply = (element: HTMLElement) => {
      const outline = outlines.get(element.getAttribute('data-id') ?? '');
      const caption = outline?.renaming ? t('presence.renaming', { name: outline.name }) : outline?.name;
      applyOutline(element, outline, caption);
    };
    nodeElements(domNode).forEach(apply);
    // only the nodes in view are mounted: outline each one as it appears
    const container = domNode.querySelector('.react-flow__nodes') ?? domNode;
    const observer = new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        for (const added of mutation.addedNodes) {
          if (!(added instanceof HTMLElement)) continue;
          if (added.classList.contains('react-flow__node')) apply(added);
          else nodeElements(added).forEach(apply);
        }
      }
    });
    observer.observe(container, { childList: true, subtree: container === domNode });
    return () => {
      observer.disconnect();
      nodeElements(domNode).forEach((element) => applyOutline(element, undefined));
    };
  }, [domNode, outlines, t]);

  return null;
});
