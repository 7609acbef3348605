// Personas: the photo command and the per-persona reading of the map.
//
// The persona rule: a touchpoint applies to the personas listed in its `personaIds`; a touchpoint
// with NO personaIds applies to every persona (most steps are everyone's; listing personas narrows
// a step down). Ids in personaIds that name no persona are ignored.
import * as Y from 'yjs';
import { type Origin, type TouchpointNode } from './schema';
import { ModelError } from './errors';
import { kindOf, requireNode, setIfChanged, write } from './tx';
import { rootMaps } from './doc-roots';
import { journeyPath } from './queries';
import { checkMediaId, checkMediaRef, mediaField, readMediaOf, type MediaRef } from './media';

/**
 * Set or clear a persona's photo. `photo` is either the id of an image already attached to the
 * persona ('not-found' otherwise), or a MediaRef of an image — attached to the persona (if it is
 * not yet) and made the photo in the same transaction, so it is one undo step. null clears the photo
 * (the media stays attached). detachMedia of the photo clears it too.
 */
export function setPersonaPhoto(doc: Y.Doc, personaId: string, photo: string | MediaRef | null, origin?: Origin): void {
  const m = requireNode(doc, personaId, ['persona'], 'persona');
  if (photo === null) {
    write(doc, origin, () => {
      if (m.has('photoMediaId')) m.delete('photoMediaId');
    });
    return;
  }
  const attached = readMediaOf(m);
  let ref: MediaRef;
  let attach = false;
  if (typeof photo === 'string') {
    const id = checkMediaId(photo);
    const found = attached.find((r) => r.id === id);
    if (!found) throw new ModelError('not-found', `media ${id} is not attached to persona ${personaId}`);
    ref = found;
  } else {
    ref = checkMediaRef(photo, 'photo');
    attach = !attached.some((r) => r.id === ref.id);
  }
  if (ref.kind !== 'image') throw new ModelError('invalid-value', `a persona photo must be an image, not ${ref.kind}`);
  write(doc, origin, () => {
    if (attach) mediaField(m).push([ref]);
    setIfChanged(m, 'photoMediaId', ref.id);
  });
}

/** Whether a touchpoint applies to a persona (see the rule at the top of this file). */
export function appliesToPersona(t: TouchpointNode, personaId: string, personaIds: ReadonlySet<string>): boolean {
  const listed = t.personaIds.filter((p) => personaIds.has(p));
  return listed.length === 0 || listed.includes(personaId);
}

/** The ids of the map's personas. */
export function personaIdSet(doc: Y.Doc): Set<string> {
  const out = new Set<string>();
  rootMaps(doc).nodes.forEach((m, id) => {
    if (m instanceof Y.Map && kindOf(m) === 'persona') out.add(id);
  });
  return out;
}

/** The touchpoints that apply to `personaId`, in journey-path order (see journeyPath). */
export function touchpointsForPersona(doc: Y.Doc, personaId: string): TouchpointNode[] {
  const path = journeyPath(doc);
  const personas = personaIdSet(doc);
  return path.filter((t) => appliesToPersona(t, personaId, personas));
}
