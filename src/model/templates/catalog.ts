// The map templates offered when a map is created, in English and Italian. Each one builds through
// the model's commands in one transaction (build.ts); the content is data (purchase.ts, support.ts, blueprint.ts).
import type * as Y from 'yjs';
import { type Origin } from '../schema';
import { ModelError } from '../errors';
import { buildFromSpec, checkLang, type I18nText, type TemplateLang, type TemplateSpec } from './build';
import { PURCHASE_SPEC } from './purchase';
import { SUPPORT_SPEC } from './support';
import { BLUEPRINT_SPEC } from './blueprint';

export const TEMPLATE_IDS = ['blank', 'purchase', 'omnichannel-support', 'service-blueprint'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface JourneyTemplate {
  id: TemplateId;
  name: I18nText;
  description: I18nText;
  /** Build into an empty journey, in one transaction (throws 'invalid-value' on a non-empty one). */
  build(doc: Y.Doc, lang: TemplateLang, origin?: Origin): void;
}

const BLANK_SPEC: TemplateSpec = {
  id: 'blank',
  title: { en: 'Untitled journey', it: 'Percorso senza titolo' },
  goal: { en: '', it: '' },
  description: { en: '', it: '' },
  channels: [],
  owners: [],
  stages: [],
};

function fromSpec(id: TemplateId, spec: TemplateSpec, name: I18nText, description: I18nText): JourneyTemplate {
  return { id, name, description, build: (doc, lang, origin) => buildFromSpec(doc, spec, lang, origin) };
}

/** The templates, in the order a picker shows them. */
export const TEMPLATES: readonly JourneyTemplate[] = [
  fromSpec(
    'blank',
    BLANK_SPEC,
    { en: 'Blank map', it: 'Mappa vuota' },
    { en: 'Start from an empty canvas.', it: 'Parti da una tela vuota.' },
  ),
  fromSpec(
    'purchase',
    PURCHASE_SPEC,
    { en: 'Purchase journey', it: 'Percorso di acquisto' },
    {
      en: 'Need → research → compare → purchase → use → loyalty, with typical touchpoints and channels.',
      it: 'Bisogno → ricerca → confronto → acquisto → utilizzo → fedeltà, con touchpoint e canali di contatto tipici.',
    },
  ),
  fromSpec(
    'omnichannel-support',
    SUPPORT_SPEC,
    { en: 'Omnichannel support', it: 'Assistenza omnicanale' },
    {
      en: 'A support request across e-mail, phone, WhatsApp, web chat and a review site.',
      it: 'Una richiesta di assistenza tra e-mail, telefono, WhatsApp, chat sul sito e sito di recensioni.',
    },
  ),
  fromSpec(
    'service-blueprint',
    BLUEPRINT_SPEC,
    { en: 'Service blueprint', it: 'Service blueprint' },
    {
      en: 'Frontstage touchpoints with the backstage actions that support them.',
      it: 'Touchpoint in primo piano con le attività di retroscena che li supportano.',
    },
  ),
];

export function templateById(id: string): JourneyTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/**
 * Fill an empty journey from a template (one transaction). The doc may already hold its meta (the
 * server seeds the title): that title is kept. Throws 'not-found' for an unknown template,
 * 'invalid-value' for an unknown language or a journey that already has content.
 */
export function applyTemplate(doc: Y.Doc, templateId: string, lang: TemplateLang, origin?: Origin): void {
  const t = templateById(templateId);
  if (!t) throw new ModelError('not-found', `template ${String(templateId)} does not exist`);
  t.build(doc, checkLang(lang), origin);
}
