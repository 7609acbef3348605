// A persona's avatar: their photo (an image of the map's media) or their initials in their colour.
import type { PersonaNode } from '../model';
import { useMap } from '../state/session';
import { initials } from './initials';
import { readableTextOn } from './contrast';
import { useMediaUrl } from '../sync/useMediaUrl';
import './avatar.css';

export function PersonaAvatar({ persona, size = 32 }: { persona: PersonaNode; size?: number }) {
  const { mapId, mapKey } = useMap();
  const { url } = useMediaUrl(mapId, mapKey, persona.photoMediaId ?? null);
  const style = {
    width: size,
    height: size,
    background: persona.color,
    color: readableTextOn(persona.color),
    fontSize: Math.round(size * 0.38),
  };
  return (
    <span
      className="avatar persona-avatar"
      style={style}
      aria-hidden
      data-photo={persona.photoMediaId && url ? 'yes' : undefined}
    >
      {persona.photoMediaId && url ? <img src={url} alt="" /> : initials(persona.name)}
    </span>
  );
}
