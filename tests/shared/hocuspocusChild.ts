// A Hocuspocus 3 server for serverChild.ts: the peer the relay benchmarks compare with, as its
// documentation sets it up: `Server` on a loopback port, in memory, or with the SQLite extension
// (a file in a temporary directory removed at close; Hocuspocus stores a document's whole state
// after its debounce, 2 s by default, not every update before relaying it as Percorso does).
// In memory, Hocuspocus forgets a document when its last client leaves; this one keeps it loaded
// (a beforeUnloadDocument hook that refuses), as the reference server keeps its documents, so a map
// written before the measured clients connect is still there. No cost on the relay's path.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';
import type { Started } from './serverChild';

/**
 * Resolves once the SQLite extension's table answers a query. The extension creates it without
 * waiting (its onConfigure runs `db.run(schema)` and returns), and sqlite3 runs statements in
 * parallel by default: a client that connected first could have its document's load fail.
 */
async function tableReady(sqlite: SQLite): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    const answered = await new Promise<boolean>((resolve) => {
      if (!sqlite.db) return resolve(false);
      sqlite.db.get('SELECT 1 FROM documents LIMIT 1', (err: Error | null) => resolve(!err));
    });
    if (answered) return;
    if (Date.now() > until) throw new Error('the Hocuspocus SQLite table was not there within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function startHocuspocus(withSqlite: boolean): Promise<Started> {
  let closing = false;
  const dir = withSqlite ? fs.mkdtempSync(path.join(os.tmpdir(), 'percorso-hocuspocus-')) : null;
  const sqlite = dir ? new SQLite({ database: path.join(dir, 'documents.sqlite') }) : null;
  const server = new Server({
    port: 0,
    address: '127.0.0.1',
    quiet: true,
    stopOnSignals: false, // the parent stops it over IPC
    extensions: sqlite ? [sqlite] : [],
    // an error without a message: Hocuspocus logs only those with one
    ...(dir ? {} : { beforeUnloadDocument: () => (closing ? Promise.resolve() : Promise.reject(new Error())) }),
  });
  await server.listen();
  if (sqlite) await tableReady(sqlite);
  return {
    port: server.address.port,
    rooms: () => server.hocuspocus.getDocumentsCount(),
    createMaps: () => Promise.reject(new Error('Hocuspocus has no map store: clients name their documents')),
    close: async () => {
      closing = true;
      // destroy() waits until no document is loaded: unload those kept without a client first
      await Promise.all([...server.hocuspocus.documents.values()].map((doc) => server.hocuspocus.unloadDocument(doc)));
      await server.destroy(); // stores (SQLite) and unloads the documents still open
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
