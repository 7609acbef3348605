// The first content of a new map's document, written through the model's command.
import * as Y from 'yjs';
import { initJourney, migrateJourney, repairJourney } from '../../src/model';

/** A fresh document holding the journey's meta; throws the model's error for an invalid title. */
export function seedDocument(title: string): Uint8Array {
  const doc = new Y.Doc();
  try {
    initJourney(doc, { title }, { kind: 'import' });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** Restores the journey's invariants after a merge (origin { kind: 'repair' }); true if it wrote. */
export function repairDocument(doc: Y.Doc): boolean {
  return repairJourney(doc);
}

/** Brings a stored document of an older schema up to date (origin { kind: 'migration' }); true if it wrote. */
export function migrateDocument(doc: Y.Doc): boolean {
  return migrateJourney(doc);
}
