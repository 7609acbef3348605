// Random journey commands for the reliability fuzz: EVERY write command of src/model (meta, stages,
// touchpoints, channels, owners, personas, notes, edges, moves, resizes, removals, emotion, lists,
// comments, media refs, metric definitions and values, CSV, templates, import, restore, migrations,
// repair) plus rich-notes edits as Tiptap makes them. Refused commands (ModelError) are expected:
// random arguments often name something another peer removed; any other error is a bug.
import * as Y from 'yjs';
import { pick, type Rand } from '../../shared/random';
import {
  CHANNEL_MEDIA,
  DEFAULT_METRIC_DEFS,
  ModelError,
  TEMPLATE_IDS,
  TEMPLATE_LANGS,
  addChannel,
  addComment,
  addNote,
  addOwner,
  addPersona,
  addStage,
  addTouchpoint,
  applyCsvImport,
  applyTemplate,
  assignStageOwner,
  attachMedia,
  clearMetricValue,
  connect,
  detachMedia,
  editComment,
  ensureDefaultMetricDefs,
  exportJourney,
  importJourney,
  initJourney,
  migrateJourney,
  moveNode,
  moveNodes,
  moveStage,
  parseCsv,
  planCsvImport,
  readComments,
  readEdges,
  readMedia,
  readMetricDefs,
  readNodes,
  removeEdge,
  removeMetricDef,
  removeNode,
  removeNodes,
  repairJourney,
  resizeNode,
  restoreJourney,
  setChannelKind,
  addNeed,
  setServedNeeds,
  setPersonaNeedWeight,
  setPersonaChannelPreference,
  NEED_PRIORITIES,
  CHANNEL_PREFERENCES,
  setCommentResolved,
  setEdgeLabel,
  setEmotion,
  setJourneyMeta,
  setLabel,
  setMetricDef,
  setMetricTarget,
  setMetricValue,
  setMetricValues,
  setOwnerDetails,
  setPersonaDetails,
  setPersonaPhoto,
  setStageColor,
  setStageGoal,
  setTouchpointChannel,
  setTouchpointLane,
  setTouchpointList,
  setTouchpointPersonas,
  setTouchpointStage,
  type JourneyNode,
  type MediaRef,
  type Origin,
} from '../../../src/model';

/** One peer's side of the fuzz: its doc, its randomness, fresh ids, and versions it may restore. */
export interface Peer {
  doc: Y.Doc;
  rand: Rand;
  /** A unique id for a new node, edge or comment. */
  nextId(): string;
  /** The user id of comments written by this peer (only the author may edit a comment). */
  userId: string;
  /** ISO time for commands that take one (metrics, comments): deterministic in a seeded run. */
  now(): string;
  /** Earlier copies of the doc, as versions are (restoreJourney brings one back). */
  versions: Y.Doc[];
}

const USER: Origin = { kind: 'local-user' };
const HEX = '0123456789abcdef';
const MEDIA_POOL: MediaRef[] = [
  { id: HEX.repeat(4), name: 'shelf.png', mime: 'image/png', size: 1200, kind: 'image' },
  { id: 'ab'.repeat(32), name: 'call.mp3', mime: 'audio/mpeg', size: 90_000, kind: 'audio' },
  { id: '0f'.repeat(32), name: 'brief.pdf', mime: 'application/pdf', size: 5_000, kind: 'document' },
  { id: 'c3'.repeat(32), name: 'store.jpg', mime: 'image/jpeg', size: 64_000, kind: 'image' },
];
const WORDS = ['slow', 'refund', 'call back', 'lost order', 'great chat', 'queue', 'upsell', '@Ada', 'price'];

/** A journey JSON file (a template, exported) for the import command. */
export function templateFile(templateId: string, lang: 'en' | 'it'): unknown {
  const d = new Y.Doc();
  initJourney(d, { title: 'Imported' });
  applyTemplate(d, templateId, lang);
  const json = exportJourney(d);
  d.destroy();
  return json;
}

type Command = (p: Peer) => unknown;

/** The nodes of the doc a command is working on, read once per command (readNodes walks the whole map). */
let memo: { doc: Y.Doc; nodes: JourneyNode[] } | null = null;

function commands(): Record<string, Command> {
  const nodes = (p: Peer): JourneyNode[] => {
    if (memo?.doc !== p.doc) memo = { doc: p.doc, nodes: readNodes(p.doc) };
    return memo.nodes;
  };
  const ids = (p: Peer, kind?: JourneyNode['kind']): string[] =>
    nodes(p)
      .filter((n) => !kind || n.kind === kind)
      .map((n) => n.id);
  const any = (p: Peer, kind?: JourneyNode['kind']): string => pick(p.rand, ids(p, kind)) ?? 'missing';
  const maybe = (p: Peer, kind: JourneyNode['kind']): string | null =>
    p.rand() < 0.2 ? null : (pick(p.rand, ids(p, kind)) ?? null);
  const int = (p: Peer, n: number): number => Math.floor(p.rand() * n);
  const coord = (p: Peer): number => int(p, 2400) - 400;
  const word = (p: Peer): string => pick(p.rand, WORDS) ?? 'x';
  const words = (p: Peer): string[] => WORDS.filter(() => p.rand() < 0.25);
  const metricKey = (p: Peer): string =>
    pick(
      p.rand,
      readMetricDefs(p.doc).map((d) => d.key),
    ) ?? 'csat';
  const metricNode = (p: Peer): string =>
    pick(
      p.rand,
      nodes(p)
        .filter((n) => n.kind === 'touchpoint' || n.kind === 'stage' || n.kind === 'channel')
        .map((n) => n.id),
    ) ?? 'missing';
  const comment = (p: Peer): { nodeId: string; commentId: string; authorId: string } | null => {
    const nodeId = any(p);
    const c = pick(p.rand, readComments(p.doc, nodeId));
    return c ? { nodeId, commentId: c.id, authorId: c.authorId } : null;
  };
  const notes = (p: Peer): Y.XmlFragment | null => {
    const m = p.doc.getMap('nodes').get(any(p, 'touchpoint'));
    const f = m instanceof Y.Map ? m.get('notes') : undefined;
    return f instanceof Y.XmlFragment ? f : null;
  };
  return {
    initJourney: (p) => initJourney(p.doc, { title: `Journey ${int(p, 9)}`, goal: word(p) }, USER),
    setJourneyMeta: (p) =>
      setJourneyMeta(
        p.doc,
        { title: `Map ${int(p, 99)}`, ...(p.rand() < 0.5 ? { goal: word(p) } : { description: words(p).join(' ') }) },
        USER,
      ),
    addStage: (p) =>
      addStage(
        p.doc,
        {
          label: `Stage ${int(p, 99)}`,
          index: int(p, 8),
          id: p.nextId(),
          ...(p.rand() < 0.3 ? { w: 200 + int(p, 300) } : {}),
        },
        USER,
      ),
    setStageColor: (p) =>
      setStageColor(
        p.doc,
        any(p, 'stage'),
        pick(p.rand, ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728']) ?? '#000000',
        USER,
      ),
    setStageGoal: (p) => setStageGoal(p.doc, any(p, 'stage'), word(p), USER),
    moveStage: (p) => moveStage(p.doc, any(p, 'stage'), int(p, 8) - 1, USER),
    assignStageOwner: (p) => assignStageOwner(p.doc, any(p, 'stage'), maybe(p, 'owner'), USER),
    addTouchpoint: (p) =>
      addTouchpoint(
        p.doc,
        {
          stageId: maybe(p, 'stage'),
          label: `Step ${int(p, 99)}`,
          channelId: maybe(p, 'channel'),
          lane: p.rand() < 0.8 ? 'front' : 'back',
          id: p.nextId(),
          ...(p.rand() < 0.5 ? { x: coord(p), y: coord(p) } : {}),
        },
        USER,
      ),
    setTouchpointStage: (p) =>
      setTouchpointStage(
        p.doc,
        any(p, 'touchpoint'),
        maybe(p, 'stage'),
        p.rand() < 0.5 ? { x: coord(p), y: coord(p) } : undefined,
        USER,
      ),
    setTouchpointChannel: (p) => setTouchpointChannel(p.doc, any(p, 'touchpoint'), maybe(p, 'channel'), USER),
    setTouchpointLane: (p) => setTouchpointLane(p.doc, any(p, 'touchpoint'), p.rand() < 0.5 ? 'front' : 'back', USER),
    setTouchpointPersonas: (p) =>
      setTouchpointPersonas(
        p.doc,
        any(p, 'touchpoint'),
        ids(p, 'persona').filter(() => p.rand() < 0.5),
        USER,
      ),
    setEmotion: (p) => setEmotion(p.doc, any(p, 'touchpoint'), int(p, 5) - 2, USER),
    setTouchpointList: (p) =>
      setTouchpointList(p.doc, any(p, 'touchpoint'), p.rand() < 0.5 ? 'painPoints' : 'opportunities', words(p), USER),
    addChannel: (p) =>
      addChannel(
        p.doc,
        {
          label: `Channel ${int(p, 9)}`,
          type: p.rand() < 0.7 ? 'digital' : 'physical',
          medium: pick(p.rand, CHANNEL_MEDIA) ?? 'web',
          needIds: ids(p, 'need').filter(() => p.rand() < 0.5),
          id: p.nextId(),
        },
        USER,
      ),
    setChannelKind: (p) =>
      setChannelKind(
        p.doc,
        any(p, 'channel'),
        { type: p.rand() < 0.5 ? 'digital' : 'physical', medium: pick(p.rand, CHANNEL_MEDIA) ?? 'web' },
        USER,
      ),
    addNeed: (p) =>
      addNeed(
        p.doc,
        { label: `Need ${int(p, 9)}`, priority: pick(p.rand, NEED_PRIORITIES) ?? 'high', id: p.nextId() },
        USER,
      ),
    setServedNeeds: (p) =>
      setServedNeeds(
        p.doc,
        any(p, p.rand() < 0.5 ? 'channel' : 'touchpoint'),
        ids(p, 'need').filter(() => p.rand() < 0.5),
        USER,
      ),
    setPersonaNeedWeight: (p) =>
      setPersonaNeedWeight(p.doc, any(p, 'persona'), any(p, 'need'), p.rand() < 0.2 ? null : 1 + int(p, 3), USER),
    setPersonaChannelPreference: (p) =>
      setPersonaChannelPreference(
        p.doc,
        any(p, 'persona'),
        any(p, 'channel'),
        p.rand() < 0.2 ? null : (pick(p.rand, CHANNEL_PREFERENCES) ?? 'avoided'),
        p.rand() < 0.5 ? int(p, 101) : undefined,
        USER,
      ),
    addOwner: (p) =>
      addOwner(
        p.doc,
        {
          name: pick(p.rand, ['Ada', 'Bruno', 'Chiara', 'Dev']) ?? 'Ada',
          role: word(p),
          email: p.rand() < 0.5 ? 'owner@example.com' : '',
          x: coord(p),
          y: -200,
          id: p.nextId(),
        },
        USER,
      ),
    setOwnerDetails: (p) =>
      setOwnerDetails(
        p.doc,
        any(p, 'owner'),
        { role: word(p), email: p.rand() < 0.5 ? `o${int(p, 9)}@example.com` : '' },
        USER,
      ),
    addPersona: (p) => addPersona(p.doc, { name: `Persona ${int(p, 9)}`, description: word(p), id: p.nextId() }, USER),
    setPersonaDetails: (p) =>
      setPersonaDetails(
        p.doc,
        any(p, 'persona'),
        {
          description: word(p),
          goals: words(p),
          frustrations: words(p),
          ...(p.rand() < 0.3 ? { color: '#9467bd' } : {}),
        },
        USER,
      ),
    setPersonaPhoto: (p) =>
      setPersonaPhoto(
        p.doc,
        any(p, 'persona'),
        p.rand() < 0.3
          ? null
          : (pick(
              p.rand,
              MEDIA_POOL.filter((m) => m.kind === 'image'),
            ) ?? null),
        USER,
      ),
    addNote: (p) => addNote(p.doc, { label: word(p), x: coord(p), y: coord(p), id: p.nextId() }, USER),
    setLabel: (p) => setLabel(p.doc, any(p), `Label ${int(p, 999)}`, USER),
    moveNode: (p) => moveNode(p.doc, any(p), { x: coord(p), y: coord(p) }, USER),
    moveNodes: (p) =>
      moveNodes(
        p.doc,
        nodes(p)
          .filter(() => p.rand() < 0.3)
          .map((n) => ({ id: n.id, x: coord(p), y: coord(p) })),
        USER,
      ),
    resizeNode: (p) => resizeNode(p.doc, any(p), { w: 20 + int(p, 600), h: 20 + int(p, 400) }, USER),
    removeNode: (p) => removeNode(p.doc, any(p), USER),
    removeNodes: (p) =>
      removeNodes(
        p.doc,
        ids(p).filter(() => p.rand() < 0.06),
        USER,
      ),
    connect: (p) =>
      connect(
        p.doc,
        {
          source: any(p, 'touchpoint'),
          target: any(p, 'touchpoint'),
          label: p.rand() < 0.2 ? word(p) : '',
          id: p.nextId(),
        },
        USER,
      ),
    removeEdge: (p) => removeEdge(p.doc, pick(p.rand, readEdges(p.doc))?.id ?? 'missing', USER),
    setEdgeLabel: (p) => setEdgeLabel(p.doc, pick(p.rand, readEdges(p.doc))?.id ?? 'missing', word(p), USER),
    attachMedia: (p) => attachMedia(p.doc, any(p), pick(p.rand, MEDIA_POOL) as MediaRef, USER),
    detachMedia: (p) => {
      const nodeId = any(p);
      detachMedia(p.doc, nodeId, pick(p.rand, readMedia(p.doc, nodeId))?.id ?? (MEDIA_POOL[0] as MediaRef).id, USER);
    },
    addComment: (p) =>
      addComment(
        p.doc,
        {
          nodeId: any(p),
          text: `${word(p)} ${word(p)}`,
          author: 'Tester',
          authorId: p.userId,
          id: p.nextId(),
          at: p.now(),
        },
        USER,
      ),
    editComment: (p) => {
      const c = comment(p);
      if (c)
        editComment(
          p.doc,
          {
            nodeId: c.nodeId,
            commentId: c.commentId,
            text: word(p),
            editorId: p.rand() < 0.8 ? c.authorId : p.userId,
            at: p.now(),
          },
          USER,
        );
    },
    setCommentResolved: (p) => {
      const c = comment(p);
      if (c) setCommentResolved(p.doc, c.nodeId, c.commentId, p.rand() < 0.6, USER);
    },
    ensureDefaultMetricDefs: (p) => ensureDefaultMetricDefs(p.doc, USER),
    setMetricDef: (p) => {
      const key = p.rand() < 0.5 ? `custom-${int(p, 3)}` : (pick(p.rand, DEFAULT_METRIC_DEFS)?.key ?? 'csat');
      const better = p.rand() < 0.5 ? 'higher' : 'lower';
      setMetricDef(
        p.doc,
        {
          key,
          label: `Metric ${int(p, 9)}`,
          unit: '%',
          better,
          green: better === 'higher' ? 60 : 20,
          red: better === 'higher' ? 20 : 60,
          min: 0,
          max: 100,
        },
        USER,
      );
    },
    removeMetricDef: (p) => removeMetricDef(p.doc, metricKey(p), USER),
    setMetricValue: (p) =>
      setMetricValue(
        p.doc,
        { nodeId: metricNode(p), key: metricKey(p), value: int(p, 100), source: 'manual', at: p.now() },
        USER,
      ),
    setMetricValues: (p) =>
      setMetricValues(
        p.doc,
        Array.from({ length: 1 + int(p, 5) }, () => ({
          nodeId: metricNode(p),
          key: metricKey(p),
          value: 1 + int(p, 4),
          source: 'api' as const,
          at: p.now(),
        })),
        USER,
      ),
    setMetricTarget: (p) =>
      setMetricTarget(p.doc, metricNode(p), metricKey(p), p.rand() < 0.3 ? null : 1 + int(p, 4), USER),
    clearMetricValue: (p) => clearMetricValue(p.doc, metricNode(p), metricKey(p), USER),
    csvImport: (p) => {
      const rows = nodes(p)
        .filter((n) => n.kind === 'touchpoint')
        .slice(0, 4);
      const csv = parseCsv(
        [
          'node,csat,date',
          ...rows.map((n) => `${n.id},${1 + int(p, 4)},${p.now().slice(0, 10)}`),
          'nobody,3,2024-01-01',
        ].join('\n'),
      );
      applyCsvImport(
        p.doc,
        planCsvImport(p.doc, csv, {
          match: 'id',
          nodeColumn: 0,
          metricColumns: [{ column: 1, key: 'csat' }],
          dateColumn: 2,
        }),
        USER,
      );
    },
    applyTemplate: (p) =>
      applyTemplate(p.doc, pick(p.rand, TEMPLATE_IDS) ?? 'blank', pick(p.rand, TEMPLATE_LANGS) ?? 'en', USER),
    importJourney: (p) => importJourney(p.doc, templateFile('purchase', 'en'), USER), // refused: the map has content
    saveVersion: (p) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(p.doc));
      p.versions.push(copy);
      if (p.versions.length > 3) p.versions.shift()?.destroy();
    },
    restoreVersion: (p) => {
      const version = pick(p.rand, p.versions);
      if (version) restoreJourney(p.doc, version, { kind: 'import' });
    },
    migrateJourney: (p) => migrateJourney(p.doc),
    repairJourney: (p) => repairJourney(p.doc),
    notesInsertBlock: (p) => {
      const f = notes(p);
      if (!f) return;
      p.doc.transact(() => {
        const block = new Y.XmlElement(p.rand() < 0.8 ? 'paragraph' : 'heading');
        if (block.nodeName === 'heading') block.setAttribute('level', '2');
        block.insert(0, [new Y.XmlText(`${word(p)} ${word(p)}`)]);
        f.insert(int(p, f.length + 1), [block]);
      }, USER);
    },
    notesEditText: (p) => {
      const block = notes(p)
        ?.toArray()
        .find((c) => c instanceof Y.XmlElement);
      const text = block instanceof Y.XmlElement ? block.toArray().find((c) => c instanceof Y.XmlText) : undefined;
      if (!(text instanceof Y.XmlText)) return;
      p.doc.transact(() => {
        const at = int(p, text.length + 1);
        if (p.rand() < 0.5) text.insert(at, word(p), p.rand() < 0.3 ? { bold: true } : {});
        else if (text.length > 0) text.delete(Math.min(at, text.length - 1), 1 + int(p, 3));
        if (p.rand() < 0.2 && text.length > 1) text.format(0, 1 + int(p, text.length - 1), { italic: true });
      }, USER);
    },
    notesRemoveBlock: (p) => {
      const f = notes(p);
      if (f && f.length > 0) p.doc.transact(() => f.delete(int(p, f.length), 1), USER);
    },
  };
}

export const COMMANDS = commands();
export const COMMAND_NAMES = Object.keys(COMMANDS);
/** Creating commands come up more often, so the maps have something to work on. */
const WEIGHTED = [
  ...COMMAND_NAMES,
  'addStage',
  'addTouchpoint',
  'addTouchpoint',
  'addTouchpoint',
  'addChannel',
  'addPersona',
  'addOwner',
  'connect',
  'connect',
  'notesInsertBlock',
  'addComment',
  'setMetricValue',
];

/**
 * Runs one random command on the peer; returns its name and whether the model refused it. Any
 * error other than a ModelError is rethrown (a bug).
 */
export function randomCommand(p: Peer): { name: string; refused: boolean } {
  const name = pick(p.rand, WEIGHTED) ?? 'repairJourney';
  memo = null;
  try {
    COMMANDS[name]?.(p);
    return { name, refused: false };
  } catch (err) {
    if (err instanceof ModelError) return { name, refused: true };
    throw new Error(`command ${name} threw ${err instanceof Error ? err.stack : String(err)}`, { cause: err });
  }
}
