import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  SCHEMA_VERSION,
  TEMPLATES,
  TEMPLATE_LAYOUT,
  addStage,
  applyTemplate,
  ensureDefaultMetricDefs,
  initJourney,
  journeyPath,
  readEdges,
  readMeta,
  readNodes,
  stagesInOrder,
  validateJourney,
  type ChannelNode,
  type JourneyNode,
  type TemplateLang,
  type TouchpointNode,
} from './model';
import { expectOneTransaction, expectRejected, newDoc } from './helpers';

const LANGS: TemplateLang[] = ['en', 'it'];
const STAGE_COUNTS: Record<string, number> = {
  blank: 0,
  purchase: 6,
  'omnichannel-support': 5,
  'service-blueprint': 4,
};
const ORIGIN = { kind: 'local-user' } as const;

function build(id: string, lang: TemplateLang) {
  const doc = newDoc();
  expectOneTransaction(doc, () => applyTemplate(doc, id, lang), ORIGIN);
  return doc;
}

const touchpoints = (nodes: JourneyNode[]) => nodes.filter((n): n is TouchpointNode => n.kind === 'touchpoint');
const channels = (nodes: JourneyNode[]) => nodes.filter((n): n is ChannelNode => n.kind === 'channel');

describe('templates', () => {
  it('offers blank, purchase, omnichannel-support and service-blueprint, named in both languages', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(['blank', 'purchase', 'omnichannel-support', 'service-blueprint']);
    for (const t of TEMPLATES) {
      expect(t.name.en).not.toBe('');
      expect(t.description.it).not.toBe(t.description.en);
    }
  });

  for (const t of TEMPLATES) {
    for (const lang of LANGS) {
      it(`${t.id} (${lang}) builds a valid map in one transaction`, () => {
        const doc = build(t.id, lang);
        expect(validateJourney(doc)).toEqual([]);
        expect(readMeta(doc)).toMatchObject({ templateId: t.id, schemaVersion: SCHEMA_VERSION });
        expect(stagesInOrder(doc)).toHaveLength(STAGE_COUNTS[t.id] ?? -1);
        const nodes = readNodes(doc);
        const ids = new Map(nodes.map((n) => [n.id, n.kind]));
        const tps = touchpoints(nodes);
        for (const tp of tps) {
          expect(ids.get(tp.stageId ?? ''), `${tp.id} stage`).toBe('stage');
          expect(ids.get(tp.channelId ?? ''), `${tp.id} channel`).toBe('channel');
          // Inside the Touchpoints lane of its column.
          expect(tp.x).toBe(TEMPLATE_LAYOUT.touchpoint.x);
          expect((tp.y - 100) % 112).toBe(0);
          expect(tp.y + tp.h).toBeLessThanOrEqual(464);
        }
        channels(nodes).forEach((c) => {
          expect(c.y).toBe(508);
          expect((c.x - 16) % 176).toBe(0);
        });
        for (const o of nodes.filter((n) => n.kind === 'owner')) expect(o.y).toBe(-96);
        for (const s of stagesInOrder(doc)) expect(ids.get(s.ownerId ?? '')).toBe('owner');

        // Path edges: one chain through the front-lane touchpoints, in journey-path order.
        const front = journeyPath(doc)
          .filter((tp) => tp.lane === 'front')
          .map((tp) => tp.id);
        const edges = readEdges(doc);
        expect(edges).toHaveLength(Math.max(0, front.length - 1));
        const next = new Map(edges.map((e) => [e.source, e.target]));
        expect(next.size).toBe(edges.length); // out-degree ≤ 1
        expect(new Set(edges.map((e) => e.target)).size).toBe(edges.length); // in-degree ≤ 1
        const chain = front.length ? [front[0]] : [];
        while (chain.length <= front.length && next.has(chain[chain.length - 1] ?? ''))
          chain.push(next.get(chain[chain.length - 1] ?? ''));
        expect(chain).toEqual(front);
      });
    }

    it(`${t.id}: Italian labels differ from English`, () => {
      const en = build(t.id, 'en');
      const it_ = build(t.id, 'it');
      expect(readMeta(it_).title).not.toBe(readMeta(en).title);
      const enStages = stagesInOrder(en).map((s) => s.label);
      const itStages = stagesInOrder(it_).map((s) => s.label);
      itStages.forEach((l, i) => expect(l).not.toBe(enStages[i]));
      const label = new Map(readNodes(en).map((n) => [n.id, n.label]));
      for (const tp of touchpoints(readNodes(it_))) expect(tp.label, tp.id).not.toBe(label.get(tp.id));
      expect(readNodes(it_).map((n) => n.id)).toEqual(readNodes(en).map((n) => n.id)); // same shape
    });
  }

  it('purchase: need → research → compare → purchase → use → loyalty, with pain points and opportunities', () => {
    const doc = build('purchase', 'en');
    expect(stagesInOrder(doc).map((s) => s.label)).toEqual([
      'Need',
      'Research',
      'Compare',
      'Purchase',
      'Use',
      'Loyalty',
    ]);
    expect(stagesInOrder(build('purchase', 'it')).map((s) => s.label)).toEqual([
      'Bisogno',
      'Ricerca',
      'Confronto',
      'Acquisto',
      'Utilizzo',
      'Fedeltà',
    ]);
    const tps = touchpoints(readNodes(doc));
    expect(tps.filter((t) => t.painPoints.length > 0).length).toBeGreaterThanOrEqual(2);
    expect(tps.filter((t) => t.opportunities.length > 0).length).toBeGreaterThanOrEqual(2);
    expect(new Set(tps.map((t) => t.emotion)).size).toBeGreaterThan(2);
  });

  it('omnichannel-support: e-mail → phone → WhatsApp → web chat → review site, emotion falling then recovering', () => {
    const doc = build('omnichannel-support', 'en');
    const byId = new Map(readNodes(doc).map((n) => [n.id, n]));
    const path = journeyPath(doc);
    const media = path.map((t) => (byId.get(t.channelId ?? '') as ChannelNode).medium);
    expect(media).toEqual(['email', 'phone', 'messaging', 'messaging', 'review']);
    expect(path.map((t) => byId.get(t.channelId ?? '')?.label)).toEqual([
      'E-mail',
      'Contact centre phone',
      'WhatsApp',
      'Web chat',
      'Review site',
    ]);
    const e = path.map((t) => t.emotion);
    const low = e.indexOf(Math.min(...e));
    expect(low).toBeGreaterThan(0);
    expect(low).toBeLessThan(e.length - 1);
    for (let i = 1; i <= low; i++) expect(e[i]).toBeLessThan(e[i - 1] ?? 0);
    for (let i = low + 1; i < e.length; i++) expect(e[i]).toBeGreaterThanOrEqual(e[i - 1] ?? 0);
    expect(e[e.length - 1]).toBeGreaterThan(e[0] ?? 0);
  });

  it('service-blueprint: every stage has frontstage and backstage touchpoints; backstage is off the path', () => {
    const doc = build('service-blueprint', 'it');
    const tps = touchpoints(readNodes(doc));
    for (const s of stagesInOrder(doc)) {
      const here = tps.filter((t) => t.stageId === s.id);
      expect(here.some((t) => t.lane === 'front')).toBe(true);
      expect(here.some((t) => t.lane === 'back')).toBe(true);
    }
    const onPath = new Set(readEdges(doc).flatMap((e) => [e.source, e.target]));
    for (const t of tps.filter((x) => x.lane === 'back')) expect(onPath.has(t.id)).toBe(false);
  });

  it('keeps the title of a map the server already seeded, and records the template', () => {
    const doc = newDoc();
    initJourney(doc, { title: 'Our refunds' });
    applyTemplate(doc, 'purchase', 'it');
    expect(readMeta(doc)).toMatchObject({
      title: 'Our refunds',
      templateId: 'purchase',
      goal: 'Acquistare un prodotto adatto al mio bisogno',
    });
    expect(validateJourney(doc)).toEqual([]);
  });

  it('refuses a non-empty map, an unknown template or language, writing nothing', () => {
    const doc = newDoc();
    addStage(doc, { label: 'Mine', id: 'mine' });
    expectRejected(doc, () => applyTemplate(doc, 'purchase', 'en'), 'invalid-value');
    const fresh = newDoc();
    expectRejected(fresh, () => applyTemplate(fresh, 'nope', 'en'), 'not-found');
    expectRejected(fresh, () => applyTemplate(fresh, 'purchase', 'fr' as TemplateLang), 'invalid-value');
    const t = TEMPLATES[1];
    expectRejected(doc, () => t?.build(doc, 'en'), 'invalid-value');
  });

  it('builds with the given origin', () => {
    const doc = newDoc();
    expectOneTransaction(doc, () => applyTemplate(doc, 'service-blueprint', 'en', { kind: 'import' }), {
      kind: 'import',
    });
  });
});

describe('templates on a map whose editor already stored the default metric definitions', () => {
  it('still applies (metric definitions are settings, not content)', () => {
    const doc = new Y.Doc();
    ensureDefaultMetricDefs(doc);
    applyTemplate(doc, 'purchase', 'en');
    expect(stagesInOrder(doc).length).toBeGreaterThan(3);
  });
});
