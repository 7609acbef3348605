// Where the view draws nodes, from where the doc has them and their measured sizes: the doc keeps
// each person's free placement, and the view only moves a node as far as needed so that nothing
// overlaps. Cards in a stage cell stack with CARD_GAP between them (a card that grows pushes the
// ones under it down; they come back when it shrinks); the touchpoints lane grows to hold the
// tallest stack and the lanes under it move down with it; pills in the channels lane and owner
// cards in the rail are pushed sideways; a note moves to the nearest free place. Pure: the same
// nodes give the same view on every client.
import { CANVAS_HEIGHT, ESTIMATED_SIZE, laneTop } from './layout';
import { nearestFreeSlot, placeInColumns, pushApart, type Item, type Point, type Rect } from './noOverlap';
import type { Obstacle } from './edgeRoute';
import type { JourneyFlowNode } from './viewTypes';

/** Space between cards in a cell, pills in a row, owners in the rail. */
export const CARD_GAP = 16;
/** Room under the lowest card of the touchpoints lane. */
const LANE_PADDING = 16;

/** The size a node is drawn at: measured when it has been, else its stored or estimated size. */
interface Sized {
  type?: string;
  width?: number;
  height?: number;
  initialWidth?: number;
  initialHeight?: number;
  measured?: { width?: number; height?: number };
}

export function sizeOf(node: Sized): { width: number; height: number } {
  const estimate =
    node.type === 'channel'
      ? ESTIMATED_SIZE.channel
      : node.type === 'owner'
        ? ESTIMATED_SIZE.owner
        : { width: 0, height: ESTIMATED_SIZE.touchpointHeight };
  return {
    width: node.measured?.width ?? node.width ?? node.initialWidth ?? estimate.width,
    height: node.measured?.height ?? node.height ?? node.initialHeight ?? estimate.height,
  };
}

/** Where the doc has a node (a node being dragged here is where the pointer has it). */
function wantedPosition(node: JourneyFlowNode): Point {
  if (node.dragging) return node.position;
  switch (node.type) {
    case 'touchpoint':
      return { x: node.data.touchpoint.x, y: node.data.touchpoint.y };
    case 'channel':
      return { x: node.data.channel.x, y: node.data.channel.y };
    case 'owner':
      return { x: node.data.owner.x, y: node.data.owner.y };
    case 'note':
      return { x: node.data.note.x, y: node.data.note.y };
    default:
      return node.position;
  }
}

/** Nodes stored at or below this y sit in the lanes under the touchpoints lane and move with its growth. */
export const lowerLanesTop = () => laneTop('channels') - CARD_GAP;

export interface ArrangedView {
  nodes: JourneyFlowNode[];
  /** How much taller the touchpoints lane is than its default height. */
  laneGrowth: number;
  /** Where the cards are drawn (absolute flow boxes), for routing edges around them. */
  cardBoxes: Obstacle[];
}

export function arrangeView(nodes: readonly JourneyFlowNode[]): ArrangedView {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const positions = new Map<string, Point>();

  // touchpoints: stack in each cell (a stage's, or the loose ones outside every stage)
  const cells = new Map<string, Item[]>();
  for (const node of nodes) {
    if (node.type !== 'touchpoint') continue;
    const key = node.parentId ?? '';
    const cell = cells.get(key) ?? [];
    cell.push({ id: node.id, ...wantedPosition(node), ...sizeOf(node) });
    cells.set(key, cell);
  }
  let lowestCard = -Infinity;
  for (const [parentId, cell] of cells) {
    const stacked = pushApart(
      cell.filter((item) => !byId.get(item.id)?.dragging),
      CARD_GAP,
    );
    for (const item of cell) {
      const position = stacked.get(item.id) ?? { x: item.x, y: item.y };
      positions.set(item.id, position);
      const parentY = parentId ? (byId.get(parentId)?.position.y ?? 0) : 0;
      // a stage's cards all live in the touchpoints lane, however far down they were put
      if (parentId && !byId.get(item.id)?.dragging)
        lowestCard = Math.max(lowestCard, parentY + position.y + item.height);
    }
  }
  const laneGrowth = Math.max(0, Math.ceil(lowestCard + LANE_PADDING - laneTop('channels')));

  // pills and owner cards: pushed right within their row; the lower lanes move down with the growth
  const shifted = (node: JourneyFlowNode): Point => {
    const at = wantedPosition(node);
    return !node.dragging && at.y >= lowerLanesTop() ? { x: at.x, y: at.y + laneGrowth } : at;
  };
  const columns = nodes
    .filter((node) => node.type === 'stage')
    .map((node) => ({ x: node.position.x, w: node.width ?? 0 }))
    .sort((a, b) => a.x - b.x);
  for (const type of ['channel', 'owner'] as const) {
    const items = nodes
      .filter((node) => node.type === type)
      .map((node) => ({ id: node.id, ...shifted(node), ...sizeOf(node), dragging: node.dragging }));
    const resting = items.filter((item) => !item.dragging);
    // a pill sits under one stage, never across the gap between two
    const apart =
      type === 'channel' && columns.length
        ? placeInColumns(
            resting,
            columns,
            CARD_GAP,
            laneTop('channels') + laneGrowth + 8,
            laneTop('emotion') + laneGrowth - 8,
          )
        : pushApart(resting, CARD_GAP, 'x');
    for (const item of items) positions.set(item.id, apart.get(item.id) ?? { x: item.x, y: item.y });
  }

  // notes: where they were put unless that covers a card, pill, owner or an earlier note
  const absolute = (node: JourneyFlowNode): Rect => {
    const position = positions.get(node.id) ?? node.position;
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    return { x: position.x + (parent?.position.x ?? 0), y: position.y + (parent?.position.y ?? 0), ...sizeOf(node) };
  };
  const taken: Rect[] = nodes
    .filter((node) => node.type === 'touchpoint' || node.type === 'channel' || node.type === 'owner')
    .map(absolute);
  const notes = nodes.filter((node) => node.type === 'note').sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const note of notes) {
    const box = { ...shifted(note), ...sizeOf(note) };
    const position = note.dragging ? box : nearestFreeSlot(box, taken, CARD_GAP);
    positions.set(note.id, { x: position.x, y: position.y });
    taken.push({ ...box, x: position.x, y: position.y });
  }

  const arranged = nodes.map((node): JourneyFlowNode => {
    if (node.type === 'stage' || node.type === 'lanes') {
      const height = CANVAS_HEIGHT + laneGrowth;
      if (node.height === height) return node;
      return node.type === 'lanes' ? { ...node, height, data: { ...node.data, laneGrowth } } : { ...node, height };
    }
    if (node.type === 'emotion') {
      const y = laneTop('emotion') + laneGrowth;
      return node.position.y === y ? node : { ...node, position: { x: node.position.x, y } };
    }
    const position = positions.get(node.id);
    if (!position || node.dragging || (position.x === node.position.x && position.y === node.position.y)) return node;
    return { ...node, position } as JourneyFlowNode;
  });
  const cardBoxes = nodes
    .filter((node) => node.type === 'touchpoint')
    .map((node) => ({ id: node.id, ...absolute(node) }));
  return { nodes: arranged, laneGrowth, cardBoxes };
}

/** Top of the cards' area in the touchpoints lane. */
export const cardsTop = () => laneTop('touchpoints') + 12;

/**
 * Where a card dropped at `box` lands in a cell already holding `cell` (boxes relative to the cell):
 * the nearest free slot, inside the cell's width when it has one, never above the lane's top.
 */
export function cardDropSlot(box: Rect, cell: readonly Rect[], cellWidth?: number): Point {
  const inside = cellWidth === undefined ? {} : { minX: 0, maxX: cellWidth };
  return nearestFreeSlot(box, cell, CARD_GAP, { ...inside, minY: cardsTop() });
}
