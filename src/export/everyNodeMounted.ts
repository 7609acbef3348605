// The canvas mounts only the nodes in view; an export clones the canvas's DOM, so it first mounts
// every node and waits until React Flow has measured them all (their real heights decide the bounds).
import type { InternalNode } from '@xyflow/react';
import { useUi } from '../state/uiStore';
import { everyNodeMeasured } from '../canvas/everyNodeMeasured';
import { throwIfCancelled, yieldToBrowser } from './download';

const MOUNT_TIMEOUT_MS = 20_000;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Runs `work` with every node of the canvas mounted and measured; back to nodes in view afterwards. */
export async function withEveryNodeMounted<T>(
  flowStore: { getState(): { nodeLookup: ReadonlyMap<string, InternalNode> } },
  work: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const ui = useUi.getState();
  ui.setRenderAllNodes(true);
  try {
    const started = performance.now();
    await yieldToBrowser();
    while (!everyNodeMeasured(flowStore.getState().nodeLookup)) {
      throwIfCancelled(signal);
      if (performance.now() - started > MOUNT_TIMEOUT_MS) throw new Error('the map took too long to draw');
      await nextFrame();
    }
    await nextFrame(); // edges are positioned from the measured handles in the frame after
    return await work();
  } finally {
    ui.setRenderAllNodes(false);
  }
}
