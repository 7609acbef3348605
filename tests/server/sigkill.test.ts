// A crash loses nothing another client saw: SIGKILL the server mid-stream of edits, restart it on
// the same DATA_DIR, and a fresh client must hold every edit client B had received.
import { describe, expect, it } from 'vitest';
import { startMainProcess } from '../shared/childServer';
import { connectSynced, createMap, tempDir, waitFor } from './helpers/testServer';

describe('SIGKILL durability', () => {
  it('keeps every edit a client received before the crash', async () => {
    const dataDir = tempDir();
    const proc = await startMainProcess({ dataDir });
    const map = await createMap(proc.url);
    const a = await connectSynced(proc.wsUrl, map.id, map.editorKey);
    const b = await connectSynced(proc.wsUrl, map.id, map.viewerKey);

    const received = new Set<string>();
    b.doc.getMap('meta').observe((event) => {
      for (const key of event.keysChanged) if (key.startsWith('e')) received.add(key);
    });

    let sent = 0;
    const writer = setInterval(() => {
      for (let i = 0; i < 3; i++) a.doc.getMap('meta').set(`e${sent++}`, sent);
    }, 1);
    await waitFor(() => received.size >= 300, 15_000, 'edits on b');
    proc.kill('SIGKILL');
    const exit = await proc.exited;
    clearInterval(writer);
    expect(exit.signal).toBe('SIGKILL');
    await waitFor(() => !b.provider.wsconnected, 5000, 'b disconnected');
    const seenByB = [...received];
    a.destroy();
    b.destroy();
    expect(sent).toBeGreaterThan(seenByB.length - 1);

    const again = await startMainProcess({ dataDir });
    const c = await connectSynced(again.wsUrl, map.id, map.viewerKey);
    const meta = c.doc.getMap('meta');
    const missing = seenByB.filter((key) => !meta.has(key));
    expect(missing).toEqual([]);
    expect(seenByB.length).toBeGreaterThanOrEqual(300);
  });
});
