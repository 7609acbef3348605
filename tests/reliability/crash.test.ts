// Crash durability and graceful shutdown under load, against real server processes on one DATA_DIR
// and one port (the stock clients reconnect by themselves, as after a real restart).
// - SIGKILL during continuous edits, restarted 10 times (100 under SOAK=1): after each restart, a
//   fresh client holds every edit that any client had received before the kill.
// - SIGTERM while clients write: exit code 0, and after a restart every received edit is there.
// Then the writers reconnect, push what they wrote meanwhile, and everyone converges.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startMainProcess, type ChildServer } from '../shared/childServer';
import { createMap, sleep, tempDir, waitFor } from '../server/helpers/testServer';
import { report, size } from './helpers/size';
import { connectWriters, expectValidFreshCopy, receivedByAny, startWriting, type Writer } from './helpers/writers';

const WRITERS = 3;

async function reconnect(writers: Writer[]): Promise<void> {
  for (const w of writers) w.client.provider.connect();
  await Promise.all(writers.map((w) => waitFor(() => w.client.provider.synced, 15_000, `writer ${w.index} synced`)));
}

function disconnect(writers: Writer[]): void {
  for (const w of writers) w.client.provider.disconnect();
}

async function converged(writers: Writer[]): Promise<void> {
  const sv = (w: Writer) => Buffer.from(Y.encodeStateVector(w.client.doc)).toString('hex');
  await waitFor(() => writers.every((w) => sv(w) === sv(writers[0] as Writer)), 10_000, 'writers converged');
}

/** Restarts on the same port; a port that is briefly taken is retried. */
async function restart(dataDir: string, port: number): Promise<ChildServer> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await startMainProcess({ dataDir, env: { PORT: String(port) } });
    } catch (err) {
      if (attempt >= 5 || !String(err).includes('EADDRINUSE')) throw err;
      await sleep(200);
    }
  }
}

describe('crash durability', () => {
  it('loses no received edit across repeated SIGKILLs during continuous edits', async () => {
    const kills = size(10, 100);
    const dataDir = tempDir();
    let proc = await startMainProcess({ dataDir });
    const port = proc.port;
    const map = await createMap(proc.url);
    const writers = await connectWriters(proc.wsUrl, map.id, map.editorKey, WRITERS);
    const started = performance.now();
    let restartMs = 0;
    let checked = 0;

    for (let k = 0; k < kills; k++) {
      const stop = startWriting(writers);
      const before = receivedByAny(writers).size;
      await waitFor(() => receivedByAny(writers).size >= before + 20, 15_000, 'edits flowing').catch((err: unknown) => {
        throw new Error(`${String(err)} after ${k} kills; the server's log ends with:\n${proc.output().slice(-3000)}`);
      });
      await sleep(Math.floor(Math.random() * 300));
      proc.kill('SIGKILL');
      expect((await proc.exited).signal).toBe('SIGKILL');
      stop();
      disconnect(writers); // so the check below sees what the server stored, not what clients re-send
      const seen = receivedByAny(writers);

      const t0 = performance.now();
      proc = await restart(dataDir, port);
      restartMs += performance.now() - t0;
      const copy = await expectValidFreshCopy(proc.wsUrl, map.id, map.viewerKey, seen);
      expect(copy.missing, `after kill ${k + 1}`).toEqual([]);
      expect(copy.issues).toBe(0);
      checked = seen.size;
      await reconnect(writers);
    }

    await converged(writers);
    const final = await expectValidFreshCopy(proc.wsUrl, map.id, map.viewerKey, receivedByAny(writers));
    expect(final.missing).toEqual([]);
    const written = writers.reduce((n, w) => n + w.written, 0);
    // every note any writer wrote reached the server in the end (offline edits pushed on reconnect)
    expect(final.nodes).toBeGreaterThanOrEqual(written);
    report('SIGKILL durability', {
      kills,
      written,
      receivedChecked: checked,
      seconds: (performance.now() - started) / 1000,
      meanRestartMs: Math.round(restartMs / kills),
    });
    for (const key of [map.editorKey, map.viewerKey]) expect(proc.output()).not.toContain(key);
  });

  it('stores every received edit on SIGTERM under load and exits 0', async () => {
    const stops = size(3, 10);
    const dataDir = tempDir();
    let proc = await startMainProcess({ dataDir });
    const port = proc.port;
    const map = await createMap(proc.url);
    const writers = await connectWriters(proc.wsUrl, map.id, map.editorKey, WRITERS);
    const stopMs: number[] = [];

    for (let k = 0; k < stops; k++) {
      const stop = startWriting(writers);
      const before = receivedByAny(writers).size;
      await waitFor(() => receivedByAny(writers).size >= before + 50, 15_000, 'edits flowing');
      const t0 = performance.now();
      proc.kill('SIGTERM'); // the writers keep writing while it stops
      const stopping = proc;
      const exit = await Promise.race([
        stopping.exited,
        sleep(30_000).then(() => {
          throw new Error(
            `server did not exit within 30 s of SIGTERM; its log ends with:\n${stopping.output().slice(-2000)}`,
          );
        }),
      ]);
      stopMs.push(performance.now() - t0);
      stop();
      expect(exit).toEqual({ code: 0, signal: null });
      expect(proc.output()).toMatch(/"msg":"stopped"/);
      for (const w of writers) expect(w.client.closes).toContain(1001);
      disconnect(writers);
      const seen = receivedByAny(writers);

      proc = await restart(dataDir, port);
      const copy = await expectValidFreshCopy(proc.wsUrl, map.id, map.viewerKey, seen);
      expect(copy.missing, `after SIGTERM ${k + 1}`).toEqual([]);
      expect(copy.issues).toBe(0);
      await reconnect(writers);
    }
    await converged(writers);
    const written = writers.reduce((n, w) => n + w.written, 0);
    const final = await expectValidFreshCopy(proc.wsUrl, map.id, map.viewerKey, receivedByAny(writers));
    expect(final.missing).toEqual([]);
    expect(final.nodes).toBeGreaterThanOrEqual(written);
    report('SIGTERM under load', { stops, written, meanStopMs: Math.round(stopMs.reduce((a, b) => a + b, 0) / stops) });
  });
});
