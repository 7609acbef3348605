// "Tidy up": where every card, pill and owner card goes when the whole map is laid out at once.
// Each stage's touchpoints follow the customer's path (the model's journeyPath order), front-stage
// cards first and back-stage cards below them; row i of every stage sits at the same height (the
// tallest card of the row sets it), so the path reads straight across. Pills line up under the
// stages whose touchpoints use them (wrapping to another row when needed); owner cards sit above
// the first stage they own. Pure: the caller writes the moves in one transaction (one undo step).
import type { Lane } from '../model';
import { LAYOUT, laneTop, type StageColumn } from './layout';
import { CARD_GAP, cardsTop } from './arrangeView';
import { flowInRows, placeInColumns, pushApart } from './noOverlap';

export interface TidyCard {
  id: string;
  stageId: string | null;
  lane: Lane;
  channelId: string | null;
  width: number;
  height: number;
}

export interface TidyInput {
  columns: readonly StageColumn[];
  /** Touchpoints in the order of the customer's path. */
  path: readonly TidyCard[];
  channels: ReadonlyArray<{ id: string; width: number; height: number; x: number }>;
  owners: ReadonlyArray<{ id: string; width: number; x: number }>;
  /** Owner of each stage. */
  stageOwners: ReadonlyMap<string, string>;
}

export interface Move {
  id: string;
  x: number;
  y: number;
}

/** Extra room between the front-stage rows and the back-stage ones (the line of visibility). */
const BACKSTAGE_GAP = 28;

export function tidyUp(input: TidyInput): Move[] {
  const moves: Move[] = [];
  const columnById = new Map(input.columns.map((column) => [column.id, column]));
  // rows per stage, front then back
  const rows = new Map<string, { front: TidyCard[]; back: TidyCard[] }>();
  for (const card of input.path) {
    if (!card.stageId || !columnById.has(card.stageId)) continue;
    const cell = rows.get(card.stageId) ?? { front: [], back: [] };
    cell[card.lane === 'back' ? 'back' : 'front'].push(card);
    rows.set(card.stageId, cell);
  }
  const rowHeights = (lane: 'front' | 'back') => {
    const heights: number[] = [];
    for (const cell of rows.values())
      cell[lane].forEach((card, i) => (heights[i] = Math.max(heights[i] ?? 0, card.height)));
    return heights;
  };
  const rowTops = (heights: number[], top: number) => {
    const tops: number[] = [];
    let y = top;
    for (const height of heights) {
      tops.push(y);
      y += height + CARD_GAP;
    }
    return { tops, bottom: y };
  };
  const front = rowTops(rowHeights('front'), cardsTop());
  const back = rowTops(rowHeights('back'), front.bottom + (front.tops.length ? BACKSTAGE_GAP : 0));
  for (const [stageId, cell] of rows) {
    const column = columnById.get(stageId);
    if (!column) continue;
    const place = (cards: TidyCard[], tops: number[]) =>
      cards.forEach((card, i) =>
        moves.push({ id: card.id, x: Math.max(8, Math.round((column.w - card.width) / 2)), y: tops[i] ?? 0 }),
      );
    place(cell.front, front.tops);
    place(cell.back, back.tops);
  }

  // pills: under the middle of the stages that use them; unused ones after the rest
  const usedAt = new Map<string, number[]>();
  for (const card of input.path) {
    const column = card.stageId ? columnById.get(card.stageId) : undefined;
    if (!column || !card.channelId) continue;
    const list = usedAt.get(card.channelId) ?? [];
    list.push(column.x + column.w / 2);
    usedAt.set(card.channelId, list);
  }
  const right = Math.max(...input.columns.map((column) => column.x + column.w), 600);
  const pillsTop = laneTop('channels') + 22;
  const pills = input.channels.map((channel) => {
    const centres = usedAt.get(channel.id);
    const wantX = centres ? centres.reduce((sum, x) => sum + x, 0) / centres.length - channel.width / 2 : right;
    return { id: channel.id, x: wantX, y: pillsTop, width: channel.width, height: channel.height, wantX };
  });
  // each under one stage (as the canvas draws them); without stages, in rows
  const placed = input.columns.length
    ? placeInColumns(pills, input.columns, CARD_GAP, laneTop('channels') + 8, laneTop('emotion') - 8)
    : flowInRows(pills, CARD_GAP, { left: 16, right, top: pillsTop });
  for (const pill of pills) {
    const at = placed.get(pill.id);
    if (at) moves.push({ id: pill.id, x: Math.round(at.x), y: Math.round(at.y) });
  }

  // owners: above the first stage they own, in a row
  const firstStageX = new Map<string, number>();
  for (const column of input.columns) {
    const owner = input.stageOwners.get(column.id);
    if (owner && !firstStageX.has(owner)) firstStageX.set(owner, column.x);
  }
  const lastX = right + CARD_GAP;
  const owners = input.owners.map((owner) => ({
    id: owner.id,
    x: firstStageX.get(owner.id) ?? lastX,
    y: LAYOUT.railY,
    width: owner.width,
    height: 1,
  }));
  const apart = pushApart(owners, CARD_GAP, 'x');
  for (const owner of owners) {
    const at = apart.get(owner.id);
    if (at) moves.push({ id: owner.id, x: Math.round(at.x), y: LAYOUT.railY });
  }
  return moves;
}
