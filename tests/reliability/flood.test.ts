// Hostile input at volume: 10,000 fuzzed frames (helpers/frames.ts) from raw `ws` clients, then a
// message-rate flood, against a server in its own process. The process stays up, every bad socket is
// closed with its code (4400 malformed, 4429 over the rate), two y-websocket clients of the same map
// keep syncing the whole time and are never closed, the server's heap returns near its baseline,
// and its log holds no key. Seeded: FLOOD_SEED=<seed> replays the frames.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectSynced, createMap, sleep, tempDir, waitFor, type SyncClient } from '../server/helpers/testServer';
import { startServerChild } from '../shared/childServer';
import { mulberry32 } from '../shared/random';
import { fuzzFrames, type FrameKind } from './helpers/frames';
import { mib, report, size } from './helpers/size';
import { EMPTY_STEP1, awarenessFrame, isStep2, pool } from './helpers/wire';

const SEED = Number(process.env.FLOOD_SEED ?? 20_250_101);
const HEAP_TOLERANCE = 16 * 1024 * 1024;

/** A raw socket that stays open across accepted frames; a closed one is replaced. */
class Prober {
  private ws: WebSocket | null = null;
  private answers = 0;
  private closed: Promise<number> | null = null;

  constructor(private readonly url: string) {}

  private async open(): Promise<WebSocket> {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) return this.ws;
    const ws = new WebSocket(this.url);
    ws.on('error', () => undefined);
    ws.on('message', (data: Buffer) => {
      if (isStep2(new Uint8Array(data))) this.answers++; // the answer to our probe (sent to this socket only)
    });
    this.closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('close', () => reject(new Error('closed before open')));
    });
    this.ws = ws;
    return ws;
  }

  /** Sends the frame and a sync step 1 probe: the probe's step 2 answer (accepted) or a close code settles it. */
  async send(frame: Uint8Array): Promise<number | 'accepted'> {
    const ws = await this.open();
    const before = this.answers;
    ws.send(frame);
    ws.send(EMPTY_STEP1);
    const closed = this.closed as Promise<number>;
    for (;;) {
      const outcome = await Promise.race([closed, sleep(2).then(() => null)]);
      if (outcome !== null) {
        this.ws = null;
        return outcome;
      }
      if (this.answers > before) return 'accepted';
    }
  }

  close(): void {
    this.ws?.close();
  }
}

function watch(client: SyncClient): { statuses: string[] } {
  const statuses: string[] = [];
  client.provider.on('status', (event: { status: string }) => statuses.push(event.status));
  return { statuses };
}

describe('malformed input and floods', () => {
  it('survives 10,000 fuzzed frames and a rate flood without disturbing the other clients', async () => {
    const server = await startServerChild({
      kind: 'percorso-sqlite',
      exposeGc: true,
      server: { dataDir: tempDir(), logLevel: 'info' },
    });
    const map = await createMap(server.url);
    const a = await connectSynced(server.wsUrl, map.id, map.editorKey);
    const b = await connectSynced(server.wsUrl, map.id, map.editorKey);
    const watched = [watch(a), watch(b)];
    const baseline = await server.memory();

    // the bystanders keep editing through it all
    let ticks = 0;
    const ticker = setInterval(() => {
      ticks++;
      a.doc.getMap('meta').set('fromA', ticks);
      b.doc.getMap('meta').set('fromB', ticks);
    }, 100);
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, server.usage().rss)), 100);

    const frames = fuzzFrames(mulberry32(SEED), size(10_000, 10_000));
    const outcomes = new Map<FrameKind, { accepted: number; closed: Map<number, number> }>();
    const started = performance.now();
    const workers = 32;
    await pool(
      Array.from({ length: workers }, (_, w) => w),
      workers,
      async (w) => {
        const prober = new Prober(`${server.wsUrl}/sync/${map.id}?key=${w % 2 === 0 ? map.editorKey : map.viewerKey}`);
        for (let i = w; i < frames.length; i += workers) {
          const { kind, frame } = frames[i] as { kind: FrameKind; frame: Uint8Array };
          const outcome = await prober.send(frame);
          const entry = outcomes.get(kind) ?? { accepted: 0, closed: new Map<number, number>() };
          if (outcome === 'accepted') entry.accepted++;
          else entry.closed.set(outcome, (entry.closed.get(outcome) ?? 0) + 1);
          outcomes.set(kind, entry);
        }
        prober.close();
      },
    );
    const fuzzSeconds = (performance.now() - started) / 1000;

    // a message-rate flood: 20 sockets each send 2,000 small awareness updates as fast as they can
    const floodStarted = performance.now();
    const floodCodes: number[] = [];
    await pool(
      Array.from({ length: 20 }, (_, i) => i),
      20,
      async (i) => {
        const ws = new WebSocket(`${server.wsUrl}/sync/${map.id}?key=${map.viewerKey}`);
        ws.on('error', () => undefined);
        const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
        await new Promise((resolve) => ws.once('open', resolve));
        for (let clock = 1; clock <= 2000 && ws.readyState === WebSocket.OPEN; clock++) {
          ws.send(awarenessFrame([{ clientId: 900_000 + i, clock, state: { user: { name: `flood ${i}` } } }]));
        }
        floodCodes.push(await closed);
      },
    );
    const floodSeconds = (performance.now() - floodStarted) / 1000;
    clearInterval(sampler);
    clearInterval(ticker);

    // the bystanders still sync both ways, were never closed, never even disconnected
    a.doc.getMap('meta').set('final', 'from a');
    b.doc.getMap('meta').set('reply', 'from b');
    await waitFor(
      () => b.doc.getMap('meta').get('final') === 'from a' && a.doc.getMap('meta').get('reply') === 'from b',
      5000,
      'bystanders in sync',
    ).catch((err: unknown) => {
      const errors = server
        .output()
        .split('\n')
        .filter((l) => /"level":(40|50|60)/.test(l) && !/malformed message/.test(l));
      throw new Error(
        `${String(err)}; closes ${JSON.stringify([a.closes, b.closes, watched])}; server warnings:\n${errors.slice(0, 20).join('\n')}`,
      );
    });
    await waitFor(
      () => b.doc.getMap('meta').get('fromA') === ticks && a.doc.getMap('meta').get('fromB') === ticks,
      5000,
      'last ticks',
    );
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
    for (const w of watched) expect(w.statuses.filter((s) => s !== 'connected')).toEqual([]);
    expect(server.alive()).toBe(true);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);

    const after = await server.memory();
    const closedCodes = new Set([...outcomes.values()].flatMap((o) => [...o.closed.keys()]));
    const summary = Object.fromEntries(
      [...outcomes].map(([kind, o]) => [
        kind,
        `${o.accepted}ok/${[...o.closed.values()].reduce((x, y) => x + y, 0)}closed`,
      ]),
    );
    report('malformed frames', { frames: frames.length, seconds: fuzzSeconds, ...summary });
    report('rate flood', {
      sockets: floodCodes.length,
      seconds: floodSeconds,
      codes: [...new Set(floodCodes)].join(','),
    });
    report('flood memory', {
      heapBaselineMiB: mib(baseline.heapUsed),
      heapAfterMiB: mib(after.heapUsed),
      heapGrowthMiB: mib(after.heapUsed - baseline.heapUsed),
      rssBaselineMiB: mib(baseline.rss),
      rssPeakMiB: mib(peakRss),
      rssAfterMiB: mib(after.rss),
    });

    expect([...closedCodes]).toEqual([4400]);
    const total = [...outcomes.values()].reduce(
      (n, o) => n + o.accepted + [...o.closed.values()].reduce((x, y) => x + y, 0),
      0,
    );
    expect(total).toBe(frames.length);
    expect(floodCodes).toEqual(Array(20).fill(4429));
    expect(after.heapUsed - baseline.heapUsed).toBeLessThan(HEAP_TOLERANCE);

    a.destroy();
    b.destroy();
    expect(await server.stop()).toBe(0);
    const log = server.output();
    expect(log).toMatch(/malformed message/);
    expect(log).toMatch(/"code":4429/);
    for (const key of [map.editorKey, map.viewerKey]) expect(log).not.toContain(key);
  });
});
