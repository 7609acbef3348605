// Applying an ingest request to a map's loaded document: the valid items in ONE transaction with
// origin { kind: 'ingest' }, through the model's setMetricValues. When no item is valid nothing is
// written and NoValidItems carries every item's error.
import type * as Y from 'yjs';
import { setMetricValues, type Origin } from '../../src/model';
import { checkItems, type IngestItemError } from './items';

export const INGEST_ORIGIN: Origin = { kind: 'ingest' };

export interface IngestResult {
  applied: number;
  /** Valid items not applied: the same node, metric and time were already applied (or older than the kept history). */
  skipped: number;
  errors: IngestItemError[];
}

export class NoValidItems extends Error {
  constructor(readonly errors: IngestItemError[]) {
    super('no item is valid; nothing was applied');
    this.name = 'NoValidItems';
  }
}

export function ingestItems(doc: Y.Doc, items: readonly unknown[]): IngestResult {
  const checked = checkItems(doc, items);
  if (checked.inputs.length === 0) throw new NoValidItems(checked.errors);
  const result = setMetricValues(doc, checked.inputs, INGEST_ORIGIN);
  const errors = [
    ...checked.errors,
    ...result.errors.map((e) => ({ index: checked.indexes[e.index] ?? -1, reason: e.reason })),
  ].sort((a, b) => a.index - b.index);
  // every item failed the model's checks too (e.g. out of range): its transaction wrote nothing
  if (result.applied + result.skipped === 0) throw new NoValidItems(errors);
  return { applied: result.applied, skipped: result.skipped, errors };
}
