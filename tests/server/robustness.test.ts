// Hostile input: random frames, truncated varints, unknown message types, corrupt updates and
// frames over MAX_FRAME_BYTES close only the offending socket; everyone else keeps syncing.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mulberry32 } from '../shared/random';
import {
  connectSynced,
  createMap,
  rawSocket,
  startTestServer,
  waitFor,
  type RawSocket,
  type TestServer,
} from './helpers/testServer';

function randomFrames(seed: number): Uint8Array[] {
  const random = mulberry32(seed);
  const frames: Uint8Array[] = [];
  for (let i = 0; i < 1000; i++) {
    const bytes = new Uint8Array(1 + Math.floor(random() * 64));
    for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(random() * 256);
    // bias a third of them towards the real message types so parsing goes deeper
    if (i % 3 === 0) bytes[0] = [0, 1, 3][i % 9 === 0 ? 0 : i % 9 === 3 ? 1 : 2] ?? 0;
    if (i % 6 === 0 && bytes.length > 1) bytes[1] = i % 12 === 0 ? 2 : 1;
    frames.push(bytes);
  }
  return frames;
}

/** Hand-made malformed frames: each one must close its socket. */
function craftedFrames(): Uint8Array[] {
  const doc = new Y.Doc();
  doc.getMap('meta').set('goal', 'a real update, then damaged');
  const update = Y.encodeStateAsUpdate(doc);
  const withLength = (type: number[], payload: Uint8Array) => new Uint8Array([...type, payload.length, ...payload]);
  return [
    new Uint8Array([]),
    new Uint8Array([0x80]), // truncated varint (message type)
    new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]), // varint out of range
    new Uint8Array([0, 0x80]), // truncated sync step
    new Uint8Array([0, 2, 0x90]), // truncated payload length
    new Uint8Array([0, 2, 50, 1, 2, 3]), // payload shorter than its length
    new Uint8Array([0, 0, 3, 0xff, 0xff, 0xff]), // garbage state vector
    new Uint8Array([0, 7, 0]), // unknown sync step
    new Uint8Array([2, 0, 0]), // auth message: not accepted from clients
    new Uint8Array([4]),
    new Uint8Array([0x7f, 1, 2]),
    new Uint8Array([0x80, 0x01]), // type 128
    withLength([0, 2], update.subarray(0, update.length - 3)), // truncated update
    withLength(
      [0, 1],
      update.map((b, k) => (k > 2 ? b ^ 0x5a : b)),
    ), // corrupt step 2
    withLength([1], new Uint8Array([1, 5, 1, 3, 123, 120, 125])), // awareness with invalid JSON "{x}"
    withLength([1], new Uint8Array([3, 5, 1])), // awareness claiming 3 entries, holding none
  ];
}

/** Sends each frame followed by a query-awareness probe; the probe's answer (or a close) settles it. */
async function fire(
  t: TestServer,
  mapId: string,
  key: string,
  frames: Uint8Array[],
): Promise<{ closes: number[]; accepted: number }> {
  const closes: number[] = [];
  let accepted = 0;
  let socket: RawSocket | null = null;
  for (const frame of frames) {
    if (!socket || socket.ws.readyState !== socket.ws.OPEN) {
      socket = rawSocket(`${t.wsUrl}/sync/${mapId}?key=${key}`);
      await socket.opened;
    }
    const s = socket;
    const before = s.messages.filter((m) => m[0] === 1).length;
    s.ws.send(frame);
    s.ws.send(new Uint8Array([3]));
    const outcome = await Promise.race([
      s.closed.then((c) => c.code),
      (async () => {
        while (s.messages.filter((m) => m[0] === 1).length === before) await new Promise((r) => setTimeout(r, 1));
        return 'answered' as const;
      })(),
    ]);
    if (outcome === 'answered') accepted++;
    else closes.push(outcome);
  }
  socket?.ws.close();
  return { closes, accepted };
}

describe('hostile frames', () => {
  it('closes each bad socket with 4400 and keeps serving', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const bystander = await connectSynced(t.wsUrl, map.id, map.editorKey);

    const crafted = await fire(t, map.id, map.editorKey, craftedFrames());
    expect(crafted).toEqual({ closes: craftedFrames().map(() => 4400), accepted: 0 });

    const frames = randomFrames(20240601);
    const workers = 4;
    const results = await Promise.all(
      Array.from({ length: workers }, (_, w) =>
        fire(
          t,
          map.id,
          w % 2 === 0 ? map.editorKey : map.viewerKey,
          frames.filter((_, i) => i % workers === w),
        ),
      ),
    );
    const closes = results.flatMap((r) => r.closes);
    expect(closes.length).toBeGreaterThan(500);
    expect(closes.length + results.reduce((n, r) => n + r.accepted, 0)).toBe(frames.length);
    expect(new Set(closes)).toEqual(new Set([4400]));
    expect(t.logText()).toMatch(/malformed message/);

    expect((await fetch(`${t.url}/api/health`)).status).toBe(200);
    bystander.doc.getMap('meta').set('description', 'still here');
    const fresh = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    await waitFor(() => fresh.doc.getMap('meta').get('description') === 'still here', 5000, 'edit after the storm');
    expect(fresh.doc.getMap('meta').get('title')).toBe('Buy a bike');
  });

  it('closes a text frame with 4400', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const socket = rawSocket(`${t.wsUrl}/sync/${map.id}?key=${map.editorKey}`);
    await socket.opened;
    socket.ws.send('hello');
    expect((await socket.closed).code).toBe(4400);
  });

  it('closes only the socket whose frame is over MAX_FRAME_BYTES (1009)', async () => {
    const t = await startTestServer({ maxFrameBytes: 64 * 1024 });
    const map = await createMap(t.url);
    const bystander = await connectSynced(t.wsUrl, map.id, map.editorKey);

    const big = rawSocket(`${t.wsUrl}/sync/${map.id}?key=${map.editorKey}`);
    await big.opened;
    big.ws.send(new Uint8Array(100 * 1024));
    expect((await big.closed).code).toBe(1009);

    // a large but allowed edit still goes through
    bystander.doc.getMap('meta').set('description', 'y'.repeat(40 * 1024));
    const fresh = await connectSynced(t.wsUrl, map.id, map.viewerKey);
    await waitFor(
      () => (fresh.doc.getMap('meta').get('description') as string | undefined)?.length === 40 * 1024,
      5000,
      'large edit',
    );
    expect(bystander.provider.wsconnected).toBe(true);
    expect((await fetch(`${t.url}/api/health`)).status).toBe(200);
  });
});
