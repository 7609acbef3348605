// Mounted inside <ReactFlow>: the dimming stylesheet and the focus banner.
import { FocusStyles } from './FocusStyles';
import { FocusBanner } from './FocusBanner';

export function FocusOverlay() {
  return (
    <>
      <FocusStyles />
      <FocusBanner />
    </>
  );
}
