// Whether something floating over the canvas (a panel, the heat legend) lies on the map's content:
// cards, pills, owner cards, notes or stage headers, measured in the page.

const MAP_CONTENT =
  '.react-flow__node-touchpoint, .react-flow__node-channel, .react-flow__node-owner, .react-flow__node-note, .stage-header';

function overlap(a: DOMRect, b: DOMRect): boolean {
  return a.width > 0 && b.width > 0 && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** True when `overlay` covers any of the map's content inside the React Flow root `root`. */
export function coversMap(overlay: Element, root: Element): boolean {
  const box = overlay.getBoundingClientRect();
  return [...root.querySelectorAll(MAP_CONTENT)].some((element) => overlap(box, element.getBoundingClientRect()));
}

/** True when any panel floating over the canvas (toolbars, legend, minimap, zoom controls) covers map content. */
export function panelsCoverMap(root: Element): boolean {
  return [...root.querySelectorAll('.react-flow__panel')].some((panel) => coversMap(panel, root));
}
