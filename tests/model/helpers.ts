// Test helpers for the model: doc snapshots, transaction counting, syncing in-memory peers, a PRNG.
import * as Y from 'yjs';
import { expect } from 'vitest';
import {
  ModelError,
  journeyPath,
  readEdges,
  readMeta,
  readNodes,
  readStageOrder,
  repairJourney,
  stagesInOrder,
  touchpointsByStage,
  validateJourney,
  type ModelErrorCode,
  type Origin,
} from './model';

export function newDoc(clientID?: number): Y.Doc {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  return doc;
}

/** Run `fn` and return the transactions it made (origin of each). */
export function transactionsOf(doc: Y.Doc, fn: () => void): unknown[] {
  const origins: unknown[] = [];
  const listener = (tr: Y.Transaction) => origins.push(tr.origin);
  doc.on('afterTransaction', listener);
  try {
    fn();
  } finally {
    doc.off('afterTransaction', listener);
  }
  return origins;
}

/** `fn` makes exactly one transaction, with the given origin (default: local-user). */
export function expectOneTransaction<T>(doc: Y.Doc, fn: () => T, origin: Origin = { kind: 'local-user' }): T {
  let result: T | undefined;
  const origins = transactionsOf(doc, () => {
    result = fn();
  });
  expect(origins).toHaveLength(1);
  expect(origins[0]).toEqual(origin);
  return result as T;
}

/** `fn` throws a ModelError with `code` and leaves the doc byte-for-byte unchanged, without transacting. */
export function expectRejected(doc: Y.Doc, fn: () => unknown, code: ModelErrorCode): void {
  const before = Y.encodeStateAsUpdate(doc);
  const sv = Y.encodeStateVector(doc);
  let error: unknown;
  const origins = transactionsOf(doc, () => {
    try {
      fn();
    } catch (e) {
      error = e;
    }
  });
  expect(error, 'expected a ModelError').toBeInstanceOf(ModelError);
  expect((error as ModelError).code).toBe(code);
  expect(origins).toHaveLength(0);
  expect(Y.encodeStateVector(doc)).toEqual(sv);
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
}

/** Send what `from` has and `to` lacks. */
export function syncOneWay(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), { kind: 'remote' });
}

export function syncPair(a: Y.Doc, b: Y.Doc): void {
  syncOneWay(a, b);
  syncOneWay(b, a);
}

export function syncAll(docs: Y.Doc[]): void {
  for (const a of docs) for (const b of docs) if (a !== b) syncOneWay(a, b);
}

/** Everything a view can read from a doc, as JSON: equal strings mean equal journeys. */
export function journeyJSON(doc: Y.Doc): string {
  return JSON.stringify({
    meta: readMeta(doc),
    nodes: readNodes(doc),
    edges: readEdges(doc),
    stages: stagesInOrder(doc).map((s) => s.id),
    order: readStageOrder(doc),
    byStage: [...touchpointsByStage(doc)].map(([k, v]) => [k, v.map((t) => t.id)]),
    path: journeyPath(doc).map((t) => t.id),
  });
}

/**
 * What the UI and the server do after remote updates, until quiet: exchange everything, repair on
 * every peer, repeat while a repair wrote something. Returns the number of rounds that repaired.
 */
export function settle(docs: Y.Doc[], maxRounds = 5): number {
  for (let round = 0; round < maxRounds; round++) {
    syncAll(docs);
    const repaired = docs.map((d) => repairJourney(d)).some(Boolean);
    if (!repaired) return round;
  }
  throw new Error(`did not settle in ${maxRounds} rounds`);
}

export function expectConverged(docs: Y.Doc[], context = ''): void {
  const [first, ...rest] = docs;
  if (!first) return;
  const json = journeyJSON(first);
  const sv = Y.encodeStateVector(first);
  for (const d of rest) {
    expect(journeyJSON(d), context).toBe(json);
    expect(Y.encodeStateVector(d), context).toEqual(sv);
  }
  for (const d of docs) expect(validateJourney(d), context).toEqual([]);
}
