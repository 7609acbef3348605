// Journey-level commands: the map's title, goal and description.
import type * as Y from 'yjs';
import { LIMITS, SCHEMA_VERSION, type Origin } from '../schema';
import { checkLabel, checkText } from '../validate-input';
import { setIfChanged, write } from '../tx';
import { rootMaps } from '../doc-roots';

export interface InitJourneyArgs {
  title: string;
  goal?: string;
  description?: string;
  templateId?: string;
}

/**
 * Start a map's meta. Safe to call twice (or on two peers): once schemaVersion is set, only the
 * given title/goal are updated, never createdAt or templateId.
 */
export function initJourney(doc: Y.Doc, args: InitJourneyArgs, origin?: Origin): void {
  const title = checkLabel(args.title, 'title');
  const goal = args.goal === undefined ? undefined : checkText(args.goal, 'goal');
  const description = args.description === undefined ? undefined : checkText(args.description, 'description');
  const templateId = args.templateId === undefined ? '' : checkText(args.templateId, 'templateId', LIMITS.idMax);
  const meta = rootMaps(doc).meta;
  write(doc, origin, () => {
    if (typeof meta.get('schemaVersion') === 'number') {
      setIfChanged(meta, 'title', title);
      if (goal !== undefined) setIfChanged(meta, 'goal', goal);
      return;
    }
    meta.set('title', title);
    meta.set('goal', goal ?? '');
    meta.set('description', description ?? '');
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('createdAt', new Date().toISOString());
    meta.set('templateId', templateId);
  });
}

export interface JourneyMetaPatch {
  title?: string;
  goal?: string;
  description?: string;
}

export function setJourneyMeta(doc: Y.Doc, patch: JourneyMetaPatch, origin?: Origin): void {
  const title = patch.title === undefined ? undefined : checkLabel(patch.title, 'title');
  const goal = patch.goal === undefined ? undefined : checkText(patch.goal, 'goal');
  const description = patch.description === undefined ? undefined : checkText(patch.description, 'description');
  const meta = rootMaps(doc).meta;
  write(doc, origin, () => {
    if (title !== undefined) setIfChanged(meta, 'title', title);
    if (goal !== undefined) setIfChanged(meta, 'goal', goal);
    if (description !== undefined) setIfChanged(meta, 'description', description);
  });
}
