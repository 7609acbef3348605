// The events an import added, merged into the log already held in memory, so the flows after an
// import need no new scan of every stored event (a scan of 1,000,000 rows costs over a second).
// The result is what a scan would read: ordered by customer, time, then key term id, each identity
// (customer, time, key) once, the first one stored winning. Pure: columns in, columns out.

/** Events as term ids (customer, key, attribute set) and times, in any order. */
export interface EventColumns {
  count: number;
  customer: Int32Array;
  at: Float64Array;
  key: Int32Array;
  attrs: Int32Array;
}

/** Grows column by column while an import writes its batches. */
export class EventCollector implements EventColumns {
  count = 0;
  customer = new Int32Array(1024);
  at = new Float64Array(1024);
  key = new Int32Array(1024);
  attrs = new Int32Array(1024);

  add(batch: { customer: Int32Array; at: Float64Array; key: Int32Array; attrs: Int32Array }): void {
    const n = batch.at.length;
    if (this.count + n > this.at.length) {
      const size = Math.max(this.count + n, this.at.length * 2);
      const grow = <T extends Int32Array | Float64Array>(old: T): T => {
        const next = new (old.constructor as new (n: number) => T)(size);
        next.set(old.subarray(0, this.count));
        return next;
      };
      this.customer = grow(this.customer);
      this.at = grow(this.at);
      this.key = grow(this.key);
      this.attrs = grow(this.attrs);
    }
    this.customer.set(batch.customer, this.count);
    this.at.set(batch.at, this.count);
    this.key.set(batch.key, this.count);
    this.attrs.set(batch.attrs, this.count);
    this.count += n;
  }
}

/** Groups up to this size are put in order by insertion, larger ones by a sort. */
const INSERTION_MAX = 24;

/**
 * The order of the events by (customer, time, key, position): a counting sort by customer when the
 * ids are dense enough (they are term ids: an import's customers mostly are), each customer's few
 * events then ordered by insertion; otherwise one comparison sort. Position last: the first stored wins.
 */
export function eventOrder(events: EventColumns): Int32Array {
  const { count, customer, at, key } = events;
  const order = new Int32Array(count);
  if (count === 0) return order;
  const before = (a: number, b: number): number =>
    customer[a]! - customer[b]! || at[a]! - at[b]! || key[a]! - key[b]! || a - b;
  let min = customer[0]!;
  let max = min;
  for (let i = 1; i < count; i++) {
    const c = customer[i]!;
    if (c < min) min = c;
    else if (c > max) max = c;
  }
  const range = max - min + 1;
  if (range > 4 * count + 1024) {
    for (let i = 0; i < count; i++) order[i] = i;
    return order.sort(before);
  }
  const starts = new Int32Array(range + 1);
  for (let i = 0; i < count; i++) starts[customer[i]! - min + 1]!++;
  for (let c = 0; c < range; c++) starts[c + 1]! += starts[c]!;
  const fill = starts.slice(0, range);
  for (let i = 0; i < count; i++) order[fill[customer[i]! - min]!++] = i; // ascending positions per customer
  for (let c = 0; c < range; c++) {
    const lo = starts[c]!;
    const hi = starts[c + 1]!;
    if (hi - lo < 2) continue;
    if (hi - lo > INSERTION_MAX) {
      order.subarray(lo, hi).sort(before);
      continue;
    }
    for (let i = lo + 1; i < hi; i++) {
      const e = order[i]!;
      let j = i - 1;
      while (j >= lo && before(order[j]!, e) > 0) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = e;
    }
  }
  return order;
}

/** A log in scan order whose key and attribute columns are dense indices, with their term ids. */
export interface DenseLog {
  count: number;
  customer: Int32Array;
  at: Float64Array;
  /** Dense key index. */
  key: Int32Array;
  /** Dense attribute-set index (0: none). */
  attrs: Int32Array;
}

/**
 * `base` (in scan order) with `added` merged in, in scan order, events already there (or met
 * earlier in `added`) left out. `keyId` gives a dense key's term id (ties of time are ordered by
 * it, as the scan does); `denseKey` and `denseAttrs` turn the added events' term ids into dense indices.
 */
export function mergeEvents(
  base: DenseLog,
  added: EventColumns,
  keyId: ArrayLike<number>,
  denseKey: (termId: number) => number,
  denseAttrs: (termId: number) => number,
): DenseLog {
  const order = eventOrder(added);
  const total = base.count + added.count;
  const out: DenseLog = {
    count: 0,
    customer: new Int32Array(total),
    at: new Float64Array(total),
    key: new Int32Array(total),
    attrs: new Int32Array(total),
  };
  let n = 0;
  let i = 0;
  let j = 0;
  // the last event written: a new one equal to it is a duplicate
  let lastCustomer = NaN;
  let lastAt = NaN;
  let lastKeyId = NaN;
  const takeBase = (): void => {
    out.customer[n] = lastCustomer = base.customer[i]!;
    out.at[n] = lastAt = base.at[i]!;
    out.key[n] = base.key[i]!;
    lastKeyId = keyId[base.key[i]!]!;
    out.attrs[n++] = base.attrs[i++]!;
  };
  while (j < added.count) {
    const e = order[j]!;
    const c = added.customer[e]!;
    const t = added.at[e]!;
    const k = added.key[e]!;
    // base events that come before it
    while (i < base.count) {
      const bc = base.customer[i]!;
      if (bc > c) break;
      if (bc === c) {
        const bt = base.at[i]!;
        if (bt > t || (bt === t && keyId[base.key[i]!]! > k)) break;
      }
      takeBase();
    }
    j++;
    if (c === lastCustomer && t === lastAt && k === lastKeyId) continue; // stored already
    out.customer[n] = lastCustomer = c;
    out.at[n] = lastAt = t;
    out.key[n] = denseKey(k);
    lastKeyId = k;
    out.attrs[n++] = denseAttrs(added.attrs[e]!);
  }
  while (i < base.count) takeBase();
  out.count = n;
  return out;
}
