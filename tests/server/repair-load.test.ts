// What the server does to a map's content on its own: repair after a stock client's hostile or odd
// writes (issue 17, finding 9: absurd coordinates and wrong field types must not blank the map for
// others; a newer build's node kind is kept), and migration of a map stored at an older schema version
// when its room loads (issue 12).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LIMITS, SCHEMA_VERSION, readNode, readNodes, validateJourney } from '../../src/model';
import { connectSynced, createMap, sleep, startTestServer, waitFor } from './helpers/testServer';

const nodeMap = (entries: Array<[string, unknown]>) => new Y.Map<unknown>(entries);

describe('repair of hostile node fields', () => {
  it('clamps absurd coordinates, fixes field types and keeps a newer kind; a fresh client reads a drawable map', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const attacker = await connectSynced(t.wsUrl, map.id, map.editorKey);
    const nodes = attacker.doc.getMap<Y.Map<unknown>>('nodes');
    attacker.doc.transact(() => {
      nodes.set(
        'far',
        nodeMap([
          ['kind', 'note'],
          ['label', 'Far away'],
          ['x', 1e300],
          ['y', -1e300],
          ['w', 1e300],
          ['h', 120],
        ]),
      );
      nodes.set(
        'odd',
        nodeMap([
          ['kind', 'touchpoint'],
          ['label', 99],
          ['x', 'left'],
          ['y', 10],
          ['w', 220],
          ['h', 96],
          ['stageId', 17],
          ['lane', 'upside'],
          ['emotion', 'happy'],
          ['painPoints', 'a string'],
        ]),
      );
      nodes.set(
        'newer',
        nodeMap([
          ['kind', 'hologram'],
          ['label', 'A newer kind'],
          ['x', 40],
          ['y', 40],
          ['w', 100],
          ['h', 100],
        ]),
      );
    });
    await waitFor(
      () => (nodes.get('far')?.get('x') as number) === LIMITS.coordinateAbsMax,
      5000,
      'the repair of the far note',
    );
    await waitFor(() => nodes.get('odd')?.get('lane') === 'front', 5000, 'the repair of the odd touchpoint');
    attacker.destroy();
    await waitFor(() => t.server.rooms.size === 0, 5000, 'room unloaded');

    // a fresh client gets the repaired map from the store
    const viewer = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    expect(validateJourney(viewer.doc)).toEqual([]);
    const max = LIMITS.coordinateAbsMax;
    for (const n of readNodes(viewer.doc)) {
      for (const v of [n.x, n.y]) expect(Number.isFinite(v) && Math.abs(v) <= max, `${n.id} x/y`).toBe(true);
      for (const v of [n.w, n.h])
        expect(Number.isFinite(v) && v >= LIMITS.sizeMin && v <= LIMITS.sizeMax, `${n.id} w/h`).toBe(true);
    }
    expect(readNode(viewer.doc, 'far')).toMatchObject({ x: max, y: -max, w: LIMITS.sizeMax });
    const stored = viewer.doc.getMap<Y.Map<unknown>>('nodes').get('odd')?.toJSON();
    expect(stored).toMatchObject({ label: '', x: 0, stageId: null, lane: 'front', emotion: 0, painPoints: [] });
    expect(viewer.doc.getMap<Y.Map<unknown>>('nodes').get('newer')?.get('kind')).toBe('hologram');
    expect(t.logText()).not.toContain('repairJourney failed');
  });
});

describe('migration of a stored map when its room loads', () => {
  it('migrates a map stored at schema version 1 in one stored update, once', async () => {
    expect(SCHEMA_VERSION).toBeGreaterThan(1);
    const t = await startTestServer();
    const map = await createMap(t.url, 'Old map');
    const store = t.server.store.docs;
    // write a version-1 document to the store directly: a touchpoint as version 1 allowed, without the
    // fields a version-2 node always carries
    const old = new Y.Doc();
    const seeded = await store.loadDocument(map.id);
    if (seeded?.snapshot) Y.applyUpdate(old, seeded.snapshot);
    for (const u of seeded?.updates ?? []) Y.applyUpdate(old, u.bytes);
    const before = Y.encodeStateVector(old);
    old.transact(() => {
      old.getMap('meta').set('schemaVersion', 1);
      old.getMap<Y.Map<unknown>>('nodes').set(
        't1',
        nodeMap([
          ['kind', 'touchpoint'],
          ['label', 'Search'],
          ['x', 10],
          ['y', 20],
          ['stageId', null],
        ]),
      );
    });
    const seqBefore = await store.appendUpdate(map.id, Y.encodeStateAsUpdate(old, before));

    const a = await connectSynced(t.wsUrl, map.id, map.editorKey);
    await waitFor(() => a.doc.getMap('meta').get('schemaVersion') === SCHEMA_VERSION, 5000, 'migrated schemaVersion');
    const t1 = a.doc.getMap<Y.Map<unknown>>('nodes').get('t1');
    expect(t1?.toJSON()).toMatchObject({
      kind: 'touchpoint',
      label: 'Search',
      x: 10,
      y: 20,
      w: 220,
      h: 96,
      lane: 'front',
      channelId: null,
      personaIds: [],
      emotion: 0,
      painPoints: [],
      opportunities: [],
    });
    expect(t1?.get('notes')).toBeInstanceOf(Y.XmlFragment);
    // the migration is one stored update after the version-1 one, and the stored map is migrated
    const storedAfter = async () => (await store.loadDocument(map.id))?.updates.filter((u) => u.seq > seqBefore) ?? [];
    for (let i = 0; i < 500 && (await storedAfter()).length === 0; i++) await sleep(10);
    await sleep(200);
    const migration = await storedAfter();
    expect(migration).toHaveLength(1);
    const replay = new Y.Doc();
    Y.applyUpdate(replay, Y.encodeStateAsUpdate(old));
    Y.applyUpdate(replay, migration[0]?.bytes ?? new Uint8Array());
    expect(replay.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);

    a.destroy();
    await waitFor(() => t.server.rooms.size === 0, 5000, 'room unloaded');
    const compacted = await store.loadDocument(map.id);
    const lastSeq = Math.max(compacted?.uptoSeq ?? 0, ...(compacted?.updates ?? []).map((u) => u.seq));
    const b = await connectSynced(t.wsUrl, map.id, map.editorKey);
    expect(b.doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);
    await sleep(200);
    const reopened = await store.loadDocument(map.id);
    expect(reopened?.updates.filter((u) => u.seq > lastSeq)).toEqual([]); // nothing to migrate the second time
  });
});
