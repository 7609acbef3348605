// The outline's edits, each one model command (one undo step): rename, add a touchpoint or a stage
// (named as it is created), move a touchpoint to the neighbouring stage or a stage one place, delete.
// Each returns what to announce to a screen reader, and the id to focus next where there is one.
import { useMemo } from 'react';
import {
  addStage,
  addTouchpoint,
  moveStage,
  removeNodes,
  setLabel,
  setTouchpointStage,
  stageRemovalSummary,
} from '../../model';
import { useMap } from '../../state/session';
import { useUi } from '../../state/uiStore';
import { touchpointInStage } from '../../state/placement';
import { useT } from '../../i18n';
import { neighbourStage, type OutlineRow, type OutlineStage } from './outlineModel';

export interface OutlineResult {
  announce: string;
  focus?: string;
}

export interface OutlineCommands {
  rename(id: string, label: string): OutlineResult | null;
  addTouchpoint(stageId: string | null, label: string): OutlineResult | null;
  addStage(label: string): OutlineResult | null;
  move(row: OutlineRow, step: -1 | 1): OutlineResult | null;
  remove(id: string): OutlineResult | null;
}

export function useOutlineCommands(outline: readonly OutlineStage[]): OutlineCommands {
  const { doc, store, run } = useMap();
  const t = useT();
  return useMemo(() => {
    const labelOf = (id: string) => store.getState().modelNodes.get(id)?.label ?? '';
    return {
      rename(id, label) {
        return run(() => setLabel(doc, id, label)) ? { announce: t('outline.renamed', { label }) } : null;
      },
      addTouchpoint(stageId, label) {
        const placement = touchpointInStage(stageId, store.getState().modelNodes.values());
        let id = '';
        if (!run(() => (id = addTouchpoint(doc, { ...placement, label })))) return null;
        return { announce: t('outline.added', { label }), focus: id };
      },
      addStage(label) {
        let id = '';
        if (!run(() => (id = addStage(doc, { label })))) return null;
        return { announce: t('outline.added', { label }), focus: id };
      },
      move(row, step) {
        if (row.kind === 'touchpoint') {
          const target = neighbourStage(outline, row.stageId, step);
          if (!target?.id) return { announce: t('outline.noFurther') };
          const others = [...store.getState().modelNodes.values()].filter((node) => node.id !== row.id);
          const { x, y } = touchpointInStage(target.id, others);
          const stageId = target.id;
          if (!run(() => setTouchpointStage(doc, row.id, stageId, { x, y }))) return null;
          return { announce: t('outline.movedTo', { label: labelOf(row.id), stage: target.label }), focus: row.id };
        }
        const order = store.getState().stages.map((stage) => stage.id);
        const index = order.indexOf(row.id) + step;
        if (index < 0 || index >= order.length) return { announce: t('outline.noFurther') };
        if (!run(() => moveStage(doc, row.id, index))) return null;
        return {
          announce: t('outline.stageMoved', { label: labelOf(row.id), n: index + 1, total: order.length }),
          focus: row.id,
        };
      },
      remove(id) {
        // the canvas's rule: a stage holding touchpoints asks first what becomes of them (its
        // StageDeleteDialog); anything else goes at once, and one undo step brings it back
        if (
          store.getState().stages.some((stage) => stage.id === id) &&
          stageRemovalSummary(doc, id).touchpoints.length
        ) {
          useUi.getState().askToDeleteStage(id);
          return null;
        }
        const label = labelOf(id);
        return run(() => removeNodes(doc, [id])) ? { announce: t('outline.deleted', { label }) } : null;
      },
    };
  }, [doc, store, run, t, outline]);
}
