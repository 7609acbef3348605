// Media: upload → download round trips for every accepted type, the headers that keep served bytes
// inert, content addressing (same bytes stored once, per-map visibility), ETag, ranges; a key in
// the URL opens nothing (links carry a media token: media-tokens.test.ts).
import { describe, expect, it } from 'vitest';
import { filesOnDisk, mediaUrl, sha256, upload, uploadRaw } from './helpers/media';
import { MemoryStore } from '../../server/storage/memory/store';
import { createMap, startTestServer } from './helpers/testServer';
import {
  isoMedia,
  minimalPdf,
  mp3Frames,
  oggVorbis,
  ooxml,
  tinyPng,
  wav,
  webmHeader,
  webpHeader,
} from './fixtures/media';

const bearer = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });

describe('media upload and download', () => {
  it('round-trips a PNG with the serving headers', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const png = tinyPng();
    const ref = await upload(t.url, map, png, 'Photo of the store.png');
    expect(ref).toEqual({
      id: sha256(png),
      name: 'Photo of the store.png',
      mime: 'image/png',
      size: png.length,
      kind: 'image',
    });

    const res = await fetch(mediaUrl(t.url, map.id, ref.id), bearer(map.editorKey));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    const h = res.headers;
    expect(h.get('content-type')).toBe('image/png');
    expect(h.get('content-length')).toBe(String(png.length));
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(h.get('content-security-policy')).toMatch(/sandbox/);
    expect(h.get('content-disposition')).toBe(
      `inline; filename="Photo of the store.png"; filename*=UTF-8''Photo%20of%20the%20store.png`,
    );
    expect(h.get('etag')).toBe(`"${ref.id}"`);
    expect(h.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(h.get('accept-ranges')).toBe('bytes');
  });

  it('decides every accepted type from the bytes, inline only for images, audio, video and PDF', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const cases: { bytes: Uint8Array | string; name: string; mime: string; kind: string; inline: boolean }[] = [
      { bytes: minimalPdf(), name: 'brief.pdf', mime: 'application/pdf', kind: 'document', inline: true },
      { bytes: wav(), name: 'call.wav', mime: 'audio/wav', kind: 'audio', inline: true },
      {
        bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]),
        name: 'shot.jpg',
        mime: 'image/jpeg',
        kind: 'image',
        inline: true,
      },
      {
        bytes: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'),
        name: 'anim.gif',
        mime: 'image/gif',
        kind: 'image',
        inline: true,
      },
      { bytes: webpHeader(), name: 'a.webp', mime: 'image/webp', kind: 'image', inline: true },
      { bytes: mp3Frames(), name: 'voice.mp3', mime: 'audio/mpeg', kind: 'audio', inline: true },
      { bytes: oggVorbis(), name: 'voice.ogg', mime: 'audio/ogg', kind: 'audio', inline: true },
      { bytes: isoMedia('M4A '), name: 'voice.m4a', mime: 'audio/mp4', kind: 'audio', inline: true },
      { bytes: isoMedia('isom'), name: 'tour.mp4', mime: 'video/mp4', kind: 'video', inline: true },
      { bytes: webmHeader(), name: 'tour.webm', mime: 'video/webm', kind: 'video', inline: true },
      {
        bytes: ooxml('docx'),
        name: 'Report.docx',
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        kind: 'document',
        inline: false,
      },
      {
        bytes: ooxml('xlsx'),
        name: 'kpi.xlsx',
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        kind: 'document',
        inline: false,
      },
      {
        bytes: 'Customer said: "too many steps" ✓\n',
        name: 'quote.txt',
        mime: 'text/plain',
        kind: 'document',
        inline: false,
      },
      { bytes: '\ufeffstage,nps\nresearch,31\n', name: 'nps.csv', mime: 'text/csv', kind: 'document', inline: false },
      // a PNG name does not make text an image: the bytes decide
      { bytes: 'just words', name: 'not-really.png', mime: 'text/plain', kind: 'document', inline: false },
    ];
    for (const c of cases) {
      const ref = await upload(t.url, map, c.bytes, c.name);
      expect(ref, c.name).toMatchObject({ name: c.name, mime: c.mime, kind: c.kind });
      const res = await fetch(mediaUrl(t.url, map.id, ref.id), bearer(map.viewerKey));
      expect(res.status, c.name).toBe(200);
      const bytes = typeof c.bytes === 'string' ? Buffer.from(c.bytes) : Buffer.from(c.bytes);
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes), c.name).toBe(true);
      expect(res.headers.get('content-type'), c.name).toBe(
        c.mime.startsWith('text/') ? `${c.mime}; charset=utf-8` : c.mime,
      );
      expect(res.headers.get('content-disposition'), c.name).toMatch(
        c.inline ? /^inline; / : /^attachment; .*filename\*=UTF-8''/,
      );
    }
  });

  it('accepts any Content-Type header (JSON and text bodies are not parsed) and a missing name', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    for (const contentType of ['application/json', 'text/plain', 'image/svg+xml', 'multipart/form-data; boundary=x']) {
      const res = await uploadRaw(t.url, map.id, tinyPng(), { key: map.editorKey, name: 'a.png', contentType });
      expect(res.status, contentType).toBe(201);
      expect(((await res.json()) as { mime: string }).mime).toBe('image/png');
    }
    const unnamed = await uploadRaw(t.url, map.id, minimalPdf(), { key: map.editorKey, name: null });
    expect(unnamed.status).toBe(201);
    expect(((await unnamed.json()) as { name: string }).name).toBe('file');
  });

  it('stores the same bytes once, shows them only to maps they were uploaded to, and frees them with the last map', async () => {
    const t = await startTestServer();
    const a = await createMap(t.url, 'A');
    const b = await createMap(t.url, 'B');
    const c = await createMap(t.url, 'C');
    const png = tinyPng();
    const first = await upload(t.url, a, png, 'one.png');
    const again = await upload(t.url, a, png, 'two.png');
    const inB = await upload(t.url, b, png, 'three.png');
    expect(again.id).toBe(first.id);
    expect(inB.id).toBe(first.id);
    expect(filesOnDisk(t.dataDir)).toEqual([`${first.id.slice(0, 2)}/${first.id}`]);

    // C never uploaded it: its own valid key does not reach A's or B's media
    expect((await fetch(mediaUrl(t.url, c.id, first.id), bearer(c.editorKey))).status).toBe(404);
    expect((await fetch(mediaUrl(t.url, a.id, first.id), bearer(c.editorKey))).status).toBe(403);

    const del = (map: typeof a) => fetch(`${t.url}/api/maps/${map.id}`, { method: 'DELETE', ...bearer(map.editorKey) });
    expect((await del(a)).status).toBe(204);
    expect(filesOnDisk(t.dataDir)).toHaveLength(1); // B still uses it
    expect((await fetch(mediaUrl(t.url, b.id, first.id), bearer(b.viewerKey))).status).toBe(200);
    expect((await del(b)).status).toBe(204);
    expect(filesOnDisk(t.dataDir)).toEqual([]);
    expect(await t.server.store.media.isReferenced(first.id)).toBe(false);
  });

  it('answers If-None-Match with 304 and HEAD with headers only', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const ref = await upload(t.url, map, wav(), 'a.wav');
    const url = mediaUrl(t.url, map.id, ref.id);
    for (const tag of [`"${ref.id}"`, `W/"${ref.id}"`, `"other", "${ref.id}"`, '*']) {
      const res = await fetch(url, { headers: { authorization: `Bearer ${map.viewerKey}`, 'if-none-match': tag } });
      expect(res.status, tag).toBe(304);
      expect(res.headers.get('etag')).toBe(`"${ref.id}"`);
      expect(await res.text()).toBe('');
    }
    const stale = await fetch(url, {
      headers: { authorization: `Bearer ${map.viewerKey}`, 'if-none-match': '"nope"' },
    });
    expect(stale.status).toBe(200);
    const head = await fetch(url, { method: 'HEAD', ...bearer(map.viewerKey) });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(ref.size));
    expect(head.headers.get('content-type')).toBe('audio/wav');
  });

  it('serves byte ranges for seeking', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const bytes = wav(Uint8Array.from({ length: 1000 }, (_, i) => i % 251));
    const ref = await upload(t.url, map, bytes, 'seek.wav');
    const get = (range: string, extra: Record<string, string> = {}) =>
      fetch(mediaUrl(t.url, map.id, ref.id), {
        headers: { authorization: `Bearer ${map.viewerKey}`, range, ...extra },
      });
    const size = bytes.length;

    let res = await get('bytes=0-9');
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 0-9/${size}`);
    expect(res.headers.get('content-length')).toBe('10');
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes.subarray(0, 10))).toBe(true);

    res = await get('bytes=-5');
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${size - 5}-${size - 1}/${size}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes.subarray(size - 5))).toBe(true);

    res = await get(`bytes=${size - 3}-`);
    expect(res.status).toBe(206);
    expect((await res.arrayBuffer()).byteLength).toBe(3);

    res = await get(`bytes=100-${size + 500}`); // the end is clamped
    expect(res.headers.get('content-range')).toBe(`bytes 100-${size - 1}/${size}`);
    await res.arrayBuffer();

    for (const unsatisfiable of [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, 'bytes=-0']) {
      res = await get(unsatisfiable);
      expect(res.status, unsatisfiable).toBe(416);
      expect(res.headers.get('content-range')).toBe(`bytes */${size}`);
      expect(await res.json()).toEqual({ error: { code: 'range_not_satisfiable', message: expect.any(String) } });
    }

    res = await get('bytes=0-9', { 'if-range': '"some-older-version"' }); // stale validator: whole file
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(size);
    res = await get('bytes=0-1,5-6'); // several ranges: the whole file, as the RFC allows
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  });

  it('never takes the key from the URL (?key= opens nothing) and keeps it out of the log', async () => {
    const t = await startTestServer({ logLevel: 'trace' });
    const map = await createMap(t.url);
    const ref = await upload(t.url, map, tinyPng(), 'p.png');
    const viaQuery = await fetch(`${mediaUrl(t.url, map.id, ref.id)}?key=${map.viewerKey}`);
    expect(viaQuery.status).toBe(401);
    expect((await fetch(`${mediaUrl(t.url, map.id, ref.id)}?key=${map.editorKey}`)).status).toBe(401);
    expect((await fetch(`${mediaUrl(t.url, map.id, ref.id)}?key=WrongKeyWrongKeyWrong0`)).status).toBe(401);
    expect((await fetch(mediaUrl(t.url, map.id, ref.id), bearer(map.viewerKey))).status).toBe(200);
    expect((await fetch(mediaUrl(t.url, map.id, ref.id))).status).toBe(401);
    await uploadRaw(t.url, map.id, 'x', { key: map.viewerKey });
    await t.close();

    const log = t.logText();
    expect(log).toMatch(/"path":"\/api\/maps\/[^"?]+\/media\/[0-9a-f]{64}"/);
    for (const secret of [map.editorKey, map.viewerKey, 'WrongKeyWrongKeyWrong0']) expect(log).not.toContain(secret);
    expect(log).not.toContain('?key=');
  });

  it('answers 404 for unknown and malformed hashes and unknown maps', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const ref = await upload(t.url, map, tinyPng(), 'p.png');
    const get = (mapId: string, hash: string) => fetch(mediaUrl(t.url, mapId, hash), bearer(map.viewerKey));
    for (const hash of [
      '0'.repeat(64),
      ref.id.toUpperCase(),
      ref.id.slice(1),
      `${ref.id}0`,
      '..%2F..%2Fpercorso.db',
      'tmp',
    ]) {
      const res = await get(map.id, hash);
      expect(res.status, hash).toBe(404);
      expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
    expect((await get('AAAAAAAAAAAAAAAAAAAAAA', ref.id)).status).toBe(404);
  });

  it('keeps media across a restart (SQLite) and works the same over the in-memory store', async () => {
    const first = await startTestServer();
    const map = await createMap(first.url);
    const ref = await upload(first.url, map, minimalPdf(), 'kept.pdf');
    await first.close();
    const second = await startTestServer({ dataDir: first.dataDir });
    const res = await fetch(mediaUrl(second.url, map.id, ref.id), bearer(map.viewerKey));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''kept\.pdf/);

    const memory = await startTestServer({ store: new MemoryStore() });
    const m = await createMap(memory.url);
    const inMemory = await upload(memory.url, m, tinyPng(), 'm.png');
    expect((await fetch(mediaUrl(memory.url, m.id, inMemory.id), bearer(m.viewerKey))).status).toBe(200);
    expect((await fetch(`${memory.url}/api/maps/${m.id}`, { method: 'DELETE', ...bearer(m.editorKey) })).status).toBe(
      204,
    );
    expect(filesOnDisk(memory.dataDir)).toEqual([]);
  });

  it('stays consistent when the same bytes arrive at once for two maps while one of them is deleted', async () => {
    const t = await startTestServer();
    const a = await createMap(t.url, 'A');
    const b = await createMap(t.url, 'B');
    const bytes = wav(new Uint8Array(256 * 1024));
    const send = (map: typeof a) =>
      uploadRaw(t.url, map.id, bytes, { key: map.editorKey, name: 'same.wav' }).then((res) => res.status);
    const statuses = await Promise.all([
      ...Array.from({ length: 5 }, () => send(a)),
      ...Array.from({ length: 5 }, () => send(b)),
      fetch(`${t.url}/api/maps/${a.id}`, { method: 'DELETE', ...bearer(a.editorKey) }).then((res) => res.status),
    ]);
    expect(statuses.slice(5, 10)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses[10]).toBe(204);
    for (const status of statuses.slice(0, 5)) expect([201, 404]).toContain(status); // before or after the delete
    const hash = sha256(bytes);
    expect(filesOnDisk(t.dataDir)).toEqual([`${hash.slice(0, 2)}/${hash}`]);
    expect((await fetch(mediaUrl(t.url, b.id, hash), bearer(b.viewerKey))).status).toBe(200);
    await fetch(`${t.url}/api/maps/${b.id}`, { method: 'DELETE', ...bearer(b.editorKey) });
    expect(filesOnDisk(t.dataDir)).toEqual([]);
  });
});
