// Building a journey from a template spec: plain data (in English and Italian) turned into the
// model's own commands, all inside one transaction so a template is one undo step and one update.
// Ids are fixed by the spec: if two peers apply a template to the same new map at once, each key is
// written twice with the same meaning and the merge keeps one copy (repair drops the repeated
// stageOrder entries), instead of two copies of everything.
import type * as Y from 'yjs';
import {
  LOCAL_USER,
  type ChannelMedium,
  type ChannelPreference,
  type ChannelType,
  type Lane,
  type NeedPriority,
  type Origin,
} from '../schema';
import { ModelError } from '../errors';
import { initJourney, setJourneyMeta } from '../commands/meta';
import { addStage, assignStageOwner } from '../commands/stage';
import { addTouchpoint, setEmotion, setTouchpointList } from '../commands/touchpoint';
import { addChannel, addOwner, addPersona } from '../commands/entities';
import { addNeed, setPersonaChannelPreference, setPersonaNeedWeight } from '../commands/needs';
import { connect } from '../commands/edge';
import { journeyHasMapContent, needIdFromText } from '../migrations';
import { rootMaps } from '../doc-roots';

export const TEMPLATE_LANGS = ['en', 'it'] as const;
export type TemplateLang = (typeof TEMPLATE_LANGS)[number];

/** A text in every template language. */
export interface I18nText {
  en: string;
  it: string;
}

export interface TouchpointSpec {
  id: string;
  label: I18nText;
  channelId: string;
  emotion: number;
  lane?: Lane; // default 'front'; 'back' = a backstage action (service blueprint)
  painPoints?: I18nText[];
  opportunities?: I18nText[];
}

export interface TemplateSpec {
  id: string;
  title: I18nText;
  goal: I18nText;
  description: I18nText;
  channels: Array<{ id: string; label: I18nText; type: ChannelType; medium: ChannelMedium; needs?: I18nText[] }>;
  owners: Array<{ id: string; name: I18nText; role: I18nText }>;
  stages: Array<{ id: string; label: I18nText; goal: I18nText; ownerId?: string; touchpoints: TouchpointSpec[] }>;
  /** Needs no channel lists (the channels' own needs are made from their `needs`). */
  extraNeeds?: Array<{ label: I18nText; priority: NeedPriority }>;
  personas?: PersonaSpec[];
}

export interface PersonaSpec {
  id: string;
  name: I18nText;
  description: I18nText;
  /** Need (its English text) → weight 1..3. */
  needs: Array<[string, number]>;
  channels: Array<[string, ChannelPreference]>;
}

/** The id of a template need: made from its English text, as migration 3 makes ids from old tags. */
function templateNeedId(text: I18nText): string {
  return needIdFromText(text.en);
}

/** Every need of the spec once, in the order the channels name them, then the extra ones. */
function specNeeds(spec: TemplateSpec): Array<{ label: I18nText; priority: NeedPriority }> {
  const out = new Map<string, { label: I18nText; priority: NeedPriority }>();
  for (const c of spec.channels)
    for (const n of c.needs ?? []) out.set(templateNeedId(n), { label: n, priority: 'medium' });
  for (const n of spec.extraNeeds ?? []) out.set(templateNeedId(n.label), n);
  return [...out.values()];
}

/**
 * Canvas positions (src/state/layout.ts): touchpoints relative to their stage column, stacked in the
 * Touchpoints lane (y 84..464); channels absolute in the Channels lane (y 486..606); owners in the
 * people rail above the headers.
 */
export const TEMPLATE_LAYOUT = {
  touchpoint: { x: 20, y0: 100, dy: 112 },
  channel: { x0: 16, dx: 176, y: 508 },
  owner: { x0: 0, dx: 186, y: -96 },
} as const;

export function checkLang(lang: unknown): TemplateLang {
  if (typeof lang !== 'string' || !(TEMPLATE_LANGS as readonly string[]).includes(lang)) {
    throw new ModelError('invalid-value', `lang must be one of ${TEMPLATE_LANGS.join(', ')}`);
  }
  return lang as TemplateLang;
}

/** The spec's front-lane touchpoints in stage order: the customer's path, chained by path edges. */
export function specPath(spec: TemplateSpec): TouchpointSpec[] {
  return spec.stages.flatMap((s) => s.touchpoints.filter((t) => (t.lane ?? 'front') === 'front'));
}

/**
 * The journey's meta: a fresh doc gets the template's title, goal and description; a doc whose meta
 * the server already seeded keeps its title (the user's) and gets the goal, description (if empty)
 * and templateId — which initJourney never rewrites, hence the direct write.
 */
function stampMeta(doc: Y.Doc, spec: TemplateSpec, l: TemplateLang, origin: Origin): void {
  const meta = rootMaps(doc).meta;
  if (typeof meta.get('schemaVersion') !== 'number') {
    initJourney(
      doc,
      { title: spec.title[l], goal: spec.goal[l], description: spec.description[l], templateId: spec.id },
      origin,
    );
    return;
  }
  const patch: { goal?: string; description?: string } = {};
  if (!meta.get('goal')) patch.goal = spec.goal[l];
  if (!meta.get('description')) patch.description = spec.description[l];
  setJourneyMeta(doc, patch, origin);
  if (!meta.get('templateId')) meta.set('templateId', spec.id);
}

/** Build `spec` into an empty journey (throws 'invalid-value', writing nothing, on a non-empty one). */
export function buildFromSpec(doc: Y.Doc, spec: TemplateSpec, lang: TemplateLang, origin?: Origin): void {
  const l = checkLang(lang);
  if (journeyHasMapContent(doc))
    throw new ModelError('invalid-value', 'a template can only be applied to an empty journey');
  const o = origin ?? LOCAL_USER;
  const L = TEMPLATE_LAYOUT;
  doc.transact(() => {
    stampMeta(doc, spec, l, o);
    for (const n of specNeeds(spec))
      addNeed(doc, { id: templateNeedId(n.label), label: n.label[l], priority: n.priority }, o);
    spec.channels.forEach((c, i) => {
      const needIds = (c.needs ?? []).map(templateNeedId);
      addChannel(
        doc,
        {
          id: c.id,
          label: c.label[l],
          type: c.type,
          medium: c.medium,
          needIds,
          x: L.channel.x0 + i * L.channel.dx,
          y: L.channel.y,
        },
        o,
      );
    });
    spec.owners.forEach((w, i) =>
      addOwner(doc, { id: w.id, name: w.name[l], role: w.role[l], x: L.owner.x0 + i * L.owner.dx, y: L.owner.y }, o),
    );
    for (const s of spec.stages) {
      addStage(doc, { id: s.id, label: s.label[l], goal: s.goal[l] }, o);
      if (s.ownerId !== undefined) assignStageOwner(doc, s.id, s.ownerId, o);
      s.touchpoints.forEach((t, j) => {
        const pos = { x: L.touchpoint.x, y: L.touchpoint.y0 + j * L.touchpoint.dy };
        addTouchpoint(
          doc,
          { id: t.id, stageId: s.id, label: t.label[l], channelId: t.channelId, lane: t.lane ?? 'front', ...pos },
          o,
        );
        if (t.emotion !== 0) setEmotion(doc, t.id, t.emotion, o);
        if (t.painPoints)
          setTouchpointList(
            doc,
            t.id,
            'painPoints',
            t.painPoints.map((p) => p[l]),
            o,
          );
        if (t.opportunities)
          setTouchpointList(
            doc,
            t.id,
            'opportunities',
            t.opportunities.map((p) => p[l]),
            o,
          );
      });
    }
    for (const p of spec.personas ?? []) addTemplatePersona(doc, p, l, o);
    const path = specPath(spec);
    for (let i = 1; i < path.length; i++) {
      const source = path[i - 1];
      const target = path[i];
      if (source && target) connect(doc, { id: `path-${i}`, source: source.id, target: target.id }, o);
    }
  }, o);
}

function addTemplatePersona(doc: Y.Doc, p: PersonaSpec, l: TemplateLang, o: Origin): void {
  addPersona(doc, { id: p.id, name: p.name[l], description: p.description[l] }, o);
  for (const [needText, weight] of p.needs) setPersonaNeedWeight(doc, p.id, needIdFromText(needText), weight, o);
  for (const [channelId, pref] of p.channels) setPersonaChannelPreference(doc, p.id, channelId, pref, undefined, o);
}
