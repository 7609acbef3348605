// The user actions of the canvas toolbar and keyboard shortcuts, each one model command.
import { useMemo } from 'react';
import { useReactFlow } from '@xyflow/react';
import {
  addChannel,
  addNote,
  addOwner,
  addStage,
  addTouchpoint,
  journeyPath,
  moveNodes,
  type ChannelMedium,
} from '../model';
import { useUi } from '../state/uiStore';
import { t } from '../i18n';
import { MEDIUM_STYLE } from '../state/channelStyle';
import { useFitNodes } from './useFitNodes';
import { useMap } from '../state/session';
import { useRevealNode } from './useRevealNode';
import { channelSlot, ownerSlot, targetStage, touchpointInStage } from '../state/placement';
import { sizeOf } from '../state/arrangeView';
import { ESTIMATED_SIZE } from '../state/layout';
import { tidyUp } from '../state/tidyUp';

export interface JourneyActions {
  addStage(): void;
  addTouchpoint(): void;
  addChannel(preset: { label: string; medium: ChannelMedium }): void;
  addOwner(): void;
  addNote(): void;
  /** Lays the whole map out (tidyUp), as one undo step. */
  tidyUp(): void;
  fitView(): void;
}

export function useJourneyActions(): JourneyActions {
  const { doc, store, run, undo } = useMap();
  const flow = useReactFlow();
  const startNaming = useUi((state) => state.startNaming);
  const fit = useFitNodes();
  const reveal = useRevealNode();

  return useMemo(() => {
    const countKind = (kind: string) =>
      [...store.getState().modelNodes.values()].filter((node) => node.kind === kind).length;
    const selectOnly = (id: string) => {
      store.setState((state) => ({ nodes: state.nodes.map((node) => ({ ...node, selected: node.id === id })) }));
    };
    // an add starts a step of its own (two quick adds are two steps); naming it joins it (useNodeLabel)
    const runAdd: typeof run = (command) => {
      undo?.stopCapturing();
      return run(command);
    };
    const created = (id: unknown) => {
      if (typeof id !== 'string') return;
      selectOnly(id);
      reveal(id); // mounted where the person looks, its rename box opens there
      startNaming(id);
    };
    return {
      addStage() {
        let id: unknown;
        if (runAdd(() => (id = addStage(doc, { label: t('new.stage', { n: countKind('stage') + 1 }) })))) created(id);
      },
      addTouchpoint() {
        const { modelNodes, stages, nodes } = store.getState();
        const selected = nodes.filter((node) => node.selected).flatMap((node) => modelNodes.get(node.id) ?? []);
        const placement = touchpointInStage(targetStage(selected, stages), modelNodes.values());
        let id: unknown;
        if (runAdd(() => (id = addTouchpoint(doc, { ...placement, label: t('new.touchpoint') })))) created(id);
      },
      addChannel(preset) {
        const slot = channelSlot(countKind('channel'));
        let id: unknown;
        const type = MEDIUM_STYLE[preset.medium].defaultType;
        if (runAdd(() => (id = addChannel(doc, { label: preset.label, medium: preset.medium, type, ...slot }))))
          created(id);
      },
      addOwner() {
        const slot = ownerSlot(countKind('owner'));
        let id: unknown;
        // the role is optional: left empty, not a placeholder word that would be printed
        if (runAdd(() => (id = addOwner(doc, { name: t('new.owner'), ...slot })))) created(id);
      },
      addNote() {
        const center = flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
        let id: unknown;
        if (runAdd(() => (id = addNote(doc, { label: t('new.note'), x: center.x - 100, y: center.y - 60 }))))
          created(id);
      },
      tidyUp() {
        const { columns, nodes, modelNodes, stages } = store.getState();
        const sizes = new Map(nodes.map((node) => [node.id, sizeOf(node)]));
        const size = (id: string, fallback: { width: number; height: number }) => sizes.get(id) ?? fallback;
        const path = journeyPath(doc).map((card) => ({
          id: card.id,
          stageId: card.stageId,
          lane: card.lane,
          channelId: card.channelId,
          ...size(card.id, { width: card.w, height: card.h }),
        }));
        const all = [...modelNodes.values()];
        const channels = all.flatMap((node) =>
          node.kind === 'channel' ? [{ id: node.id, x: node.x, ...size(node.id, ESTIMATED_SIZE.channel) }] : [],
        );
        const owners = all.flatMap((node) =>
          node.kind === 'owner' ? [{ id: node.id, x: node.x, width: size(node.id, ESTIMATED_SIZE.owner).width }] : [],
        );
        const stageOwners = new Map(
          stages.flatMap((stage) => (stage.ownerId ? [[stage.id, stage.ownerId] as const] : [])),
        );
        const moves = tidyUp({ columns, path, channels, owners, stageOwners });
        if (moves.length === 0) return;
        undo?.stopCapturing(); // the whole tidy-up is one undo step of its own
        run(() => moveNodes(doc, moves));
        undo?.stopCapturing();
        requestAnimationFrame(() => fit({ duration: 250 }));
      },
      fitView() {
        fit({ duration: 250 });
      },
    };
  }, [doc, store, run, undo, flow, fit, reveal, startNaming]);
}
