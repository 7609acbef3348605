// A comment field that suggests `@Name` mentions (owners and people present) while typing.
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { useMap } from '../../state/session';
import type { PresenceState } from '../../state/presenceStore';

const NOBODY = createStore<PresenceState>(() => ({ peers: [], following: null }));

/** Names that can be mentioned: the map's owners and the people on the map now. */
export function useMentionNames(): string[] {
  const { store, presence, memberNames } = useMap();
  const owners = useStore(store, (state) => state.owners);
  // a string, so the others' pointer moves do not re-render the field
  const peerNames = useStore(presence ?? NOBODY, (state) => state.peers.map((peer) => peer.user.name).join('\n'));
  return useMemo(
    () =>
      [
        ...new Set([
          ...owners.map((owner) => owner.name),
          ...peerNames.split('\n').filter(Boolean),
          ...(memberNames ?? []),
        ]),
      ].sort(),
    [owners, peerNames, memberNames],
  );
}

export function MentionInput({
  value,
  onChange,
  onSubmit,
  names,
  label,
}: {
  value: string;
  onChange: (text: string) => void;
  onSubmit: () => void;
  names: string[];
  label: string;
}) {
  const partial = /(?:^|\s)@([^\s@]*)$/.exec(value)?.[1];
  const suggestions =
    partial === undefined
      ? []
      : names.filter((name) => name.toLowerCase().startsWith(partial.toLowerCase())).slice(0, 5);
  return (
    <div className="mention-input">
      <textarea
        aria-label={label}
        value={value}
        rows={2}
        maxLength={2000}
        placeholder={label}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) onSubmit();
        }}
      />
      {suggestions.length > 0 && (
        <div className="mention-suggestions" role="listbox">
          {suggestions.map((name) => (
            <button
              key={name}
              type="button"
              role="option"
              aria-selected="false"
              onClick={() => onChange(value.replace(/@([^\s@]*)$/, `@${name} `))}
            >
              @{name}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
