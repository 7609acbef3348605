import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  SCHEMA_VERSION,
  addStage,
  applyMigrations,
  documentSchemaVersion,
  initJourney,
  journeyHasContent,
  migrateJourney,
  readMeta,
  rootMaps,
  validateJourney,
  type Migration,
} from './model';
import { expectOneTransaction, newDoc, transactionsOf } from './helpers';

const MIGRATION = { kind: 'migration' } as const;

/** A document from before schema versions: a stage written straight into the roots, no schemaVersion. */
function fakeV0(): Y.Doc {
  const doc = newDoc();
  doc.transact(() => {
    rootMaps(doc).meta.set('title', 'Old map');
    const s = new Y.Map<unknown>();
    rootMaps(doc).nodes.set('s1', s);
    for (const [k, v] of Object.entries({
      kind: 'stage',
      label: 'Old',
      x: 0,
      y: 0,
      w: 300,
      h: 0,
      ownerId: null,
      goal: '',
      color: '#4f7cac',
    }))
      s.set(k, v);
    doc.getArray<string>('stageOrder').push(['s1']);
  });
  return doc;
}

describe('migrateJourney', () => {
  it('brings a version-0 document to SCHEMA_VERSION in one migration transaction, then does nothing', () => {
    const doc = fakeV0();
    expect(documentSchemaVersion(doc)).toBe(0);
    expect(readMeta(doc).schemaVersion).toBe(0);
    expect(expectOneTransaction(doc, () => migrateJourney(doc), MIGRATION)).toBe(true);
    expect(readMeta(doc)).toMatchObject({ title: 'Old map', schemaVersion: SCHEMA_VERSION });
    expect(validateJourney(doc)).toEqual([]);
    expect(transactionsOf(doc, () => expect(migrateJourney(doc)).toBe(false))).toEqual([]);
  });

  it('migrates an explicit schemaVersion 0; leaves empty, current and newer documents alone', () => {
    const zero = newDoc();
    rootMaps(zero).meta.set('schemaVersion', 0);
    expect(migrateJourney(zero)).toBe(true);
    expect(readMeta(zero).schemaVersion).toBe(SCHEMA_VERSION);

    const empty = newDoc();
    expect(documentSchemaVersion(empty)).toBeNull();
    expect(transactionsOf(empty, () => expect(migrateJourney(empty)).toBe(false))).toEqual([]);

    const current = newDoc();
    initJourney(current, { title: 'Now' });
    expect(transactionsOf(current, () => expect(migrateJourney(current)).toBe(false))).toEqual([]);

    const newer = newDoc();
    rootMaps(newer).meta.set('schemaVersion', SCHEMA_VERSION + 1);
    expect(transactionsOf(newer, () => expect(migrateJourney(newer)).toBe(false))).toEqual([]);
    expect(readMeta(newer).schemaVersion).toBe(SCHEMA_VERSION + 1);
  });

  it('runs the pending migrations in version order, inside the one transaction, up to the target', () => {
    const ran: string[] = [];
    const step = (to: number): Migration => ({
      to,
      description: `to ${to}`,
      up: (doc) => {
        ran.push(`${to}@${String(rootMaps(doc).meta.get('schemaVersion'))}`);
        rootMaps(doc).meta.set(`m${to}`, true);
      },
    });
    const doc = fakeV0();
    rootMaps(doc).meta.set('schemaVersion', 1);
    const migrations = [step(4), step(2), step(1), step(3)];
    expect(expectOneTransaction(doc, () => applyMigrations(doc, migrations, 3), MIGRATION)).toBe(true);
    expect(ran).toEqual(['2@1', '3@2']); // 1 is already applied; 4 is beyond the target
    expect(rootMaps(doc).meta.get('schemaVersion')).toBe(3);
    expect(rootMaps(doc).meta.get('m4')).toBeUndefined();
    expect(applyMigrations(doc, migrations, 3)).toBe(false);
  });

  it('tells content from a seeded meta', () => {
    const doc = newDoc();
    initJourney(doc, { title: 'Seeded' });
    expect(journeyHasContent(doc)).toBe(false);
    addStage(doc, { label: 'S' });
    expect(journeyHasContent(doc)).toBe(true);
  });
});
