// Draws its children in the viewport's coordinates, like React Flow's ViewportPortal. That one looks
// its target element up (querySelector) on every change of React Flow's state, every drag frame
// included; this one looks it up once per canvas.
import { useLayoutEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useStore as useFlowState, type ReactFlowState } from '@xyflow/react';

const selectDomNode = (state: ReactFlowState) => state.domNode;

export function ViewportLayer({ children }: { children: ReactNode }) {
  const domNode = useFlowState(selectDomNode);
  const [target, setTarget] = useState<Element | null>(null);
  useLayoutEffect(() => setTarget(domNode?.querySelector('.react-flow__viewport-portal') ?? null), [domNode]);
  return target ? createPortal(children, target) : null;
}
