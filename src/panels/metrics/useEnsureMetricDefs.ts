// An editor opening a map writes the default metric definitions the doc lacks, once, after the
// first sync (so it sees what others stored first). The write's origin is a migration's, so it never
// enters anyone's undo history. Viewers never write.
import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { MIGRATION_ORIGIN, ensureDefaultMetricDefs } from '../../model';
import type { JourneyStore } from '../../state/journeyStore';

export function useEnsureMetricDefs(doc: Y.Doc, store: JourneyStore, synced: boolean, readOnly: boolean): void {
  const done = useRef(false);
  useEffect(() => {
    if (done.current || !synced || readOnly) return;
    done.current = true;
    if (store.missingDefaultMetricDefs()) ensureDefaultMetricDefs(doc, MIGRATION_ORIGIN);
  }, [doc, store, synced, readOnly]);
}
