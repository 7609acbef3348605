// An in-memory network of Yjs peers for the convergence fuzz: one queue per directed link; updates
// are delivered in random subsets and random order (Yjs keeps what arrives early as pending);
// links go down for a while (what was in flight is lost) and come back with a state-vector resync,
// as y-websocket's sync step 1/2 does on reconnect.
import * as Y from 'yjs';
import { ROOT, exportJourney, repairJourney, validateJourney } from '../../../src/model';
import type { Rand } from '../../shared/random';

/** The origin of updates that arrived over a link (never forwarded again: every peer sends its own). */
export const LINK = { kind: 'remote' } as const;

interface Link {
  from: Y.Doc;
  to: Y.Doc;
  queue: Uint8Array[];
  /** Steps left until the link is back; 0: up. */
  down: number;
}

export class Mesh {
  private readonly links: Link[] = [];
  delivered = 0;
  dropped = 0;
  resyncs = 0;

  constructor(
    readonly docs: Y.Doc[],
    private readonly rand: Rand,
  ) {
    for (const from of docs) for (const to of docs) if (from !== to) this.links.push({ from, to, queue: [], down: 0 });
    for (const doc of docs) {
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === LINK) return;
        for (const link of this.links) {
          if (link.from !== doc) continue;
          if (link.down > 0) this.dropped++;
          else link.queue.push(update);
        }
      });
    }
  }

  private pair(a: Y.Doc, b: Y.Doc): Link[] {
    return this.links.filter((l) => (l.from === a && l.to === b) || (l.from === b && l.to === a));
  }

  /** Delivers a random subset of one random link's queue, in random order. Returns the receiving doc. */
  deliverSome(): Y.Doc | null {
    const ready = this.links.filter((l) => l.down === 0 && l.queue.length > 0);
    const link = ready[Math.floor(this.rand() * ready.length)];
    if (!link) return null;
    const count = 1 + Math.floor(this.rand() * link.queue.length);
    for (let i = 0; i < count; i++) {
      const [update] = link.queue.splice(Math.floor(this.rand() * link.queue.length), 1);
      if (update) Y.applyUpdate(link.to, update, LINK);
      this.delivered++;
    }
    return link.to;
  }

  /** Both directions between two peers go down for `steps` steps; what was in flight is lost. */
  disconnect(a: Y.Doc, b: Y.Doc, steps: number): void {
    for (const link of this.pair(a, b)) {
      this.dropped += link.queue.length;
      link.queue = [];
      link.down = steps;
    }
  }

  /** One step of time: links whose time is up come back and resync by state vectors. */
  tick(): void {
    for (const link of this.links) {
      if (link.down === 0) continue;
      link.down--;
      if (link.down === 0) this.resync(link.from, link.to);
    }
  }

  private resync(from: Y.Doc, to: Y.Doc): void {
    Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), LINK);
    this.resyncs++;
  }

  /** Every link up, every queue delivered (in random order), then state-vector syncs until equal. */
  flush(): void {
    for (const link of this.links) link.down = 0;
    for (const link of this.links) {
      while (link.queue.length > 0) {
        const [update] = link.queue.splice(Math.floor(this.rand() * link.queue.length), 1);
        if (update) Y.applyUpdate(link.to, update, LINK);
      }
    }
    for (let round = 0; round < 4; round++) {
      for (const a of this.docs) for (const b of this.docs) if (a !== b) this.resync(a, b);
      if (this.settled()) return;
    }
    throw new Error('peers did not reach equal state vectors after 4 rounds of full sync');
  }

  private settled(): boolean {
    const first = this.docs[0];
    if (!first) return true;
    const sv = Buffer.from(Y.encodeStateVector(first)).toString('base64');
    return this.docs.every(
      (d) =>
        Buffer.from(Y.encodeStateVector(d)).toString('base64') === sv && !d.store.pendingStructs && !d.store.pendingDs,
    );
  }

  /**
   * What the app and the server do once quiet: every peer repairs, everything is synced again; repeat
   * while a repair wrote. Returns the number of rounds that repaired; throws past `maxRounds`.
   */
  repairUntilStable(maxRounds: number): number {
    for (let round = 0; round <= maxRounds; round++) {
      const repaired = this.docs.map((d) => repairJourney(d)).some(Boolean);
      if (!repaired) return round;
      this.flush();
    }
    throw new Error(`repairJourney still writing after ${maxRounds} rounds`);
  }
}

/** JSON with object keys sorted: a Y.Map's toJSON lists keys in the order this replica integrated them. */
export function canonicalJSON(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** Every root in full (rich notes as XML, since toJSON drops their marks) and the journey export. */
export function docFingerprint(doc: Y.Doc): string {
  const notes: Record<string, string> = {};
  doc.getMap<unknown>(ROOT.nodes).forEach((m, id) => {
    const n = m instanceof Y.Map ? m.get('notes') : undefined;
    if (n instanceof Y.XmlFragment) notes[id] = n.toString();
  });
  const roots: Record<string, unknown> = {};
  for (const name of Object.values(ROOT))
    roots[name] = name === ROOT.stageOrder ? doc.getArray(name).toJSON() : doc.getMap(name).toJSON();
  const { exportedAt: _when, ...exported } = exportJourney(doc) as unknown as Record<string, unknown>; // the time of the export, not content
  return canonicalJSON({ roots, notes, export: exported });
}

/** Throws a readable error unless every doc has the same state vector and fingerprint and is valid. */
export function assertConverged(docs: Y.Doc[]): void {
  const [first, ...rest] = docs;
  if (!first) return;
  const sv = Buffer.from(Y.encodeStateVector(first)).toString('hex');
  const print = docFingerprint(first);
  rest.forEach((d, i) => {
    const other = Buffer.from(Y.encodeStateVector(d)).toString('hex');
    if (other !== sv) throw new Error(`peer ${i + 1} state vector differs from peer 0`);
    const p = docFingerprint(d);
    if (p !== print) {
      let at = 0;
      while (at < p.length && p[at] === print[at]) at++;
      throw new Error(
        `peer ${i + 1} content differs from peer 0 at char ${at}: …${print.slice(Math.max(0, at - 80), at + 80)}… vs …${p.slice(Math.max(0, at - 80), at + 80)}…`,
      );
    }
  });
  docs.forEach((d, i) => {
    const issues = validateJourney(d);
    if (issues.length > 0) throw new Error(`peer ${i} is not a valid journey: ${JSON.stringify(issues.slice(0, 5))}`);
  });
}
