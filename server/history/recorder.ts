// Who changed what (issue #14): every loaded room's nodes are watched; each change a member, a guest
// or the ingest API made is described (describe.ts) and kept in the store's `history`, with its
// author — a member by their account, a guest by the name they gave on the map (self-declared), the
// API as such. Rows are written in the background, once a second, never on the relay's path; a
// room's last edit time likewise. A change relayed from another process is that process's to record;
// the load of a stored document is not watched. History rows outlive the compaction of updates.
import type { FastifyBaseLogger } from 'fastify';
import { ROOT } from '../../src/model';
import type { Actor } from '../auth/actor';
import { INGEST_ORIGIN } from '../ingest/apply';
import type { ChangeAuthor, NewChange, Store } from '../storage/store';
import { isRelayedOrigin, type Room } from '../sync/room';
import { describeNodeChanges } from './describe';

const FLUSH_MS = 1000;
/** Past this many rows waiting (a burst of edits) the oldest are dropped, not the server's memory. */
const PENDING_MAX = 50_000;

/** A connection of the room: its actor, and the presence states it set (a guest's name). */
interface Connection {
  actor: Actor;
  awarenessIds: ReadonlySet<number>;
}

function isConnection(origin: unknown): origin is Connection {
  return typeof origin === 'object' && origin !== null && 'actor' in origin && 'awarenessIds' in origin;
}

/** The name a guest gave on this map (their presence state's user name), or ''. */
function guestName(room: Room, connection: Connection): string {
  for (const id of connection.awarenessIds) {
    const user = (room.awareness.getStates().get(id) as { user?: { name?: unknown } } | undefined)?.user;
    if (typeof user?.name === 'string' && user.name.trim()) return user.name.trim().slice(0, 60);
  }
  return '';
}

export function authorOf(room: Room, origin: unknown): ChangeAuthor | null {
  if (origin === INGEST_ORIGIN) return { kind: 'system', id: null, name: 'Ingest API' };
  if (!isConnection(origin)) return null; // the server's own repairs and migrations are not history
  const { actor } = origin;
  if (actor.kind === 'member') return { kind: 'member', id: actor.member.id, name: actor.member.name };
  return { kind: 'guest', id: null, name: guestName(room, origin) };
}

export class HistoryRecorder {
  private changes: NewChange[] = [];
  /** Each map's last stored edit, as a time in ms (made a date string only when written: once a flush, not per update). */
  private touched = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: { store: Store; log: FastifyBaseLogger; flushMs?: number }) {}

  /** Room hook: record this room's node changes from now on. */
  watch(room: Room): void {
    const nodes = room.doc.getMap<unknown>(ROOT.nodes);
    nodes.observeDeep((events, transaction) => {
      if (isRelayedOrigin(transaction.origin)) return;
      const author = authorOf(room, transaction.origin);
      if (!author) return;
      const described = describeNodeChanges(events, nodes);
      if (described.length === 0) return;
      const at = new Date().toISOString();
      for (const change of described) this.changes.push({ ...change, mapId: room.mapId, at, author });
      if (this.changes.length > PENDING_MAX) this.changes.splice(0, this.changes.length - PENDING_MAX);
      this.schedule();
    });
  }

  /** Room hook: an update of the room was stored (its last edit time). */
  stored(room: Room): void {
    this.touched.set(room.mapId, Date.now());
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.deps.flushMs ?? FLUSH_MS);
  }

  /** Writes what is waiting (also called on shutdown); a failure is logged, the rows are dropped. */
  flush(): Promise<void> {
    const changes = this.changes;
    const touches = [...this.touched].map(([mapId, at]) => ({ mapId, at: new Date(at).toISOString() }));
    this.changes = [];
    this.touched = new Map();
    if (changes.length === 0 && touches.length === 0) return this.flushing;
    this.flushing = this.flushing.then(async () => {
      try {
        if (changes.length > 0) await this.deps.store.history.addChanges(changes);
        if (touches.length > 0) await this.deps.store.history.touchMaps(touches);
      } catch (err) {
        this.deps.log.error({ err, changes: changes.length }, 'could not record map history');
      }
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }
}
