// Seeded convergence fuzz, the Yjs way: 5 in-memory peers apply random journey commands (every
// command of src/model, see helpers/commands.ts) over a network that delivers random subsets of each
// link's queue in random order and drops links for a while (resynced by state vectors). Then a full
// sync, repairJourney on each peer until stable (at most 2 rounds), and the docs must be exactly
// equal (state vectors, every root, the journey export) and valid.
// A failure prints its seed; replay one run with
//   FUZZ_SEED=<seed> FUZZ_STEPS=<steps> npx vitest run --project reliability tests/reliability/convergence.test.ts
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addStage, applyTemplate, importJourney, initJourney, repairJourney } from '../../src/model';
import { mulberry32, pick } from '../shared/random';
import { COMMAND_NAMES, randomCommand, templateFile, type Peer } from './helpers/commands';
import { Mesh, assertConverged } from './helpers/mesh';
import { report, size } from './helpers/size';

const PEERS = 5;
const BASE_TIME = Date.UTC(2025, 0, 1);

interface RunStats {
  commands: Map<string, { run: number; refused: number }>;
  delivered: number;
  dropped: number;
  resyncs: number;
  repairRounds: number;
}

/** Ids and times are drawn from the seed too (newId uses crypto.getRandomValues), so a seed replays exactly. */
function seededEnvironment(seed: number): () => void {
  const rand = mulberry32(seed ^ 0x5eed);
  const spy = vi
    .spyOn(globalThis.crypto, 'getRandomValues')
    .mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      if (array instanceof Uint8Array) for (let i = 0; i < array.length; i++) array[i] = Math.floor(rand() * 256);
      return array;
    });
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(BASE_TIME);
  return () => {
    spy.mockRestore();
    vi.useRealTimers();
  };
}

function simulate(seed: number, steps: number, stats: RunStats): void {
  const rand = mulberry32(seed);
  const docs = Array.from({ length: PEERS }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = i + 1;
    return doc;
  });
  let step = 0;
  let counter = 0;
  const peers: Peer[] = docs.map((doc, i) => ({
    doc,
    rand,
    nextId: () => `p${i}n${counter++}`,
    userId: `user-${i}`,
    now: () => new Date(BASE_TIME + step * 60_000).toISOString(),
    versions: [],
  }));
  const first = docs[0] as Y.Doc;
  // three ways a map starts: blank with one stage, from a template, or from an imported file
  initJourney(first, { title: 'Fuzzed journey' });
  if (seed % 3 === 0) addStage(first, { label: 'Start', id: 'start' });
  else if (seed % 3 === 1)
    applyTemplate(
      first,
      pick(rand, ['purchase', 'omnichannel-support', 'service-blueprint']) ?? 'purchase',
      rand() < 0.5 ? 'en' : 'it',
    );
  else {
    const blank = new Y.Doc();
    importJourney(blank, templateFile('service-blueprint', 'it'));
    Y.applyUpdate(first, Y.encodeStateAsUpdate(blank));
    blank.destroy();
  }
  const mesh = new Mesh(docs, rand);
  mesh.flush();

  for (step = 0; step < steps; step++) {
    vi.setSystemTime(BASE_TIME + step * 60_000);
    const peer = pick(rand, peers) as Peer;
    const { name, refused } = randomCommand(peer);
    const entry = stats.commands.get(name) ?? { run: 0, refused: 0 };
    entry.run++;
    if (refused) entry.refused++;
    stats.commands.set(name, entry);

    const deliveries = Math.floor(rand() * 3);
    for (let d = 0; d < deliveries; d++) {
      const receiver = mesh.deliverSome();
      // the app repairs after remote updates: so do peers, sometimes, on whatever partial state they hold
      if (receiver && rand() < 0.3) repairJourney(receiver);
    }
    if (rand() < 0.03) {
      const a = pick(rand, docs) as Y.Doc;
      const b = pick(rand, docs) as Y.Doc;
      if (a !== b) mesh.disconnect(a, b, 3 + Math.floor(rand() * 40));
    }
    mesh.tick();
  }
  mesh.flush();
  stats.repairRounds = Math.max(stats.repairRounds, mesh.repairUntilStable(2));
  assertConverged(docs);
  stats.delivered += mesh.delivered;
  stats.dropped += mesh.dropped;
  stats.resyncs += mesh.resyncs;
  for (const p of peers) for (const v of p.versions) v.destroy();
  for (const d of docs) d.destroy();
}

function runSeeds(steps: number, seeds: number[]): RunStats {
  const stats: RunStats = { commands: new Map(), delivered: 0, dropped: 0, resyncs: 0, repairRounds: 0 };
  for (const seed of seeds) {
    const restore = seededEnvironment(seed);
    try {
      simulate(seed, steps, stats);
    } catch (err) {
      const replay = `FUZZ_SEED=${seed} FUZZ_STEPS=${steps} npx vitest run --project reliability tests/reliability/convergence.test.ts`;
      console.error(`convergence fuzz failed: seed ${seed}, ${steps} steps; replay: ${replay}`);
      throw new Error(
        `seed ${seed} (${steps} steps) did not converge — replay: ${replay}\n${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    } finally {
      restore();
    }
  }
  return stats;
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const fixedSeed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : null;
const fixedSteps = process.env.FUZZ_STEPS ? Number(process.env.FUZZ_STEPS) : null;

describe('convergence fuzz: 5 peers, partial delivery, dropped links', () => {
  const cases: [number, number][] =
    fixedSeed !== null
      ? [[fixedSteps ?? 300, 1]]
      : [
          [40, size(30, 400)],
          [300, size(8, 80)],
          [1800, size(2, 20)],
        ];
  for (const [steps, count] of cases) {
    it(`${count} seeds × ${steps} steps converge to equal, valid journeys`, () => {
      const seeds = fixedSeed !== null ? [fixedSeed] : Array.from({ length: count }, (_, i) => steps * 1000 + i * 7919);
      const started = performance.now();
      const stats = runSeeds(steps, seeds);
      const ran = [...stats.commands.values()].reduce((n, c) => n + c.run, 0);
      const refused = [...stats.commands.values()].reduce((n, c) => n + c.refused, 0);
      report(`convergence ${steps} steps`, {
        seeds: seeds.length,
        commands: ran,
        refused,
        kinds: stats.commands.size,
        delivered: stats.delivered,
        dropped: stats.dropped,
        resyncs: stats.resyncs,
        repairRounds: stats.repairRounds,
        ms: Math.round(performance.now() - started),
      });
      expect(stats.repairRounds).toBeLessThanOrEqual(2);
      if (fixedSeed === null && steps >= 300) {
        // every command of the model ran, and most of them were accepted at least once
        const missing = COMMAND_NAMES.filter((n) => !stats.commands.has(n));
        expect(missing).toEqual([]);
        const neverAccepted = COMMAND_NAMES.filter((n) => {
          const c = stats.commands.get(n);
          return !c || c.run === c.refused;
        });
        expect(neverAccepted.filter((n) => n !== 'applyTemplate' && n !== 'importJourney')).toEqual([]);
      }
    });
  }
});
