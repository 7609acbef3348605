// Stage commands. A stage's column position comes from `stageOrder` (see stageColumns), so
// reordering touches only that array and concurrent reorders merge without touching the stages.
import * as Y from 'yjs';
import { DEFAULT_SIZE, STAGE_COLORS, type Origin } from '../schema';
import { idOrNew } from '../ids';
import { checkColor, checkInteger, checkLabel, checkSize, checkText } from '../validate-input';
import { kindOf, requireFreeId, requireNode, requireRef, setIfChanged, write } from '../tx';
import { readStageOrder, rootMaps, stageOrderForWrite } from '../doc-roots';

export interface AddStageArgs {
  label: string;
  color?: string;
  goal?: string;
  /** Position in stageOrder; clamped; default: the end. */
  index?: number;
  id?: string;
  w?: number;
}

function countKind(doc: Y.Doc, kind: string): number {
  let n = 0;
  rootMaps(doc).nodes.forEach((m) => {
    if (m instanceof Y.Map && kindOf(m) === kind) n++;
  });
  return n;
}

export function addStage(doc: Y.Doc, args: AddStageArgs, origin?: Origin): string {
  const id = requireFreeId(doc, idOrNew(args.id));
  const label = checkLabel(args.label);
  const color = args.color === undefined ? undefined : checkColor(args.color);
  const goal = args.goal === undefined ? '' : checkText(args.goal, 'goal');
  const w = args.w === undefined ? DEFAULT_SIZE.stage.w : checkSize(args.w, 'w');
  const index = args.index === undefined ? undefined : checkInteger(args.index, 'index');
  const { nodes } = rootMaps(doc);
  const length = readStageOrder(doc).length;
  const at = index === undefined ? length : Math.max(0, Math.min(index, length));
  const fallbackColor = STAGE_COLORS[countKind(doc, 'stage') % STAGE_COLORS.length] ?? STAGE_COLORS[0];
  write(doc, origin, () => {
    const m = new Y.Map<unknown>();
    nodes.set(id, m);
    m.set('kind', 'stage');
    m.set('label', label);
    // Stored for completeness; columns are placed by stageColumns(), not by these.
    m.set('x', 0);
    m.set('y', 0);
    m.set('w', w);
    m.set('h', DEFAULT_SIZE.stage.h);
    m.set('ownerId', null);
    m.set('goal', goal);
    m.set('color', color ?? fallbackColor);
    stageOrderForWrite(doc).insert(at, [id]);
  });
  return id;
}

export function setStageColor(doc: Y.Doc, stageId: string, color: string, origin?: Origin): void {
  const m = requireNode(doc, stageId, ['stage'], 'stage');
  const c = checkColor(color);
  write(doc, origin, () => setIfChanged(m, 'color', c));
}

export function setStageGoal(doc: Y.Doc, stageId: string, goal: string, origin?: Origin): void {
  const m = requireNode(doc, stageId, ['stage'], 'stage');
  const g = checkText(goal, 'goal');
  write(doc, origin, () => setIfChanged(m, 'goal', g));
}

/**
 * Put a stage at `toIndex` of the resulting order (clamped). Implemented as delete + insert of its
 * id, so two concurrent moves of the same stage leave it twice; repairJourney keeps the first.
 */
export function moveStage(doc: Y.Doc, stageId: string, toIndex: number, origin?: Origin): void {
  requireNode(doc, stageId, ['stage'], 'stage');
  const idx = checkInteger(toIndex, 'toIndex');
  const order = readStageOrder(doc);
  const rest = order.filter((s) => s !== stageId);
  const target = Math.max(0, Math.min(idx, rest.length));
  const positions = order.flatMap((s, i) => (s === stageId ? [i] : []));
  const unchanged = positions.length === 1 && positions[0] === target;
  write(doc, origin, () => {
    if (unchanged) return;
    const stageOrder = stageOrderForWrite(doc);
    for (let i = positions.length - 1; i >= 0; i--) stageOrder.delete(positions[i] ?? 0, 1);
    stageOrder.insert(target, [stageId]);
  });
}

export function assignStageOwner(doc: Y.Doc, stageId: string, ownerId: string | null, origin?: Origin): void {
  const m = requireNode(doc, stageId, ['stage'], 'stage');
  const owner = requireRef(doc, ownerId, 'owner');
  write(doc, origin, () => setIfChanged(m, 'ownerId', owner));
}
