import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addNeed,
  SCHEMA_VERSION,
  addChannel,
  addComment,
  addNote,
  addOwner,
  addPersona,
  addStage,
  addTouchpoint,
  applyTemplate,
  assignStageOwner,
  attachMedia,
  connect,
  editComment,
  exportJourney,
  importJourney,
  initJourney,
  readMeta,
  rootMaps,
  setCommentResolved,
  setEmotion,
  setPersonaDetails,
  setPersonaPhoto,
  setTouchpointList,
  setTouchpointPersonas,
  validateJourney,
  type JourneyJson,
} from './model';
import { expectOneTransaction, expectRejected, journeyJSON, newDoc, transactionsOf } from './helpers';

const IMG = { id: '1'.repeat(64), name: 'shelf.jpg', mime: 'image/jpeg', size: 5000, kind: 'image' as const };
const PDF = { id: '2'.repeat(64), name: 'brief.pdf', mime: 'application/pdf', size: 90, kind: 'document' as const };
const FACE = { id: '3'.repeat(64), name: 'face.png', mime: 'image/png', size: 77, kind: 'image' as const };

function text(s: string, marks?: Record<string, unknown>): Y.XmlText {
  const t = new Y.XmlText();
  t.insert(0, s, marks);
  return t;
}

function el(
  name: string,
  children: Array<Y.XmlElement | Y.XmlText>,
  attrs: Record<string, unknown> = {},
): Y.XmlElement {
  const e = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v as string);
  e.insert(0, children);
  return e;
}

/** Notes as Tiptap writes them: a heading (numeric level), bold and linked text, a bullet list. */
function writeNotes(frag: Y.XmlFragment): void {
  const p = el('paragraph', [text('plain ')]);
  frag.insert(0, [
    el('heading', [text('Why it hurts')], { level: 2 }),
    p,
    el('bulletList', [
      el('listItem', [el('paragraph', [text('first')])]),
      el('listItem', [el('paragraph', [text('second')])]),
    ]),
    el('paragraph', []),
  ]);
  const t = p.get(0) as Y.XmlText;
  t.insert(6, 'bold', { bold: {} });
  t.insert(10, ' link', { link: { href: 'https://example.com', target: '_blank' } });
  t.insert(15, ' end\n', {}); // unformatted after a link: the import must not extend the link
}

/** Every node kind, notes, comments, media, persona photo, metrics (generic) and an unknown field. */
function richMap(): Y.Doc {
  const doc = newDoc();
  initJourney(doc, { title: 'Refund', goal: 'Get money back', description: 'All of it', templateId: 'purchase' });
  addOwner(doc, { name: 'Ann', role: 'CX lead', email: 'ann@example.com', x: 0, y: -96, id: 'ann' });
  addPersona(doc, { name: 'Pat', description: 'busy', id: 'pat' });
  addPersona(doc, { name: 'Quinn', id: 'quinn' });
  setPersonaDetails(doc, 'pat', { goals: ['save time'], frustrations: ['queues'] });
  setPersonaPhoto(doc, 'pat', FACE);
  addNeed(doc, { label: 'Buy', id: 'buy' });
  addChannel(doc, { label: 'Web', type: 'digital', medium: 'web', needIds: ['buy'], x: 16, y: 508, id: 'web' });
  addChannel(doc, { label: 'Store', type: 'physical', medium: 'store', x: 192, y: 508, id: 'store' });
  addStage(doc, { label: 'Ask', id: 's1', goal: 'be heard' });
  addStage(doc, { label: 'Wait', id: 's2', w: 400 });
  assignStageOwner(doc, 's1', 'ann');
  addTouchpoint(doc, { stageId: 's1', label: 'Form', channelId: 'web', id: 't1', x: 20, y: 100 });
  addTouchpoint(doc, { stageId: 's2', label: 'Desk', channelId: 'store', id: 't2', x: 20, y: 100, lane: 'back' });
  addTouchpoint(doc, { stageId: null, label: 'Loose', id: 't3', x: 900, y: 900 });
  setEmotion(doc, 't1', -2);
  setTouchpointList(doc, 't1', 'painPoints', ['slow']);
  setTouchpointList(doc, 't1', 'opportunities', ['faster', 'clearer']);
  setTouchpointPersonas(doc, 't1', ['pat', 'quinn']);
  connect(doc, { source: 't1', target: 't2', label: 'then', id: 'e1' });
  addNote(doc, { label: 'Remember', x: 5, y: 5, id: 'n1' });
  attachMedia(doc, 't1', IMG);
  attachMedia(doc, 't1', PDF);
  attachMedia(doc, 's1', PDF);
  addComment(doc, {
    nodeId: 't1',
    text: 'ask @Ann',
    author: 'Bo',
    authorId: 'u-bo',
    id: 'c1',
    at: '2024-01-01T00:00:00.000Z',
  });
  addComment(doc, {
    nodeId: 't1',
    text: 'ok',
    author: 'Ann',
    authorId: 'u-ann',
    id: 'c2',
    at: '2024-01-02T00:00:00.000Z',
  });
  editComment(doc, {
    nodeId: 't1',
    commentId: 'c2',
    text: 'ok, done',
    editorId: 'u-ann',
    at: '2024-01-03T00:00:00.000Z',
  });
  setCommentResolved(doc, 't1', 'c2', true);
  addComment(doc, {
    nodeId: 's2',
    text: 'who owns this?',
    author: 'Bo',
    authorId: 'u-bo',
    id: 'c3',
    at: '2024-01-04T00:00:00.000Z',
  });
  const t1 = rootMaps(doc).nodes.get('t1') as Y.Map<unknown>;
  doc.transact(() => {
    writeNotes(t1.get('notes') as Y.XmlFragment);
    // Metrics as the metrics commands store them: Y.Maps with a history of plain points.
    const nps = new Y.Map<unknown>();
    (t1.get('metrics') as Y.Map<unknown>).set('nps', nps);
    nps.set('value', 42);
    nps.set('target', 50);
    nps.set('source', 'csv');
    nps.set('updatedAt', '2024-01-05T00:00:00.000Z');
    const history = new Y.Array<unknown>();
    nps.set('history', history);
    history.push([
      { value: 40, at: '2024-01-04T00:00:00.000Z' },
      { value: 42, at: '2024-01-05T00:00:00.000Z' },
    ]);
    const defs = doc.getMap<unknown>('metricDefs');
    const def = new Y.Map<unknown>();
    defs.set('nps', def);
    def.set('label', 'NPS');
    def.set('better', 'higher');
    defs.set('csat', { label: 'CSAT', unit: '%', green: 80, red: 60 }); // a plain object value
    const future = new Y.Map<unknown>();
    rootMaps(doc).nodes.get('s2')?.set('future', future); // a field this code does not know
    future.set('$json', 'tricky');
    rootMaps(doc).meta.set('locale', 'it');
  });
  return doc;
}

function withoutTime(j: JourneyJson): Omit<JourneyJson, 'exportedAt'> {
  const { exportedAt: _t, ...rest } = j;
  return rest;
}

describe('exportJourney / importJourney', () => {
  it('round-trips a rich map losslessly (export → import → export)', () => {
    const a = richMap();
    const first = exportJourney(a);
    expect(first).toMatchObject({ format: 'percorso-journey', version: 1, stageOrder: ['s1', 's2'] });
    const text = JSON.stringify(first);
    const b = newDoc();
    expectOneTransaction(b, () => importJourney(b, text), { kind: 'import' });
    expect(withoutTime(exportJourney(b))).toEqual(withoutTime(JSON.parse(text) as JourneyJson));
    expect(journeyJSON(b)).toBe(journeyJSON(a));
    expect(validateJourney(b)).toEqual([]);
  });

  it('rebuilds the same Yjs structure: notes XML, metric maps, plain history points, comments', () => {
    const a = richMap();
    const b = newDoc();
    importJourney(b, exportJourney(a));
    const node = (d: Y.Doc, id: string) => rootMaps(d).nodes.get(id) as Y.Map<unknown>;
    expect((node(b, 't1').get('notes') as Y.XmlFragment).toString()).toBe(
      (node(a, 't1').get('notes') as Y.XmlFragment).toString(),
    );
    const heading = (node(b, 't1').get('notes') as Y.XmlFragment).get(0) as Y.XmlElement;
    expect(heading.getAttribute('level')).toBe(2);
    const nps = (node(b, 't1').get('metrics') as Y.Map<unknown>).get('nps') as Y.Map<unknown>;
    expect(nps).toBeInstanceOf(Y.Map);
    const history = nps.get('history') as Y.Array<unknown>;
    expect(history).toBeInstanceOf(Y.Array);
    expect(history.get(0)).toEqual({ value: 40, at: '2024-01-04T00:00:00.000Z' });
    expect(history.get(0)).not.toBeInstanceOf(Y.Map);
    expect(doc(b).getMap('metricDefs').get('nps')).toBeInstanceOf(Y.Map);
    expect(doc(b).getMap('metricDefs').get('csat')).toEqual({ label: 'CSAT', unit: '%', green: 80, red: 60 });
    expect(node(b, 's2').get('future')).toBeInstanceOf(Y.Map);
    expect((node(b, 's2').get('future') as Y.Map<unknown>).get('$json')).toBe('tricky');
    expect(node(b, 'n1').get('notes')).toBeUndefined(); // only what the original had
    expect(rootMaps(b).meta.get('locale')).toBe('it');
    expect(readMeta(b)).toEqual(readMeta(a));
  });

  it('round-trips every template in both languages', () => {
    for (const id of ['blank', 'purchase', 'omnichannel-support', 'service-blueprint']) {
      for (const lang of ['en', 'it'] as const) {
        const a = newDoc();
        applyTemplate(a, id, lang);
        const b = newDoc();
        importJourney(b, exportJourney(a));
        expect(withoutTime(exportJourney(b))).toEqual(withoutTime(exportJourney(a)));
      }
    }
  });

  it('exports the stage order as views read it, so a map awaiting repair still imports', () => {
    const a = richMap();
    a.getArray<string>('stageOrder').push(['s1']); // as two concurrent moves of one stage leave it
    const b = newDoc();
    importJourney(b, exportJourney(a));
    expect(b.getArray<string>('stageOrder').toArray()).toEqual(['s1', 's2']);
  });

  it('imports into a map whose meta the server seeded; the file meta wins', () => {
    const b = newDoc();
    initJourney(b, { title: 'New map' });
    importJourney(b, exportJourney(richMap()));
    expect(readMeta(b).title).toBe('Refund');
  });

  it('migrates a file of an older schema after importing it', () => {
    const file = exportJourney(richMap());
    file.meta.schemaVersion = 0;
    const b = newDoc();
    const origins = transactionsOf(b, () => importJourney(b, file));
    expect(origins).toEqual([{ kind: 'import' }, { kind: 'migration' }]);
    expect(readMeta(b).schemaVersion).toBe(SCHEMA_VERSION);
  });
});

function doc(d: Y.Doc): Y.Doc {
  return d;
}

describe('importJourney refuses bad input, writing nothing', () => {
  const good = () => JSON.parse(JSON.stringify(exportJourney(richMap()))) as Record<string, unknown> & JourneyJson;
  const tIndex = (j: JourneyJson, id: string) => j.nodes.findIndex((n) => n.id === id);

  function rejects(json: unknown, message: string | RegExp) {
    const d = newDoc();
    let err: unknown;
    expectRejected(
      d,
      () => {
        try {
          importJourney(d, json);
        } catch (e) {
          err = e;
          throw e;
        }
      },
      'invalid-value',
    );
    if (typeof message === 'string') expect((err as Error).message).toBe(message);
    else expect((err as Error).message).toMatch(message);
  }

  it('foreign files and newer versions', () => {
    rejects('{not json', 'not a Percorso journey file (not valid JSON)');
    for (const foreign of [null, [], 42, {}, { format: 'other' }, '{"nodes": []}'])
      rejects(foreign, 'not a Percorso journey file');
    rejects({ ...good(), version: 2 }, /newer version of Percorso \(file format 2\)/);
    rejects({ ...good(), version: 0 }, 'version: must be 1');
    const newer = good();
    newer.meta.schemaVersion = 99;
    rejects(newer, new RegExp(`uses schema 99, newer than this app's ${SCHEMA_VERSION}`));
  });

  it('bad fields, with the path to them', () => {
    const j = good();
    const i = tIndex(j, 't1');
    const set = (path: (x: JourneyJson) => void) => {
      const c = good();
      path(c);
      return c;
    };
    rejects(
      set((x) => Object.assign(x.nodes[i] ?? {}, { emotion: 5 })),
      `nodes[${i}].emotion: must be an integer from -2 to 2`,
    );
    rejects(
      set((x) => Object.assign(x.nodes[i] ?? {}, { emotion: 1.5 })),
      `nodes[${i}].emotion: must be an integer from -2 to 2`,
    );
    rejects(
      set((x) => Object.assign(x.nodes[i] ?? {}, { label: '  ' })),
      `nodes[${i}].label: must not be empty`,
    );
    rejects(
      set((x) => Object.assign(x.nodes[i] ?? {}, { lane: 'side' })),
      `nodes[${i}].lane: must be one of front, back`,
    );
    rejects(
      set((x) => Object.assign(x.nodes[i] ?? {}, { stageId: 'ghost' })),
      `nodes[${i}].stageId: names no stage of this file: ghost`,
    );
    rejects(
      set((x) => Object.assign(x.nodes[i] ?? {}, { personaIds: ['pat', 'pat'] })),
      `nodes[${i}].personaIds[1]: repeats pat`,
    );
    rejects(
      set((x) => Object.assign(x.nodes[i] ?? {}, { kind: 'robot' })),
      `nodes[${i}].kind: must be one of stage, touchpoint, channel, owner, persona, note, need`,
    );
    rejects(
      set((x) => Object.assign(x.nodes[i] ?? {}, { x: 'left' })),
      /^nodes\[\d+\]\.x: must be a number/,
    );
    rejects(
      set((x) => x.nodes[i]?.media?.push({ ...IMG, id: 'XYZ' })),
      `nodes[${i}].media[2].id: must be a sha-256 (64 lower-case hex characters)`,
    );
    rejects(
      set((x) => x.nodes[i]?.notes?.push({ type: 'comment' } as never)),
      `nodes[${i}].notes[4].type: must be 'element' or 'text'`,
    );
    rejects(
      set((x) => Object.assign(x.nodes[i] ?? {}, { metrics: { nps: { value: Number.NaN } } })),
      `nodes[${i}].metrics.nps.value: must be a finite number`,
    );
    rejects(
      set((x) => x.nodes.push({ ...(x.nodes[0] as object) } as never)),
      /repeats the id/,
    );
    rejects(
      set((x) => (x.edges[0] = { ...(x.edges[0] as object), target: 'nope' } as never)),
      'edges[0].target: names no touchpoint of this file: nope',
    );
    rejects(
      set((x) => x.edges.push({ id: 'e2', source: 't1', target: 't1', kind: 'path', label: '' })),
      'edges[1]: joins a touchpoint to itself',
    );
    rejects(
      set((x) => x.stageOrder.pop()),
      'stageOrder: does not list the stage s2',
    );
    rejects(
      set((x) => x.stageOrder.push('s1')),
      'stageOrder[2]: repeats the stage s1',
    );
    rejects(
      set((x) => (x.comments.ghost = [])),
      'comments.ghost: names no node of this file: ghost',
    );
    rejects(
      set((x) => Object.assign(x.comments.t1?.[0] ?? {}, { createdAt: 'monday' })),
      /^comments\.t1\[0\]\.createdAt: must be an ISO date-time/,
    );
    rejects(
      set((x) => Object.assign(x.meta, { title: 7 })),
      'meta.title: must be a string',
    );
    rejects(
      set((x) => (x.nodes = {} as never)),
      'nodes: must be an array',
    );
  });

  it('a map that already has content', () => {
    const d = newDoc();
    addStage(d, { label: 'Mine', id: 'mine' });
    expectRejected(d, () => importJourney(d, exportJourney(richMap())), 'invalid-value');
  });
});
