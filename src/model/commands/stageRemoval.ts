// Deleting a stage that holds touchpoints: the person chooses whether its touchpoints move to a
// neighbouring stage or go with it (and with them their notes, metrics, media and comments). What
// goes is counted first (stageRemovalSummary) so the app can say so; the removal is one transaction,
// so one undo brings everything back.
import * as Y from 'yjs';
import type { Origin } from '../schema';
import { ModelError } from '../errors';
import { requireNode, write } from '../tx';
import { readStageOrder, rootMaps } from '../doc-roots';
import { readMedia } from '../media';
import { firstNoteLine } from '../media-notes';
import { readMetrics } from '../metrics/read';
import { readComments } from '../comments-queries';
import { touchpointsByStage } from '../queries';
import { removeNodes } from './node';

export interface StageRemovalSummary {
  /** The stage's touchpoints, top to bottom. */
  touchpoints: string[];
  /** Touchpoints among them with written notes. */
  notes: number;
  /** Metric values on them. */
  metrics: number;
  /** Media files attached to them. */
  media: number;
  /** Comments on them. */
  comments: number;
  /** The stages left and right of it, if any (where its touchpoints can move). */
  previous: string | null;
  next: string | null;
}

export function stageRemovalSummary(doc: Y.Doc, stageId: string): StageRemovalSummary {
  requireNode(doc, stageId, ['stage'], 'stage');
  const touchpoints = (touchpointsByStage(doc).get(stageId) ?? []).map((tp) => tp.id);
  const order = readStageOrder(doc).map(String);
  const at = order.indexOf(stageId);
  return {
    touchpoints,
    notes: touchpoints.filter((id) => firstNoteLine(doc, id) !== '').length,
    metrics: touchpoints.reduce((sum, id) => sum + Object.keys(readMetrics(doc, id)).length, 0),
    media: touchpoints.reduce((sum, id) => sum + readMedia(doc, id).length, 0),
    comments: touchpoints.reduce((sum, id) => sum + readComments(doc, id).length, 0),
    previous: at > 0 ? (order[at - 1] ?? null) : null,
    next: at >= 0 && at < order.length - 1 ? (order[at + 1] ?? null) : null,
  };
}

/** What happens to a removed stage's touchpoints. */
export type StageTouchpoints = { action: 'move'; toStageId: string } | { action: 'delete' };

/** Room between the moved cards and the ones already in the stage they join. */
const MOVE_GAP = 16;

/**
 * Removes a stage in one transaction. `move`: its touchpoints join `toStageId` (another stage), under
 * the cards already there, in their order, keeping their edges. `delete`: they are removed with it,
 * with their edges, notes, metrics, media references and comments.
 */
export function removeStage(doc: Y.Doc, stageId: string, touchpoints: StageTouchpoints, origin?: Origin): void {
  requireNode(doc, stageId, ['stage'], 'stage');
  if (typeof touchpoints !== 'object' || touchpoints === null)
    throw new ModelError('invalid-value', 'touchpoints must say move or delete');
  const byStage = touchpointsByStage(doc);
  const own = byStage.get(stageId) ?? [];
  if (touchpoints.action === 'delete') {
    removeNodes(doc, [stageId, ...own.map((tp) => tp.id)], origin);
    return;
  }
  if (touchpoints.action !== 'move') throw new ModelError('invalid-value', 'touchpoints must say move or delete');
  requireNode(doc, touchpoints.toStageId, ['stage'], 'stage');
  if (touchpoints.toStageId === stageId)
    throw new ModelError('invalid-value', 'a stage cannot take its own touchpoints');
  const there = byStage.get(touchpoints.toStageId) ?? [];
  const firstY = own[0]?.y ?? 0;
  // below the cards already there (or where they were, in an empty stage); they keep their spacing
  const top = there.length ? Math.max(...there.map((tp) => tp.y + tp.h + MOVE_GAP)) : firstY;
  const { nodes } = rootMaps(doc);
  write(doc, origin, () => {
    for (const tp of own) {
      const m = nodes.get(tp.id);
      if (!(m instanceof Y.Map)) continue;
      m.set('stageId', touchpoints.toStageId);
      m.set('y', top + (tp.y - firstY));
    }
    removeNodes(doc, [stageId], origin);
  });
}
