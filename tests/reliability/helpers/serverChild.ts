// A Percorso server in its own process, for the reliability tests that measure the server's memory
// or must see it survive: run as `node --expose-gc --import tsx serverChild.ts '<options JSON>'`
// with an IPC channel (childServer.ts starts it). Log lines go to stdout. Messages:
//   → { type: 'ready', port }                      once listening
//   ← { type: 'memory', id }  → { type: 'memory', id, memory: { heapUsed, rss, rooms } } (after full GCs)
//   ← { type: 'createMaps', id, count } → { type: 'maps', id, maps: [{ id, editorKey, viewerKey }] }
//      (written straight into the store, as POST /api/maps does, without HTTP)
//   ← { type: 'stop' }  → closes gracefully and exits 0
import { createPercorsoServer, type PercorsoServerOptions } from '../../../server/app';
import { hashKey, newKeys, randomToken } from '../../../server/auth/keys';
import { seedDocument } from '../../../server/sync/seed';

type Request = { type: 'memory'; id: number } | { type: 'createMaps'; id: number; count: number } | { type: 'stop' };

const options = JSON.parse(process.argv[2] ?? '{}') as Omit<PercorsoServerOptions, 'logStream' | 'store'>;
const server = await createPercorsoServer({ port: 0, host: '127.0.0.1', logLevel: 'info', ...options, logStream: process.stdout });
const send = (message: unknown): void => void process.send?.(message);

async function fullGc(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

process.on('message', (message: Request) => {
  void (async () => {
    if (message.type === 'memory') {
      await fullGc();
      const { heapUsed, rss } = process.memoryUsage();
      send({ type: 'memory', id: message.id, memory: { heapUsed, rss, rooms: server.rooms.size } });
    } else if (message.type === 'createMaps') {
      const seed = seedDocument('Memory map');
      const maps: { id: string; editorKey: string; viewerKey: string }[] = [];
      for (let i = 0; i < message.count; i++) {
        const keys = newKeys();
        const id = randomToken();
        await server.store.docs.createMap({
          id,
          title: 'Memory map',
          editorKeyHash: hashKey(keys.editorKey),
          viewerKeyHash: hashKey(keys.viewerKey),
          createdAt: new Date().toISOString(),
          snapshot: seed,
        });
        maps.push({ id, ...keys });
      }
      send({ type: 'maps', id: message.id, maps });
    } else if (message.type === 'stop') {
      await server.close();
      process.exit(0);
    }
  })();
});
send({ type: 'ready', port: server.port });
