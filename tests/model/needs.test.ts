// Customer needs, persona channel preferences, and what the census computes from them.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addNeed,
  addPersona,
  addTouchpoint,
  channelCensus,
  channelInventory,
  channelTransitions,
  comparePersonas,
  exportJourney,
  importJourney,
  initJourney,
  migrateJourney,
  needsMatrix,
  readNodes,
  removeNodes,
  repairJourney,
  repairMayBeNeeded,
  rootMaps,
  setMetricValue,
  setPersonaChannelPreference,
  setPersonaNeedWeight,
  setServedNeeds,
  setTouchpointPersonas,
  validateJourney,
  type PersonaNode,
} from './model';
import { expectOneTransaction, expectRejected, newDoc, syncPair } from './helpers';
import { omnichannelSupport } from './fixtures-metrics';

function persona(doc: Y.Doc, id: string): PersonaNode {
  const p = readNodes(doc).find((n) => n.id === id);
  if (p?.kind !== 'persona') throw new Error(`no persona ${id}`);
  return p;
}

/** The fixture with two personas: Giulia avoids the phone and prefers WhatsApp; Marco prefers the phone. */
function withPersonas(): Y.Doc {
  const doc = omnichannelSupport();
  addPersona(doc, { name: 'Giulia', id: 'giulia' });
  addPersona(doc, { name: 'Marco', id: 'marco' });
  setPersonaNeedWeight(doc, 'giulia', 'urgent', 3);
  setPersonaNeedWeight(doc, 'giulia', 'quick', 1);
  setPersonaChannelPreference(doc, 'giulia', 'phone', 'avoided', 10);
  setPersonaChannelPreference(doc, 'giulia', 'whatsapp', 'preferred', 70);
  setPersonaNeedWeight(doc, 'marco', 'urgent', 2);
  setPersonaChannelPreference(doc, 'marco', 'phone', 'preferred');
  return doc;
}

describe('needs and preferences: commands', () => {
  it('stores weights and preferences as one transaction each, and clears them with null', () => {
    const doc = withPersonas();
    expect(persona(doc, 'giulia')).toMatchObject({
      needWeights: { urgent: 3, quick: 1 },
      channelPrefs: { phone: 'avoided', whatsapp: 'preferred' },
      channelShares: { phone: 10, whatsapp: 70 },
    });
    expectOneTransaction(doc, () => setPersonaChannelPreference(doc, 'giulia', 'phone', null, null));
    expectOneTransaction(doc, () => setPersonaNeedWeight(doc, 'giulia', 'quick', null));
    expect(persona(doc, 'giulia')).toMatchObject({
      needWeights: { urgent: 3 },
      channelPrefs: { whatsapp: 'preferred' },
      channelShares: { whatsapp: 70 },
    });
  });

  it('refuses bad input and writes nothing', () => {
    const doc = withPersonas();
    expectRejected(doc, () => setPersonaNeedWeight(doc, 'giulia', 'urgent', 4), 'invalid-value');
    expectRejected(doc, () => setPersonaNeedWeight(doc, 'giulia', 'email', 1), 'wrong-kind');
    expectRejected(doc, () => setPersonaChannelPreference(doc, 'giulia', 'ask', 'avoided'), 'wrong-kind');
    expectRejected(
      doc,
      () => setPersonaChannelPreference(doc, 'giulia', 'phone', 'hated' as 'avoided'),
      'invalid-value',
    );
    expectRejected(doc, () => setPersonaChannelPreference(doc, 'giulia', 'phone', 'avoided', 101), 'invalid-value');
    expectRejected(doc, () => addNeed(doc, { label: 'X', priority: 'urgent' as 'high' }), 'invalid-value');
  });

  it('two people setting preferences for different channels of one persona both keep theirs', () => {
    const a = withPersonas();
    const b = newDoc();
    syncPair(a, b);
    setPersonaChannelPreference(a, 'marco', 'email', 'avoided');
    setPersonaChannelPreference(b, 'marco', 'webchat', 'preferred');
    syncPair(a, b);
    expect(persona(b, 'marco').channelPrefs).toEqual({ phone: 'preferred', email: 'avoided', webchat: 'preferred' });
  });
});

describe('needsMatrix', () => {
  it('for everyone: each need with the channels serving it, through the channel or its touchpoints', () => {
    const doc = omnichannelSupport();
    addNeed(doc, { label: 'Complain in public', id: 'public' });
    setServedNeeds(doc, 't-review', ['public']);
    const m = needsMatrix(doc);
    const row = (id: string) => m.needs.find((n) => n.id === id);
    expect(m.needs.map((n) => n.id)).toEqual(['ask', 'urgent', 'public', 'quick', 'docs', 'return']); // priority, then label
    expect(row('ask')).toMatchObject({ channelIds: ['email', 'phone', 'webchat'], status: 'covered', weight: null });
    expect(row('public')).toMatchObject({ channelIds: ['reviews'], status: 'covered' });
    const n = m.needs.findIndex((x) => x.id === 'public');
    const c = m.channels.findIndex((x) => x.id === 'reviews');
    expect(m.cells[n]?.[c]).toEqual({ byChannel: false, touchpointIds: ['t-review'] });
    expect(m.cells[0]?.[0]).toEqual({ byChannel: true, touchpointIds: [] });
    addNeed(doc, { label: 'Book a visit', id: 'visit', priority: 'high' });
    expect(needsMatrix(doc).needs.find((x) => x.id === 'visit')).toMatchObject({ channelIds: [], status: 'uncovered' });
  });

  it('for a persona: its needs, heaviest first; a need served only by avoided channels is flagged', () => {
    const doc = withPersonas();
    const g = needsMatrix(doc, 'giulia');
    expect(g.personaId).toBe('giulia');
    expect(g.needs.map((n) => [n.id, n.weight, n.status])).toEqual([
      ['urgent', 3, 'avoidedOnly'], // only the phone serves it, and Giulia avoids the phone
      ['quick', 1, 'covered'],
    ]);
    expect(g.channels.find((c) => c.id === 'phone')?.preference).toBe('avoided');
    expect(needsMatrix(doc, 'marco').needs.map((n) => [n.id, n.status])).toEqual([['urgent', 'covered']]);
  });

  it('for a persona, only touchpoints that apply to it serve a need through their channel', () => {
    const doc = withPersonas();
    addNeed(doc, { label: 'Pay', id: 'pay' });
    setPersonaNeedWeight(doc, 'giulia', 'pay', 2);
    addTouchpoint(doc, { stageId: 'resolve', channelId: 'webchat', label: 'Pay by link', id: 't-pay' });
    setServedNeeds(doc, 't-pay', ['pay']);
    setTouchpointPersonas(doc, 't-pay', ['marco']);
    expect(needsMatrix(doc, 'giulia').needs.find((n) => n.id === 'pay')?.status).toBe('uncovered');
    expect(needsMatrix(doc).needs.find((n) => n.id === 'pay')?.status).toBe('covered');
  });
});

describe('channelCensus', () => {
  it('per channel: needs, type, touchpoints, metrics, who prefers or avoids it; the findings', () => {
    const doc = withPersonas();
    addNeed(doc, { label: 'Book a visit', id: 'visit', priority: 'high' });
    setPersonaNeedWeight(doc, 'marco', 'visit', 3);
    setMetricValue(doc, { nodeId: 't-call', key: 'csat', value: 2.5, at: '2026-12-01T00:00:00Z', source: 'manual' });
    const census = channelCensus(doc);
    const phone = census.channels.find((c) => c.id === 'phone');
    expect(phone).toMatchObject({
      type: 'physical',
      needIds: ['ask', 'urgent'],
      touchpointIds: ['t-call'],
      preferredBy: ['marco'],
      avoidedBy: ['giulia'],
      shares: { giulia: 10 },
    });
    expect(phone?.metrics).toContainEqual({ key: 'csat', value: 2.5, status: 'red' });
    expect(census.byType).toEqual({ digital: 4, physical: 2 });
    expect(census.findings.filter((f) => f.kind !== 'channel-quality-red')).toEqual([
      { kind: 'need-uncovered', needId: 'visit', personaIds: ['marco'] },
      { kind: 'need-avoided-only', needId: 'urgent', personaId: 'giulia', channelIds: ['phone'] },
      { kind: 'need-single-channel', needId: 'urgent', channelId: 'phone' },
      { kind: 'need-single-channel', needId: 'docs', channelId: 'email' },
      { kind: 'need-single-channel', needId: 'return', channelId: 'store' },
      { kind: 'channel-no-need', channelId: 'reviews' },
    ]);
    // quality: the channel's touchpoints' aggregate against the metric's thresholds (the fixture's e-mail is fine)
    expect(census.findings).toContainEqual({
      kind: 'channel-quality-red',
      channelId: 'phone',
      metricKeys: ['csat', 'ces'],
    });
    expect(census.findings.some((f) => f.kind === 'channel-quality-red' && f.channelId === 'email')).toBe(false);
  });
});

describe('preferences in the transition friction', () => {
  it('a switch into a channel the persona avoids costs more; unknown preferences do not count', () => {
    const doc = omnichannelSupport(); // path: e-mail → phone → WhatsApp → web chat → review site
    const before = channelTransitions(doc);
    const intoPhone = (ts: typeof before) => ts.find((t) => t.toChannelId === 'phone');
    expect(intoPhone(before)?.preference).toBeNull();
    addPersona(doc, { name: 'Giulia', id: 'giulia' });
    addPersona(doc, { name: 'Marco', id: 'marco' });
    setPersonaChannelPreference(doc, 'giulia', 'phone', 'avoided');
    setPersonaChannelPreference(doc, 'marco', 'phone', 'preferred');
    const both = intoPhone(channelTransitions(doc));
    expect(both?.preference).toBe(0.5); // mean of avoided (1) and preferred (0)
    const giulia = intoPhone(channelTransitions(doc, 'giulia'));
    const marco = intoPhone(channelTransitions(doc, 'marco'));
    expect(giulia?.preference).toBe(1);
    expect(marco?.preference).toBe(0);
    expect(giulia?.score ?? 0).toBeGreaterThan(intoPhone(before)?.score ?? 1);
    expect(marco?.score ?? 1).toBeLessThan(intoPhone(before)?.score ?? 0);
    // a step meant for Marco only: Giulia's dislike does not count there
    setTouchpointPersonas(doc, 't-call', ['marco']);
    expect(intoPhone(channelTransitions(doc))?.preference).toBe(0);
  });
});

describe('preferences in the channel inventory', () => {
  it('counts the personas preferring and avoiding each channel', () => {
    const inv = channelInventory(withPersonas());
    expect(inv.channels.find((c) => c.id === 'phone')).toMatchObject({ preferredBy: 1, avoidedBy: 1 });
    expect(inv.channels.find((c) => c.id === 'whatsapp')).toMatchObject({ preferredBy: 1, avoidedBy: 0 });
    expect(inv.channels.find((c) => c.id === 'store')).toMatchObject({ preferredBy: 0, avoidedBy: 0 });
  });
});

describe('comparePersonas: preferences side by side', () => {
  it('lists every channel with both preferences and shares, and the needs either weighs', () => {
    const doc = withPersonas();
    const c = comparePersonas(doc, 'giulia', 'marco');
    expect(c.channels.find((x) => x.channelId === 'phone')).toEqual({
      channelId: 'phone',
      a: 'avoided',
      b: 'preferred',
      shareA: 10,
      shareB: null,
    });
    expect(c.channels.map((x) => x.channelId)).toEqual(['email', 'phone', 'whatsapp', 'webchat', 'reviews', 'store']);
    expect(c.needs).toEqual(
      expect.arrayContaining([
        { needId: 'urgent', a: 3, b: 2 },
        { needId: 'quick', a: 1, b: null },
      ]),
    );
  });
});

describe('needs in the document: removal, repair, merges, files, migration', () => {
  it('removing a need or a channel clears every reference to it', () => {
    const doc = withPersonas();
    removeNodes(doc, ['urgent', 'phone']);
    expect(persona(doc, 'giulia')).toMatchObject({
      needWeights: { quick: 1 },
      channelPrefs: { whatsapp: 'preferred' },
    });
    expect(persona(doc, 'giulia').channelShares).toEqual({ whatsapp: 70 });
    expect(validateJourney(doc)).toEqual([]);
  });

  it('a merge that leaves a preference for a removed channel is repaired the same on both peers', () => {
    const a = withPersonas();
    const b = newDoc();
    syncPair(a, b);
    removeNodes(a, ['store']);
    setPersonaChannelPreference(b, 'giulia', 'store', 'avoided');
    syncPair(a, b);
    expect(validateJourney(b).map((i) => i.code)).toContain('dangling-channel');
    expect(repairJourney(b)).toBe(true);
    syncPair(a, b);
    expect(validateJourney(a)).toEqual([]);
    expect(persona(a, 'giulia').channelPrefs).toEqual({ phone: 'avoided', whatsapp: 'preferred' });
  });

  it('repair resets an odd stored value, and the server trigger notices writes into a preference map', () => {
    const doc = withPersonas();
    const prefs = rootMaps(doc).nodes.get('giulia')?.get('channelPrefs') as Y.Map<unknown>;
    let asked = false;
    doc.once('afterTransaction', (tr: Y.Transaction) => (asked = repairMayBeNeeded(doc, tr)));
    prefs.set('email', 'hated');
    expect(asked).toBe(true);
    expect(validateJourney(doc).map((i) => i.code)).toEqual(['invalid-value']);
    repairJourney(doc);
    expect(persona(doc, 'giulia').channelPrefs.email).toBe('acceptable');
  });

  it('round-trips through the JSON file; a file naming a missing channel in a preference is refused', () => {
    const doc = withPersonas();
    initJourney(doc, { title: 'Support' });
    const file = exportJourney(doc);
    const copy = newDoc();
    importJourney(copy, file);
    expect(persona(copy, 'giulia')).toMatchObject({
      needWeights: { urgent: 3, quick: 1 },
      channelPrefs: { phone: 'avoided', whatsapp: 'preferred' },
    });
    expect(needsMatrix(copy, 'giulia')).toEqual(needsMatrix(doc, 'giulia'));
    const bad = JSON.parse(JSON.stringify(file)) as { nodes: Array<Record<string, unknown>> };
    const g = bad.nodes.find((n) => n.id === 'giulia');
    if (g) g.channelPrefs = { nowhere: 'avoided' };
    expect(() => importJourney(newDoc(), bad)).toThrow(/channelPrefs\.nowhere: names no channel/);
  });

  it('migration 3 turns the free-text needs of old channels into needs, once, on every peer alike', () => {
    const old = (): Y.Doc => {
      const doc = newDoc();
      doc.transact(() => {
        rootMaps(doc).meta.set('schemaVersion', 2);
        const c = new Y.Map<unknown>();
        rootMaps(doc).nodes.set('web', c);
        const tags = new Y.Array<string>();
        tags.push(['Buy online', ' buy  ONLINE ', 'Compare prices']);
        for (const [k, v] of Object.entries({ kind: 'channel', label: 'Web', x: 0, y: 0, w: 160, h: 44 })) c.set(k, v);
        c.set('type', 'digital');
        c.set('medium', 'web');
        c.set('needs', tags);
      });
      return doc;
    };
    const a = old();
    const b = newDoc();
    syncPair(a, b);
    migrateJourney(a);
    migrateJourney(b);
    syncPair(a, b);
    repairJourney(a);
    syncPair(a, b);
    const needs = readNodes(a).filter((n) => n.kind === 'need');
    expect(needs.map((n) => n.label).sort()).toEqual(['Buy online', 'Compare prices']);
    const web = readNodes(a).find((n) => n.id === 'web');
    expect(web).toMatchObject({ needs: [] });
    expect(web?.kind === 'channel' ? [...web.needIds].sort() : []).toEqual(needs.map((n) => n.id).sort());
    expect(validateJourney(a)).toEqual([]);
    expect(needsMatrix(a).needs.every((n) => n.status === 'covered')).toBe(true);
  });

  it('a journey file written before needs were nodes imports, its channel needs turned into needs', () => {
    const doc = newDoc();
    initJourney(doc, { title: 'Old' });
    addNeed(doc, { label: 'placeholder', id: 'ph' }); // removed below: only the file's shape matters
    const file = JSON.parse(JSON.stringify(exportJourney(doc))) as {
      meta: Record<string, unknown>;
      nodes: Array<Record<string, unknown>>;
    };
    // what a schema-2 export looked like: no need nodes, channels with free-text needs and no needIds
    file.meta.schemaVersion = 2;
    file.nodes = [
      {
        id: 'web',
        kind: 'channel',
        label: 'Web',
        x: 0,
        y: 0,
        w: 160,
        h: 44,
        type: 'digital',
        medium: 'web',
        needs: ['Buy', 'Compare'],
      },
      {
        id: 'shop',
        kind: 'channel',
        label: 'Shop',
        x: 200,
        y: 0,
        w: 160,
        h: 44,
        type: 'physical',
        medium: 'store',
        needs: ['buy'],
      },
    ];
    const copy = newDoc();
    importJourney(copy, file);
    const needs = readNodes(copy).filter((n) => n.kind === 'need');
    // one need per text whatever its case; the spelling of the first channel by id (shop) is kept
    expect(needs.map((n) => n.label).sort()).toEqual(['Compare', 'buy']);
    const buy = needs.find((n) => n.label === 'buy')?.id;
    expect(needsMatrix(copy).needs.find((n) => n.id === buy)?.channelIds).toEqual(['web', 'shop']);
    expect(validateJourney(copy)).toEqual([]);
  });
});
