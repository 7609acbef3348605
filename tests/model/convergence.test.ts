// Seeded random convergence (the Yjs way): several peers run random commands, exchange random
// partial updates, then a full sync and repair; all must end exactly equal and valid.
// A failure names its seed; replay one with MODEL_SEED=<seed> npx vitest run --project model.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CHANNEL_MEDIA,
  ModelError,
  addChannel,
  addNote,
  addOwner,
  addPersona,
  addStage,
  addTouchpoint,
  assignStageOwner,
  connect,
  initJourney,
  moveNodes,
  moveStage,
  readEdges,
  readNodes,
  removeEdge,
  removeNodes,
  repairJourney,
  resizeNode,
  setEmotion,
  setJourneyMeta,
  setLabel,
  setStageColor,
  setTouchpointChannel,
  setTouchpointList,
  setTouchpointPersonas,
  setTouchpointStage,
  type JourneyNode,
} from './model';
import { mulberry32, pick } from '../shared/random';
import { expectConverged, newDoc, settle, syncAll, syncOneWay } from './helpers';

type Rand = () => number;

function runOne(doc: Y.Doc, rand: Rand, nextId: () => string): void {
  const nodes = readNodes(doc);
  const ids = (kind: JourneyNode['kind']) => nodes.filter((n) => n.kind === kind).map((n) => n.id);
  const stage = () => pick(rand, ids('stage')) ?? null;
  const tp = () => pick(rand, ids('touchpoint'));
  const int = (n: number) => Math.floor(rand() * n);
  const coord = () => int(2000) - 500;
  const ops: Array<() => unknown> = [
    () => addStage(doc, { label: `S${int(99)}`, index: int(5), id: nextId() }),
    () =>
      addTouchpoint(doc, {
        stageId: stage(),
        label: 'T',
        x: coord(),
        y: coord(),
        channelId: pick(rand, ids('channel')) ?? null,
        id: nextId(),
      }),
    () => addTouchpoint(doc, { stageId: stage(), label: 'T', id: nextId() }),
    () =>
      addChannel(doc, {
        label: 'C',
        type: rand() < 0.5 ? 'digital' : 'physical',
        medium: pick(rand, CHANNEL_MEDIA) ?? 'web',
        id: nextId(),
      }),
    () => addPersona(doc, { name: 'P', id: nextId() }),
    () => addOwner(doc, { name: 'O', id: nextId() }),
    () => addNote(doc, { label: 'N', x: coord(), y: coord(), id: nextId() }),
    () => setLabel(doc, pick(rand, nodes)?.id ?? 'none', `L${int(99)}`),
    () => moveStage(doc, stage() ?? 'none', int(6) - 1),
    () => moveStage(doc, stage() ?? 'none', int(6) - 1),
    () =>
      moveNodes(
        doc,
        nodes.filter(() => rand() < 0.3).map((n) => ({ id: n.id, x: coord(), y: coord() })),
      ),
    () => resizeNode(doc, tp() ?? 'none', { w: 20 + int(500), h: 20 + int(500) }),
    () => setEmotion(doc, tp() ?? 'none', int(5) - 2),
    () => setTouchpointStage(doc, tp() ?? 'none', stage(), rand() < 0.5 ? { x: coord(), y: coord() } : undefined),
    () => setTouchpointChannel(doc, tp() ?? 'none', pick(rand, ids('channel')) ?? null),
    () =>
      setTouchpointPersonas(
        doc,
        tp() ?? 'none',
        ids('persona').filter(() => rand() < 0.5),
      ),
    () =>
      setTouchpointList(
        doc,
        tp() ?? 'none',
        rand() < 0.5 ? 'painPoints' : 'opportunities',
        ['a', 'b', 'c'].filter(() => rand() < 0.6),
      ),
    () => assignStageOwner(doc, stage() ?? 'none', pick(rand, ids('owner')) ?? null),
    () => setStageColor(doc, stage() ?? 'none', rand() < 0.5 ? '#112233' : '#445566'),
    () => connect(doc, { source: tp() ?? 'none', target: tp() ?? 'none', id: nextId() }),
    () => connect(doc, { source: tp() ?? 'none', target: tp() ?? 'none', id: nextId() }),
    () => removeEdge(doc, pick(rand, readEdges(doc))?.id ?? 'none'),
    () =>
      removeNodes(
        doc,
        nodes.filter(() => rand() < 0.08).map((n) => n.id),
      ),
    () => removeNodes(doc, [pick(rand, nodes)?.id ?? 'none']),
    () => setJourneyMeta(doc, { title: `Title ${int(9)}` }),
    () => repairJourney(doc), // peers repair after remote updates; this exercises repairs on partial states
  ];
  try {
    pick(rand, ops)?.();
  } catch (e) {
    if (!(e instanceof ModelError)) throw e; // refused commands are fine; anything else is a bug
  }
}

function simulate(seed: number, peerCount: number, steps: number): void {
  const rand = mulberry32(seed);
  const docs = Array.from({ length: peerCount }, (_, i) => newDoc(i + 1));
  let counter = 0;
  const first = docs[0] as Y.Doc;
  initJourney(first, { title: 'Random journey' });
  addStage(first, { label: 'Start', id: 'start' });
  syncAll(docs);
  for (let step = 0; step < steps; step++) {
    const i = Math.floor(rand() * peerCount);
    const doc = docs[i] as Y.Doc;
    runOne(doc, rand, () => `n${i}_${counter++}`);
    if (rand() < 0.3) {
      const from = pick(rand, docs) as Y.Doc;
      const to = pick(rand, docs) as Y.Doc;
      if (from !== to) syncOneWay(from, to);
    }
  }
  settle(docs);
  expectConverged(docs, `seed ${seed}`);
}

describe('random convergence', () => {
  const fixed = process.env.MODEL_SEED;
  const seeds = fixed ? [Number(fixed)] : Array.from({ length: 20 }, (_, i) => 1000 + i * 7919);
  it(`${seeds.length} seeded runs of 3–5 peers converge to equal, valid journeys`, () => {
    for (const seed of seeds) {
      try {
        simulate(seed, 3 + (seed % 3), 160);
      } catch (e) {
        throw new Error(
          `convergence failed for seed ${seed} (replay: MODEL_SEED=${seed}): ${e instanceof Error ? e.message : String(e)}`,
          { cause: e },
        );
      }
    }
    expect(seeds.length).toBeGreaterThan(0);
  });
});
