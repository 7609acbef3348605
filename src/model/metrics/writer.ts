// The write side of metric values, used inside one transaction by setMetricValue(s). A batch works
// on a plain mirror of each history and writes to the Y types once at flush(): new points go in as
// contiguous runs and each field is set once, so 10,000 CSV rows make a few hundred Yjs operations
// instead of tens of thousands.
import * as Y from 'yjs';
import { setIfChanged } from '../tx';
import { METRIC_HISTORY_MAX, pointFrom, type MetricSource } from './read';

export interface CheckedItem {
  node: Y.Map<unknown>;
  nodeId: string;
  key: string;
  value: number;
  target?: number;
  source: MetricSource;
  at?: string; // normalised ISO time
}

/** 'duplicate': that time is already in the history; 'stale': older than a full history keeps. */
export type MetricWriteStatus = 'applied' | 'duplicate' | 'stale';

/** The node's metric map for `key`, created (with its history) when absent. Inside a transaction. */
export function metricMapForWrite(node: Y.Map<unknown>, key: string): Y.Map<unknown> {
  let metrics = node.get('metrics');
  if (!(metrics instanceof Y.Map)) {
    metrics = new Y.Map<unknown>();
    node.set('metrics', metrics);
  }
  const all = metrics as Y.Map<unknown>;
  let mm = all.get(key);
  if (!(mm instanceof Y.Map)) {
    mm = new Y.Map<unknown>();
    all.set(key, mm);
  }
  return mm as Y.Map<unknown>;
}

interface MirrorPoint {
  at: string;
  ms: number; // NaN for an unreadable entry
  value: number;
  orig: number; // index in the history as it was before the batch; -1 for a new point
}

interface Mirror {
  history: Y.Array<unknown>;
  points: MirrorPoint[]; // the history as it will be, in order
  origLength: number;
  dirty: boolean;
}

export class MetricWriter {
  private mirrors = new Map<Y.Map<unknown>, Mirror>();
  private fields = new Map<Y.Map<unknown>, Map<string, unknown>>();

  private mirror(mm: Y.Map<unknown>): Mirror {
    let m = this.mirrors.get(mm);
    if (m) return m;
    let history = mm.get('history');
    if (!(history instanceof Y.Array)) {
      history = new Y.Array<unknown>();
      mm.set('history', history);
    }
    const h = history as Y.Array<unknown>;
    const points = h.toArray().map((v, orig) => {
      const p = pointFrom(v);
      return { at: p?.at ?? '', ms: Date.parse(p?.at ?? ''), value: p?.value ?? Number.NaN, orig };
    });
    m = { history: h, points, origLength: points.length, dirty: false };
    this.mirrors.set(mm, m);
    return m;
  }

  /** The value readers see (metricFrom): the newest point's, else the stored value. */
  private current(mm: Y.Map<unknown>, mir: Mirror): number | null {
    let newest: MirrorPoint | undefined;
    for (const p of mir.points) if (!Number.isNaN(p.ms) && (newest === undefined || p.ms >= newest.ms)) newest = p;
    if (newest) return newest.value;
    const v = mm.get('value');
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  }

  apply(item: CheckedItem, now: string): { status: MetricWriteStatus; before: number | null; changed: boolean } {
    const mm = metricMapForWrite(item.node, item.key);
    const mir = this.mirror(mm);
    const before = this.current(mm, mir);
    const at = item.at ?? now;
    const ms = Date.parse(at);
    const same = mir.points.findIndex((p) => p.at === at);
    // An explicit time seen before is a re-sent item; a manual edit in the same millisecond replaces it.
    if (same >= 0 && item.at !== undefined) return { status: 'duplicate', before, changed: false };
    if (same >= 0) this.remove(mir, same);
    let valid = 0;
    let oldest = Infinity;
    let latest = -Infinity;
    for (const p of mir.points) {
      if (Number.isNaN(p.ms)) continue;
      valid++;
      if (p.ms < oldest) oldest = p.ms;
      if (p.ms > latest) latest = p.ms;
    }
    if (valid >= METRIC_HISTORY_MAX && ms < oldest) return { status: 'stale', before, changed: false };
    if (valid === 0 && before !== null) latest = Date.parse(String(mm.get('updatedAt'))) || -Infinity; // a value written without history
    let idx = mir.points.length;
    while (idx > 0 && (mir.points[idx - 1]?.ms ?? 0) > ms) idx--;
    mir.points.splice(idx, 0, { at, ms, value: item.value, orig: -1 });
    mir.dirty = true;
    this.trim(mir);
    if (item.target !== undefined) this.stage(mm, 'target', item.target);
    if (ms < latest) return { status: 'applied', before, changed: false }; // a back-filled past point
    this.stage(mm, 'value', item.value);
    this.stage(mm, 'source', item.source);
    this.stage(mm, 'updatedAt', at);
    return { status: 'applied', before, changed: before !== item.value };
  }

  private remove(mir: Mirror, i: number): void {
    mir.points.splice(i, 1);
    mir.dirty = true;
  }

  /** Keep the newest METRIC_HISTORY_MAX points; unreadable entries go first. */
  private trim(mir: Mirror): void {
    while (mir.points.length > METRIC_HISTORY_MAX) {
      let drop = mir.points.findIndex((p) => Number.isNaN(p.ms));
      if (drop < 0) {
        drop = 0;
        mir.points.forEach((p, i) => {
          if (p.ms < (mir.points[drop]?.ms ?? Infinity)) drop = i;
        });
      }
      this.remove(mir, drop);
    }
  }

  private stage(mm: Y.Map<unknown>, field: string, value: unknown): void {
    let f = this.fields.get(mm);
    if (!f) {
      f = new Map();
      this.fields.set(mm, f);
    }
    f.set(field, value);
  }

  /** Write everything to the Y types. Call once, at the end of the transaction. */
  flush(): void {
    for (const mir of this.mirrors.values()) if (mir.dirty) writeHistory(mir);
    for (const [mm, f] of this.fields) for (const [field, value] of f) setIfChanged(mm, field, value);
    this.mirrors.clear();
    this.fields.clear();
  }
}

/** Make the Y.Array match the mirror: delete the dropped originals, insert new points in contiguous runs. */
function writeHistory(mir: Mirror): void {
  const kept = new Set(mir.points.map((p) => p.orig));
  for (let i = mir.origLength - 1; i >= 0; i--) if (!kept.has(i)) mir.history.delete(i, 1);
  let pos = 0; // index in the Y.Array of the next kept original
  let runAt = 0;
  let run: Array<{ value: number; at: string }> = [];
  const flushRun = () => {
    if (run.length === 0) return;
    mir.history.insert(runAt, run);
    pos += run.length;
    run = [];
  };
  for (const p of mir.points) {
    if (p.orig >= 0) {
      flushRun();
      pos++;
    } else {
      if (run.length === 0) runAt = pos;
      run.push({ value: p.value, at: p.at });
    }
  }
  flushRun();
}
