// An outline, with the person's name, on the nodes someone else has selected. Drawn with one
// injected stylesheet keyed by node id, so no node component re-renders when others click around.
import { memo } from 'react';
import { useStore } from 'zustand';
import type { PresenceStore, PresenceState } from '../../state/presenceStore';

/** "id\tcolor\tname" lines, one per outlined node (the first person wins); stable between cursor moves. */
function outlineKey(state: PresenceState): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const peer of state.peers) {
    for (const id of peer.selection) {
      if (seen.has(id)) continue;
      seen.add(id);
      lines.push(`${id}\t${peer.user.color}\t${peer.user.name}`);
    }
  }
  return lines.join('\n');
}

const quote = (text: string) => `"${text.replace(/["\\\n]/g, ' ')}"`;

export function remoteSelectionCss(key: string): string {
  if (!key) return '';
  return key
    .split('\n')
    .map((line) => {
      const [id = '', color = '#6b7280', name = ''] = line.split('\t');
      const selector = `.react-flow__node[data-id="${CSS.escape(id)}"]`;
      return `${selector} { outline: 2px solid ${color}; outline-offset: 3px; border-radius: 10px; }
${selector}::after { content: ${quote(name)}; position: absolute; top: -22px; right: 0; padding: 1px 6px; border-radius: 4px; background: ${color}; color: #fff; font-size: 11px; font-weight: 600; white-space: nowrap; pointer-events: none; }`;
    })
    .join('\n');
}

export const RemoteSelections = memo(function RemoteSelections({ presence }: { presence: PresenceStore }) {
  const key = useStore(presence, outlineKey);
  return <style data-testid="remote-selections">{remoteSelectionCss(key)}</style>;
});
