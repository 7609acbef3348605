// The others' pointers on the canvas, each with their name, at a constant size whatever the zoom.
import { memo } from 'react';
import { useViewport } from '@xyflow/react';
import { ViewportLayer } from '../ViewportLayer';
import { useStore } from 'zustand';
import type { PresenceStore } from '../../state/presenceStore';

export const RemoteCursors = memo(function RemoteCursors({ presence }: { presence: PresenceStore }) {
  const peers = useStore(presence, (state) => state.peers);
  const { zoom } = useViewport();
  return (
    <ViewportLayer>
      {peers.map((peer) =>
        peer.cursor ? (
          <div
            key={peer.clientId}
            className="remote-cursor"
            data-testid="remote-cursor"
            style={{
              transform: `translate(${peer.cursor.x}px, ${peer.cursor.y}px) scale(${1 / zoom})`,
              ['--peer-color' as string]: peer.user.color,
            }}
          >
            <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden>
              <path
                d="M2 1 L2 15 L6 11 L9 17 L11 16 L8 10 L14 10 Z"
                fill={peer.user.color}
                stroke="#fff"
                strokeWidth="1.2"
              />
            </svg>
            <span className="remote-cursor-name">{peer.user.name}</span>
          </div>
        ) : null,
      )}
    </ViewportLayer>
  );
});
