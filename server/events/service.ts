// Observed journeys on the server: imports of contact logs, the flows and a customer's timeline,
// activity mappings, deletion and retention, and the "flows changed" signal to the map's clients.
// Storage is the backend's (SQLite or PostgreSQL); the map's document is read (never written) for
// its touchpoints, channels and path edges.
import type { FastifyBaseLogger } from 'fastify';
import type { Rooms } from '../sync/rooms';
import { AnswerCache, answerKey } from './answerCache';
import { attributeValues, FlowCache, type CachedLog } from './flowCache';
import { computeFlows, type FlowFilter, type Flows } from './flows';
import { EventCollector } from './logMerge';
import { activityKey, EventImport, hashCustomer, touchpointKey, type ImportResult, type RawEvent } from './importer';
import { edgeKey, normalizeLabel, readMapIndex, type MapIndex } from './mapIndex';
import { encodeFlowsChanged } from './signal';
import { TERM, type EventBackend, type EventSpace } from './types';

const DAY_MS = 86_400_000;
/** Events an import collects to merge into the log in memory (20 bytes each); past this it is read again. */
const MERGE_MAX = 5_000_000;
/** How often the retention sweep runs (and once at start). */
const SWEEP_EVERY_MS = 3_600_000;

export interface FlowsQuery {
  from: number | null;
  to: number | null;
  /** attribute name → accepted values (a name repeated: any of its values; several names: all). */
  attributes: Map<string, Set<string>>;
}

export interface TimelineEvent {
  at: string;
  touchpoint: string | null;
  activity: string;
  channel: string | null;
  attributes: Record<string, string>;
}

export interface MappingChange {
  activity: string;
  touchpoint: string | null;
}

export class UnknownTouchpoint extends Error {}

/** A cached answer with `designed` read from the map as it is now (its edges may have changed). */
function withDesigned(flows: Flows, isDesigned: (source: string, target: string) => boolean): Flows {
  return {
    ...flows,
    edges: flows.edges.map((edge) =>
      edge.designed === null ? edge : { ...edge, designed: isDesigned(edge.source, edge.target) },
    ),
  };
}

export class ObservedEvents {
  private readonly cache: FlowCache;
  private readonly answers = new AnswerCache();
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: {
      backend: EventBackend;
      rooms: Rooms;
      log: FastifyBaseLogger;
      retentionDays: number | null;
    },
  ) {
    this.cache = new FlowCache(deps.backend);
    if (deps.retentionDays !== null) {
      void this.sweep();
      this.sweepTimer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
      this.sweepTimer.unref();
    }
  }

  private get backend(): EventBackend {
    return this.deps.backend;
  }

  private mapIndex(mapId: string): Promise<MapIndex> {
    return this.deps.rooms.use(mapId, (room) => readMapIndex(room.doc));
  }

  private async mappingsOf(space: number): Promise<Map<string, string>> {
    return new Map((await this.backend.mappings(space)).map((m) => [m.activity, m.touchpoint]));
  }

  /** Tells the map's open clients (on every process) that its flows changed. */
  private signal(mapId: string): void {
    this.deps.rooms.sendToClients(mapId, encodeFlowsChanged());
  }

  retentionCutoff(now = Date.now()): number | null {
    return this.deps.retentionDays === null ? null : now - this.deps.retentionDays * DAY_MS;
  }

  /** Imports batches of rows ([line number, row]); the answer of POST /events. */
  async import(
    mapId: string,
    batches: AsyncIterable<[number, RawEvent][]>,
    options: { hashCustomers: boolean },
  ): Promise<ImportResult> {
    const space = await this.backend.space(mapId, true);
    if (!space) throw new Error('the map does not exist');
    const [index, mappings] = await Promise.all([this.mapIndex(mapId), this.mappingsOf(space.n)]);
    // the log in memory before the import (read now if it is not): the added events are merged into
    // it afterwards instead of every event being read again
    const base = await this.cache.get(space.n);
    let added: EventCollector | null = new EventCollector();
    const run = new EventImport(this.backend, space, index, mappings, {
      hashCustomers: options.hashCustomers,
      retentionCutoff: this.retentionCutoff(),
      retentionDays: this.deps.retentionDays,
      onInserted: (batch) => {
        if (added && added.count + batch.at.length > MERGE_MAX) added = null; // too many: read again after
        added?.add(batch);
      },
    });
    try {
      for await (const rows of batches) await run.addAll(rows);
      await run.flush();
    } catch (err) {
      // the body broke off (too long a line, the client went away): what was read is kept (a re-import dedupes)
      await run.flush().catch(() => undefined);
      throw err;
    } finally {
      // what was written before a failure counts too
      if (run.result.accepted > 0) {
        await this.backend.bumpVersion(space.n);
        const version = await this.backend.version(space.n);
        this.signal(mapId);
        // the new events into memory now (the clients' refetch waits for this instead of starting a read):
        // merged when only this import changed the events since `base`, read again otherwise
        const ready =
          added && version === base.version + 1
            ? this.cache.extend(space.n, base, added, version)
            : this.cache.get(space.n);
        await ready.catch((err: unknown) => this.deps.log.warn({ err }, 'could not read events after an import'));
      }
    }
    return run.result;
  }

  /** The key texts of the cached log resolved against today's document and mappings. */
  private names(
    cached: CachedLog,
    index: MapIndex,
    mappings: Map<string, string>,
  ): { nodeOfKey: string[]; activityOfKey: (string | null)[] } {
    const display = new Map<string, string>();
    for (const term of [...cached.rawTexts].sort((a, b) => a.id - b.id)) {
      const norm = normalizeLabel(term.text);
      if (!display.has(norm)) display.set(norm, term.text);
    }
    const nodeOfKey: string[] = [];
    const activityOfKey: (string | null)[] = [];
    for (const text of cached.keyTexts) {
      if (text.startsWith('tp:')) {
        nodeOfKey.push(text.slice(3));
        activityOfKey.push(null);
        continue;
      }
      const norm = text.slice(2);
      const touchpoint = mappings.get(norm) ?? index.touchpointByLabel.get(norm);
      if (touchpoint !== undefined) {
        nodeOfKey.push(touchpoint);
        activityOfKey.push(null);
      } else {
        const activity = display.get(norm) ?? norm;
        nodeOfKey.push(`unmapped:${activity}`);
        activityOfKey.push(activity);
      }
    }
    return { nodeOfKey, activityOfKey };
  }

  /** GET /flows; an empty graph for a map without events. */
  async flows(mapId: string, query: FlowsQuery): Promise<Flows> {
    const space = await this.backend.space(mapId, false);
    if (!space) return { cases: 0, events: 0, nodes: [], edges: [], variants: [], unmapped: [], attributes: {} };
    const [cached, index, mappings] = await Promise.all([
      this.cache.get(space.n),
      this.mapIndex(mapId),
      this.mappingsOf(space.n),
    ]);
    const names = this.names(cached, index, mappings);
    const isDesigned = (s: string, t: string): boolean => index.designed.has(edgeKey(s, t));
    const key = answerKey({
      space: space.n,
      version: cached.version,
      nodeOfKey: names.nodeOfKey,
      filter: [
        String(query.from),
        String(query.to),
        ...[...query.attributes]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .flatMap(([name, values]) => [name, String(values.size), ...[...values].sort()]),
      ],
    });
    const known = this.answers.get(key);
    // the attributes of the whole log, not of the filtered events: a filter never hides the other choices
    cached.attributes ??= attributeValues(cached.attrSets);
    if (known) return { ...withDesigned(known, isDesigned), attributes: cached.attributes };
    let attrsAllowed: Uint8Array | null = null;
    if (query.attributes.size > 0) {
      attrsAllowed = new Uint8Array(cached.attrSets.length);
      cached.attrSets.forEach((set, i) => {
        for (const [name, values] of query.attributes) {
          const value = set[name];
          if (value === undefined || !values.has(value)) return;
        }
        attrsAllowed![i] = 1;
      });
    }
    const filter: FlowFilter = { from: query.from, to: query.to, attrsAllowed };
    const flows = computeFlows(cached.log, { ...names, isDesigned }, filter);
    this.answers.set(key, flows);
    return { ...flows, attributes: cached.attributes };
  }

  /** GET /events/attributes: the attribute names of the map's events and their values. */
  async attributes(mapId: string): Promise<Record<string, string[]>> {
    const space = await this.backend.space(mapId, false);
    if (!space) return {};
    const cached = await this.cache.get(space.n);
    return (cached.attributes ??= attributeValues(cached.attrSets));
  }

  /** One customer's events in time order, or null when the map has no such customer. */
  async customer(mapId: string, customer: string): Promise<{ customer: string; events: TimelineEvent[] } | null> {
    const space = await this.backend.space(mapId, false);
    if (!space) return null;
    const id =
      (await this.backend.findTerm(space.n, TERM.customer, customer)) ??
      (await this.backend.findTerm(space.n, TERM.customer, hashCustomer(space.salt, customer)));
    if (id === null) return null;
    const rows = await this.backend.timeline(space.n, id);
    if (rows.length === 0) return null;
    const terms = new Map(
      (
        await this.backend.termsById(
          space.n,
          rows.flatMap((r) => [r.key, r.raw, r.channel, r.attrs]),
        )
      ).map((t) => [t.id, t.text]),
    );
    const [index, mappings] = await Promise.all([this.mapIndex(mapId), this.mappingsOf(space.n)]);
    const events = rows.map((row): TimelineEvent => {
      const key = terms.get(row.key) ?? '';
      const touchpoint = key.startsWith('tp:')
        ? key.slice(3)
        : (mappings.get(key.slice(2)) ?? index.touchpointByLabel.get(key.slice(2)) ?? null);
      const attrs = row.attrs === 0 ? '' : (terms.get(row.attrs) ?? '');
      return {
        at: new Date(row.at).toISOString(),
        touchpoint,
        activity: terms.get(row.raw) ?? '',
        channel: row.channel === 0 ? null : (terms.get(row.channel) ?? null),
        attributes: attrs === '' ? {} : (JSON.parse(attrs) as Record<string, string>),
      };
    });
    return { customer, events };
  }

  async mappings(mapId: string): Promise<{ activity: string; touchpoint: string }[]> {
    const space = await this.backend.space(mapId, false);
    return space ? this.backend.mappings(space.n) : [];
  }

  /**
   * Saves activity → touchpoint mappings (touchpoint null: removes one) and applies them to the
   * stored events: an activity's events move to the touchpoint (past rows), and later imports
   * resolve it the same way (future rows). Throws UnknownTouchpoint before changing anything.
   */
  async setMappings(mapId: string, changes: MappingChange[]): Promise<{ activity: string; touchpoint: string }[]> {
    const space = (await this.backend.space(mapId, true)) as EventSpace;
    const index = await this.mapIndex(mapId);
    for (const change of changes) {
      if (change.touchpoint !== null && !index.touchpointIds.has(change.touchpoint)) {
        throw new UnknownTouchpoint(`No touchpoint has the id ${JSON.stringify(change.touchpoint.slice(0, 64))}`);
      }
    }
    const before = await this.mappingsOf(space.n);
    for (const change of changes) {
      const activity = normalizeLabel(change.activity);
      const previous = before.get(activity);
      await this.backend.setMapping(space.n, activity, change.touchpoint);
      const keyId = async (text: string): Promise<number> =>
        (await this.backend.termIds(space.n, TERM.key, [text]))[0]!;
      const target = await keyId(change.touchpoint === null ? activityKey(activity) : touchpointKey(change.touchpoint));
      // events stored while the activity was unmapped
      if (change.touchpoint !== null) await this.backend.rekey(space.n, await keyId(activityKey(activity)), target);
      // events the previous mapping put under another touchpoint (only those this activity named)
      if (previous !== undefined && previous !== change.touchpoint) {
        await this.backend.rekey(
          space.n,
          await keyId(touchpointKey(previous)),
          target,
          await this.rawIdsOf(space.n, activity),
        );
      }
    }
    await this.backend.bumpVersion(space.n);
    this.signal(mapId);
    return this.backend.mappings(space.n);
  }

  /** Raw activity terms that normalise to `activity`. */
  private async rawIdsOf(space: number, activity: string): Promise<number[]> {
    return (await this.backend.terms(space, [TERM.raw]))
      .filter((t) => normalizeLabel(t.text) === activity)
      .map((t) => t.id);
  }

  /** DELETE /events: every event, term and mapping of the map; the number of events deleted. */
  async deleteAll(mapId: string): Promise<number> {
    const space = await this.backend.space(mapId, false);
    if (!space) return 0;
    const deleted = await this.backend.deleteAll(space.n);
    this.cache.forget(space.n);
    this.answers.forget(space.n);
    this.signal(mapId);
    return deleted;
  }

  /** Drops events older than EVENT_RETENTION_DAYS (every map). */
  async sweep(now = Date.now()): Promise<void> {
    const cutoff = this.retentionCutoff(now);
    if (cutoff === null) return;
    try {
      const spaces = await this.backend.deleteOlderThan(cutoff);
      if (spaces.length > 0)
        this.deps.log.info({ maps: spaces.length, retentionDays: this.deps.retentionDays }, 'old events dropped');
    } catch (err) {
      this.deps.log.error({ err }, 'event retention sweep failed');
    }
  }

  async close(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.backend.close();
  }
}
