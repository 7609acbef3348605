// Clients that keep editing a map through model commands while the server is killed, stopped and
// restarted under them, and that record every edit they RECEIVED from the server (the server
// relays an update only once it is stored, so each of those must survive any crash).
import * as Y from 'yjs';
import { addNote, validateJourney } from '../../../src/model';
import { connectSynced, type SyncClient } from '../../server/helpers/testServer';

export interface Writer {
  index: number;
  client: SyncClient;
  /** Ids of notes this client received from the server (not the ones it wrote itself). */
  received: Set<string>;
  written: number;
}

export async function connectWriters(wsUrl: string, mapId: string, key: string, count: number): Promise<Writer[]> {
  const writers: Writer[] = [];
  for (let index = 0; index < count; index++) {
    const client = await connectSynced(wsUrl, mapId, key);
    const writer: Writer = { index, client, received: new Set(), written: 0 };
    client.doc.getMap('nodes').observe((event, tr) => {
      if (tr.origin !== client.provider) return; // only what came over the wire
      for (const [key, change] of event.changes.keys) if (change.action === 'add') writer.received.add(key);
    });
    writers.push(writer);
  }
  return writers;
}

/** Each writer adds a note every `everyMs` (about 1000/everyMs messages a second, under the rate limit). */
export function startWriting(writers: Writer[], everyMs = 10): () => void {
  const timers = writers.map((w) =>
    setInterval(() => {
      if (!w.client.provider.wsconnected) return;
      addNote(
        w.client.doc,
        { label: `note ${w.written}`, x: w.index * 300, y: w.written % 1000, id: `w${w.index}n${w.written}` },
        { kind: 'local-user' },
      );
      w.written++;
    }, everyMs),
  );
  return () => timers.forEach(clearInterval);
}

/** The union of what every writer received so far. */
export function receivedByAny(writers: Writer[]): Set<string> {
  const all = new Set<string>();
  for (const w of writers) for (const id of w.received) all.add(id);
  return all;
}

/** Ids in `expected` that the fresh client's doc lacks. */
export function missingIn(doc: Y.Doc, expected: Iterable<string>): string[] {
  const nodes = doc.getMap('nodes');
  return [...expected].filter((id) => !nodes.has(id));
}

export async function expectValidFreshCopy(
  wsUrl: string,
  mapId: string,
  key: string,
  expected: Set<string>,
): Promise<{ missing: string[]; issues: number; nodes: number }> {
  const fresh = await connectSynced(wsUrl, mapId, key);
  const missing = missingIn(fresh.doc, expected);
  const issues = validateJourney(fresh.doc).length;
  const nodes = fresh.doc.getMap('nodes').size;
  fresh.destroy();
  return { missing, issues, nodes };
}
