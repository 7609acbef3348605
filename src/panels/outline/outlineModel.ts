// The map as an outline: stages in their order, each with its touchpoints read top to bottom (then
// left to right), with their channel and the stage's owner; touchpoints without a stage come last.
// Pure, so the panel and its tests share it; the keyboard moves over `outlineRows`.
import type { JourneyNode, StageNode, TouchpointNode } from '../../model';

export interface OutlineTouchpoint {
  id: string;
  label: string;
  channel: string | null;
  lane: 'front' | 'back';
}

export interface OutlineStage {
  /** null: the touchpoints that belong to no stage. */
  id: string | null;
  label: string;
  owner: string | null;
  touchpoints: OutlineTouchpoint[];
}

export function buildOutline(stages: readonly StageNode[], nodes: ReadonlyMap<string, JourneyNode>): OutlineStage[] {
  const byStage = new Map<string | null, TouchpointNode[]>();
  for (const node of nodes.values()) {
    if (node.kind !== 'touchpoint') continue;
    const stageId = node.stageId && stages.some((stage) => stage.id === node.stageId) ? node.stageId : null;
    byStage.set(stageId, [...(byStage.get(stageId) ?? []), node]);
  }
  const labelOf = (id: string | null) => {
    const node = id ? nodes.get(id) : undefined;
    return node ? node.label : null;
  };
  const touchpointsOf = (stageId: string | null): OutlineTouchpoint[] =>
    (byStage.get(stageId) ?? [])
      .slice()
      .sort((a, b) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id))
      .map((node) => ({ id: node.id, label: node.label, channel: labelOf(node.channelId), lane: node.lane }));
  const outline: OutlineStage[] = stages.map((stage) => ({
    id: stage.id,
    label: stage.label,
    owner: labelOf(stage.ownerId),
    touchpoints: touchpointsOf(stage.id),
  }));
  const loose = touchpointsOf(null);
  if (loose.length > 0) outline.push({ id: null, label: '', owner: null, touchpoints: loose });
  return outline;
}

/** One line of the outline as the keyboard walks it. */
export interface OutlineRow {
  /** The node's id; the unassigned group's row is UNASSIGNED_ROW. */
  id: string;
  kind: 'stage' | 'touchpoint';
  /** The stage the row is or belongs to (null: unassigned). */
  stageId: string | null;
}

export const UNASSIGNED_ROW = '__unassigned';

/** The rows a person can move to, in reading order (children of collapsed stages left out). */
export function outlineRows(outline: readonly OutlineStage[], collapsed: ReadonlySet<string>): OutlineRow[] {
  const rows: OutlineRow[] = [];
  for (const stage of outline) {
    const rowId = stage.id ?? UNASSIGNED_ROW;
    rows.push({ id: rowId, kind: 'stage', stageId: stage.id });
    if (collapsed.has(rowId)) continue;
    for (const touchpoint of stage.touchpoints) rows.push({ id: touchpoint.id, kind: 'touchpoint', stageId: stage.id });
  }
  return rows;
}

/** The stage before or after `stageId` (for moving a touchpoint or a stage), or undefined at an end. */
export function neighbourStage(
  outline: readonly OutlineStage[],
  stageId: string | null,
  step: -1 | 1,
): OutlineStage | undefined {
  const stages = outline.filter((stage) => stage.id !== null);
  if (stageId === null) return step === -1 ? stages[stages.length - 1] : undefined;
  const index = stages.findIndex((stage) => stage.id === stageId);
  return index < 0 ? undefined : stages[index + step];
}
