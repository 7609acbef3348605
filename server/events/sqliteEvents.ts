// Events in SQLite: tables in the same database file as the maps (DATA_DIR/percorso.db), reached
// through a connection of their own, so a large import can use a large page cache without changing
// the store's. better-sqlite3 is synchronous: each method commits before it returns, and no
// transaction spans an await, so this connection and the store's never wait for each other.
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { sqliteEventTablesSql } from './schema';
import type {
  ActivityMapping,
  EventBackend,
  EventBatch,
  EventSpace,
  ScannedEvents,
  Term,
  TermKind,
  TimelineRow,
} from './types';

type Row = [number, number, number, number];

/** Rows per INSERT statement of an import (7 parameters each; SQLite allows 32,766). */
const ROWS_PER_INSERT = 128;
/** Texts per statement when terms are looked up and added. */
const TERMS_PER_STATEMENT = 500;

export class SqliteEvents implements EventBackend {
  private readonly db: Database.Database;
  private readonly stmt;

  /**
   * `file`: the store's database file (its `maps` table must exist), or ':memory:' for a server
   * whose store is not SQLite on disk (the in-memory store of tests): then spaces are not linked to maps.
   */
  constructor(file: string) {
    const linked = file !== ':memory:';
    this.db = new Database(file);
    if (linked) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      // the store's checkpoint worker checkpoints the WAL off the event loop
      this.db.pragma('wal_autocheckpoint = 0');
    }
    this.db.pragma('foreign_keys = ON');
    // writes begin IMMEDIATE (below): a deferred transaction that reads and then writes fails at once
    // (SQLITE_BUSY, no wait) when the checkpoint worker restarted the WAL in between; IMMEDIATE waits
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('cache_size = -65536'); // 64 MiB: a big import touches the whole events B-tree
    // on the store's file the tables come from the store's migration 9; an in-memory database makes its own
    if (!linked) this.db.exec(sqliteEventTablesSql(false));
    const db = this.db;
    this.stmt = {
      getSpace: db.prepare<[string], { n: number; salt: string }>('SELECT n, salt FROM event_maps WHERE map_id = ?'),
      mapExists: linked ? db.prepare<[string], { one: number }>('SELECT 1 AS one FROM maps WHERE id = ?') : null,
      addSpace: db.prepare('INSERT INTO event_maps (map_id, salt) VALUES (?, ?)'),
      findTerm: db.prepare<[number, number, string], { id: number }>(
        'SELECT id FROM event_terms WHERE space = ? AND kind = ? AND text = ?',
      ),
      termById: db.prepare<[number, number], { id: number; kind: number; text: string }>(
        'SELECT id, kind, text FROM event_terms WHERE space = ? AND id = ?',
      ),
      insert: db.prepare<[number, number, number, number, number, number, number]>(
        'INSERT OR IGNORE INTO events (space, customer, at, key, raw, channel, attrs) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertMany: db.prepare<number[][]>(
        `INSERT OR IGNORE INTO events (space, customer, at, key, raw, channel, attrs) VALUES ${Array.from(
          { length: ROWS_PER_INSERT },
          () => '(?, ?, ?, ?, ?, ?, ?)',
        ).join(', ')}`,
      ),
      version: db.prepare<[number], { version: number }>('SELECT version FROM event_maps WHERE n = ?'),
      bump: db.prepare('UPDATE event_maps SET version = version + 1 WHERE n = ?'),
      count: db.prepare<[number], { c: number }>('SELECT count(*) AS c FROM events WHERE space = ?'),
      scan: db
        .prepare('SELECT customer, at, key, attrs FROM events WHERE space = ? ORDER BY customer, at, key')
        .raw(true),
      timeline: db.prepare<[number, number], TimelineRow>(
        'SELECT at, key, raw, channel, attrs FROM events WHERE space = ? AND customer = ? ORDER BY at, key',
      ),
      mappings: db.prepare<[number], ActivityMapping>(
        'SELECT activity, touchpoint FROM event_mappings WHERE space = ? ORDER BY activity',
      ),
      setMapping: db.prepare(
        `INSERT INTO event_mappings (space, activity, touchpoint) VALUES (?, ?, ?)
         ON CONFLICT(space, activity) DO UPDATE SET touchpoint = excluded.touchpoint`,
      ),
      dropMapping: db.prepare('DELETE FROM event_mappings WHERE space = ? AND activity = ?'),
      rekey: db.prepare('UPDATE OR IGNORE events SET key = ? WHERE space = ? AND key = ?'),
      dropKey: db.prepare('DELETE FROM events WHERE space = ? AND key = ?'),
      deleteEvents: db.prepare('DELETE FROM events WHERE space = ?'),
      deleteTerms: db.prepare('DELETE FROM event_terms WHERE space = ?'),
      deleteMappings: db.prepare('DELETE FROM event_mappings WHERE space = ?'),
      oldSpaces: db.prepare<[number], { space: number }>('SELECT DISTINCT space FROM events WHERE at < ?'),
      deleteOld: db.prepare('DELETE FROM events WHERE at < ?'),
    };
  }

  async space(mapId: string, create: boolean): Promise<EventSpace | null> {
    return this.db
      .transaction((): EventSpace | null => {
        const found = this.stmt.getSpace.get(mapId);
        if (found || !create) return found ?? null;
        if (this.stmt.mapExists && !this.stmt.mapExists.get(mapId)) return null;
        const salt = randomBytes(16).toString('hex');
        const n = Number(this.stmt.addSpace.run(mapId, salt).lastInsertRowid);
        return { n, salt };
      })
      .immediate();
  }

  async termIds(space: number, kind: TermKind, texts: string[]): Promise<number[]> {
    return this.db
      .transaction(() => {
        const ids = new Map<string, number>();
        // known texts by one query per chunk, the others added by one multi-row insert per chunk
        for (let start = 0; start < texts.length; start += TERMS_PER_STATEMENT) {
          const chunk = texts.slice(start, start + TERMS_PER_STATEMENT);
          const found = this.findTermsStatement(chunk.length).all(space, kind, ...chunk);
          for (const row of found) ids.set(row.text, row.id);
          const missing = [...new Set(chunk.filter((t) => !ids.has(t)))];
          if (missing.length === 0) continue;
          const params: (number | string)[] = [];
          for (const t of missing) params.push(space, kind, t);
          const added = this.addTermsStatement(missing.length).all(...params);
          for (const row of added) ids.set(row.text, row.id);
        }
        return texts.map((t) => ids.get(t)!);
      })
      .immediate();
  }

  private readonly fullChunk: {
    find?: Database.Statement<unknown[], { id: number; text: string }>;
    add?: Database.Statement<unknown[], { id: number; text: string }>;
  } = {};

  /** SELECT of `n` texts' terms; the statement of a full chunk is prepared once (an import has hundreds). */
  private findTermsStatement(n: number): Database.Statement<unknown[], { id: number; text: string }> {
    if (n === TERMS_PER_STATEMENT && this.fullChunk.find) return this.fullChunk.find;
    const statement = this.db.prepare<unknown[], { id: number; text: string }>(
      `SELECT id, text FROM event_terms WHERE space = ? AND kind = ? AND text IN (${Array(n).fill('?').join(', ')})`,
    );
    if (n === TERMS_PER_STATEMENT) this.fullChunk.find = statement;
    return statement;
  }

  private addTermsStatement(n: number): Database.Statement<unknown[], { id: number; text: string }> {
    if (n === TERMS_PER_STATEMENT && this.fullChunk.add) return this.fullChunk.add;
    const statement = this.db.prepare<unknown[], { id: number; text: string }>(
      `INSERT INTO event_terms (space, kind, text) VALUES ${Array(n).fill('(?, ?, ?)').join(', ')} RETURNING id, text`,
    );
    if (n === TERMS_PER_STATEMENT) this.fullChunk.add = statement;
    return statement;
  }

  async findTerm(space: number, kind: TermKind, text: string): Promise<number | null> {
    return this.stmt.findTerm.get(space, kind, text)?.id ?? null;
  }

  async terms(space: number, kinds: TermKind[]): Promise<Term[]> {
    if (kinds.length === 0) return [];
    const rows = this.db
      .prepare<number[], { id: number; kind: number; text: string }>(
        `SELECT id, kind, text FROM event_terms WHERE space = ? AND kind IN (${kinds.map(() => '?').join(', ')})`,
      )
      .all(space, ...kinds);
    return rows.map((r) => ({ id: r.id, kind: r.kind as TermKind, text: r.text }));
  }

  async termsById(space: number, ids: number[]): Promise<Term[]> {
    const out: Term[] = [];
    for (const id of new Set(ids)) {
      const r = this.stmt.termById.get(space, id);
      if (r) out.push({ id: r.id, kind: r.kind as TermKind, text: r.text });
    }
    return out;
  }

  async insert(space: number, b: EventBatch): Promise<number> {
    return this.db
      .transaction(() => {
        let added = 0;
        const n = b.at.length;
        let i = 0;
        // ROWS_PER_INSERT rows per statement call: a call costs more than a row
        const params = new Array<number>(ROWS_PER_INSERT * 7);
        for (; i + ROWS_PER_INSERT <= n; i += ROWS_PER_INSERT) {
          for (let r = 0; r < ROWS_PER_INSERT; r++) {
            const j = i + r;
            const o = r * 7;
            params[o] = space;
            params[o + 1] = b.customer[j]!;
            params[o + 2] = b.at[j]!;
            params[o + 3] = b.key[j]!;
            params[o + 4] = b.raw[j]!;
            params[o + 5] = b.channel[j]!;
            params[o + 6] = b.attrs[j]!;
          }
          added += this.stmt.insertMany.run(params).changes;
        }
        for (; i < n; i++) {
          added += this.stmt.insert.run(
            space,
            b.customer[i]!,
            b.at[i]!,
            b.key[i]!,
            b.raw[i]!,
            b.channel[i]!,
            b.attrs[i]!,
          ).changes;
        }
        return added;
      })
      .immediate();
  }

  async version(space: number): Promise<number> {
    return this.stmt.version.get(space)?.version ?? 0;
  }

  async bumpVersion(space: number): Promise<void> {
    this.stmt.bump.run(space);
  }

  async scan(space: number): Promise<ScannedEvents> {
    return this.db.transaction((): ScannedEvents => {
      const count = this.stmt.count.get(space)?.c ?? 0;
      const out: ScannedEvents = {
        count,
        customer: new Int32Array(count),
        at: new Float64Array(count),
        key: new Int32Array(count),
        attrs: new Int32Array(count),
      };
      let i = 0;
      for (const row of this.stmt.scan.iterate(space) as IterableIterator<Row>) {
        if (i >= count) break;
        out.customer[i] = row[0];
        out.at[i] = row[1];
        out.key[i] = row[2];
        out.attrs[i] = row[3];
        i++;
      }
      return out;
    })();
  }

  async timeline(space: number, customer: number): Promise<TimelineRow[]> {
    return this.stmt.timeline.all(space, customer);
  }

  async mappings(space: number): Promise<ActivityMapping[]> {
    return this.stmt.mappings.all(space);
  }

  async setMapping(space: number, activity: string, touchpoint: string | null): Promise<void> {
    if (touchpoint === null) this.stmt.dropMapping.run(space, activity);
    else this.stmt.setMapping.run(space, activity, touchpoint);
  }

  async rekey(space: number, from: number, to: number, raws?: number[]): Promise<number> {
    return this.db
      .transaction(() => {
        if (!raws) {
          const moved = this.stmt.rekey.run(to, space, from).changes;
          this.stmt.dropKey.run(space, from); // those left equal an event already under `to`
          return moved;
        }
        if (raws.length === 0) return 0;
        const list = raws.map(() => '?').join(', ');
        const moved = this.db
          .prepare(`UPDATE OR IGNORE events SET key = ? WHERE space = ? AND key = ? AND raw IN (${list})`)
          .run(to, space, from, ...raws).changes;
        this.db
          .prepare(`DELETE FROM events WHERE space = ? AND key = ? AND raw IN (${list})`)
          .run(space, from, ...raws);
        return moved;
      })
      .immediate();
  }

  async deleteAll(space: number): Promise<number> {
    return this.db
      .transaction(() => {
        const deleted = this.stmt.deleteEvents.run(space).changes;
        this.stmt.deleteTerms.run(space);
        this.stmt.deleteMappings.run(space);
        this.stmt.bump.run(space);
        return deleted;
      })
      .immediate();
  }

  async deleteOlderThan(cutoffMs: number): Promise<number[]> {
    return this.db
      .transaction(() => {
        const spaces = this.stmt.oldSpaces.all(cutoffMs).map((r) => r.space);
        if (spaces.length === 0) return [];
        this.stmt.deleteOld.run(cutoffMs);
        for (const space of spaces) this.stmt.bump.run(space);
        return spaces;
      })
      .immediate();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
