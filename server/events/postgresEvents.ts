// Events in PostgreSQL (scale-out): the same tables as sqliteEvents.ts on the store's pool, so
// every process reads and writes the same events. The tables are the store's migration 9
// (schema.ts). Batches are written with one
// INSERT … SELECT FROM unnest(…) each: one round trip per batch.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { inTransaction } from '../storage/postgres/tx';
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

const num = (v: string | number): number => Number(v);

export class PostgresEvents implements EventBackend {
  private constructor(private readonly pool: pg.Pool) {}

  /** On a pool whose store has been migrated (the tables are migration 9 of postgres/schema.ts). */
  static async open(pool: pg.Pool): Promise<PostgresEvents> {
    return new PostgresEvents(pool);
  }

  async space(mapId: string, create: boolean): Promise<EventSpace | null> {
    const found = await this.pool.query<{ n: string; salt: string }>(
      'SELECT n, salt FROM event_maps WHERE map_id = $1',
      [mapId],
    );
    const row = found.rows[0];
    if (row) return { n: num(row.n), salt: row.salt };
    if (!create) return null;
    // two processes may create it at once: the loser reads the winner's row
    const { rows } = await this.pool.query<{ n: string; salt: string }>(
      `INSERT INTO event_maps (map_id, salt) SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM maps WHERE id = $1)
       ON CONFLICT (map_id) DO UPDATE SET map_id = excluded.map_id RETURNING n, salt`,
      [mapId, randomBytes(16).toString('hex')],
    );
    return rows[0] ? { n: num(rows[0].n), salt: rows[0].salt } : null;
  }

  async termIds(space: number, kind: TermKind, texts: string[]): Promise<number[]> {
    if (texts.length === 0) return [];
    await this.pool.query(
      'INSERT INTO event_terms (space, kind, text) SELECT $1, $2, t FROM unnest($3::text[]) AS t ON CONFLICT DO NOTHING',
      [space, kind, texts],
    );
    const { rows } = await this.pool.query<{ id: string; text: string }>(
      'SELECT id, text FROM event_terms WHERE space = $1 AND kind = $2 AND text = ANY($3::text[])',
      [space, kind, texts],
    );
    const ids = new Map(rows.map((r) => [r.text, num(r.id)]));
    return texts.map((t) => ids.get(t)!);
  }

  async findTerm(space: number, kind: TermKind, text: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ id: string }>(
      'SELECT id FROM event_terms WHERE space = $1 AND kind = $2 AND text = $3',
      [space, kind, text],
    );
    return rows[0] ? num(rows[0].id) : null;
  }

  async terms(space: number, kinds: TermKind[]): Promise<Term[]> {
    const { rows } = await this.pool.query<{ id: string; kind: number; text: string }>(
      'SELECT id, kind, text FROM event_terms WHERE space = $1 AND kind = ANY($2::smallint[])',
      [space, kinds],
    );
    return rows.map((r) => ({ id: num(r.id), kind: r.kind as TermKind, text: r.text }));
  }

  async termsById(space: number, ids: number[]): Promise<Term[]> {
    const { rows } = await this.pool.query<{ id: string; kind: number; text: string }>(
      'SELECT id, kind, text FROM event_terms WHERE space = $1 AND id = ANY($2::bigint[])',
      [space, [...new Set(ids)]],
    );
    return rows.map((r) => ({ id: num(r.id), kind: r.kind as TermKind, text: r.text }));
  }

  async insert(space: number, b: EventBatch): Promise<number> {
    const result = await this.pool.query(
      `INSERT INTO events (space, customer, at, key, raw, channel, attrs)
       SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[])
       ON CONFLICT DO NOTHING`,
      // pg sends arrays, not typed arrays
      [space, ...[b.customer, b.at, b.key, b.raw, b.channel, b.attrs].map((column) => Array.from(column))],
    );
    return result.rowCount ?? 0;
  }

  async version(space: number): Promise<number> {
    const { rows } = await this.pool.query<{ version: string }>('SELECT version FROM event_maps WHERE n = $1', [space]);
    return rows[0] ? num(rows[0].version) : 0;
  }

  async bumpVersion(space: number): Promise<void> {
    await this.pool.query('UPDATE event_maps SET version = version + 1 WHERE n = $1', [space]);
  }

  async scan(space: number): Promise<ScannedEvents> {
    // arrays of the columns in one row: one result row instead of a million JS objects
    const { rows } = await this.pool.query<{
      c: string[] | null;
      a: string[] | null;
      k: string[] | null;
      t: string[] | null;
    }>(
      `SELECT array_agg(customer ORDER BY customer, at, key) AS c, array_agg(at ORDER BY customer, at, key) AS a,
              array_agg(key ORDER BY customer, at, key) AS k, array_agg(attrs ORDER BY customer, at, key) AS t
       FROM events WHERE space = $1`,
      [space],
    );
    const row = rows[0];
    const count = row?.c?.length ?? 0;
    const out: ScannedEvents = {
      count,
      customer: new Int32Array(count),
      at: new Float64Array(count),
      key: new Int32Array(count),
      attrs: new Int32Array(count),
    };
    for (let i = 0; i < count; i++) {
      out.customer[i] = num(row!.c![i]!);
      out.at[i] = num(row!.a![i]!);
      out.key[i] = num(row!.k![i]!);
      out.attrs[i] = num(row!.t![i]!);
    }
    return out;
  }

  async timeline(space: number, customer: number): Promise<TimelineRow[]> {
    const { rows } = await this.pool.query<{ at: string; key: string; raw: string; channel: string; attrs: string }>(
      'SELECT at, key, raw, channel, attrs FROM events WHERE space = $1 AND customer = $2 ORDER BY at, key',
      [space, customer],
    );
    return rows.map((r) => ({
      at: num(r.at),
      key: num(r.key),
      raw: num(r.raw),
      channel: num(r.channel),
      attrs: num(r.attrs),
    }));
  }

  async mappings(space: number): Promise<ActivityMapping[]> {
    const { rows } = await this.pool.query<ActivityMapping>(
      'SELECT activity, touchpoint FROM event_mappings WHERE space = $1 ORDER BY activity',
      [space],
    );
    return rows;
  }

  async setMapping(space: number, activity: string, touchpoint: string | null): Promise<void> {
    if (touchpoint === null)
      await this.pool.query('DELETE FROM event_mappings WHERE space = $1 AND activity = $2', [space, activity]);
    else {
      await this.pool.query(
        `INSERT INTO event_mappings (space, activity, touchpoint) VALUES ($1, $2, $3)
         ON CONFLICT (space, activity) DO UPDATE SET touchpoint = excluded.touchpoint`,
        [space, activity, touchpoint],
      );
    }
  }

  async rekey(space: number, from: number, to: number, raws?: number[]): Promise<number> {
    if (raws && raws.length === 0) return 0;
    return inTransaction(this.pool, async (client) => {
      const rawFilter = raws ? 'AND raw = ANY($4::bigint[])' : '';
      const params: unknown[] = raws ? [space, from, to, raws] : [space, from, to];
      // the moved copy of an event that already exists under `to` is dropped
      const moved = await client.query(
        `INSERT INTO events (space, customer, at, key, raw, channel, attrs)
         SELECT space, customer, at, $3, raw, channel, attrs FROM events WHERE space = $1 AND key = $2 ${rawFilter}
         ON CONFLICT DO NOTHING`,
        params,
      );
      await client.query(
        `DELETE FROM events WHERE space = $1 AND key = $2 ${raws ? 'AND raw = ANY($3::bigint[])' : ''}`,
        raws ? [space, from, raws] : [space, from],
      );
      return moved.rowCount ?? 0;
    });
  }

  async deleteAll(space: number): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const deleted = await client.query('DELETE FROM events WHERE space = $1', [space]);
      await client.query('DELETE FROM event_terms WHERE space = $1', [space]);
      await client.query('DELETE FROM event_mappings WHERE space = $1', [space]);
      await client.query('UPDATE event_maps SET version = version + 1 WHERE n = $1', [space]);
      return deleted.rowCount ?? 0;
    });
  }

  async deleteOlderThan(cutoffMs: number): Promise<number[]> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ space: string }>('SELECT DISTINCT space FROM events WHERE at < $1', [
        cutoffMs,
      ]);
      const spaces = rows.map((r) => num(r.space));
      if (spaces.length === 0) return [];
      await client.query('DELETE FROM events WHERE at < $1', [cutoffMs]);
      await client.query('UPDATE event_maps SET version = version + 1 WHERE n = ANY($1::bigint[])', [spaces]);
      return spaces;
    });
  }

  async close(): Promise<void> {
    // the pool is the store's: it closes it
  }
}
