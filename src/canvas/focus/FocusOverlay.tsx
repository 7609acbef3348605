// Mounted inside <ReactFlow>: the dimming stylesheet, the focus banner, and the viewport bridge
// that lets the sidebar bring a node into view.
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useCanvasBridge } from './canvasBridge';
import { FocusStyles } from './FocusStyles';
import { FocusBanner } from './FocusBanner';

export function FocusOverlay() {
  const flow = useReactFlow();
  useEffect(() => {
    useCanvasBridge.setState({ fitNodes: (ids) => void flow.fitView({ nodes: ids.map((id) => ({ id })), padding: 0.25, duration: 300, maxZoom: 1 }) });
    return () => useCanvasBridge.setState({ fitNodes: null });
  }, [flow]);
  return (
    <>
      <FocusStyles />
      <FocusBanner />
    </>
  );
}
