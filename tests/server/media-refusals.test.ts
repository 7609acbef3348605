// Media uploads that must be refused, and how: the status, the JSON error, nothing left on disk
// (no partial or temp file), a body over the limit refused before it is all sent, and a server that
// keeps serving afterwards.
import http from 'node:http';
import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HTML_PAGE, SVG_WITH_SCRIPT, plainZip, tinyPng, wav } from './fixtures/media';
import { filesOnDisk, upload, uploadRaw, type MediaRefJson } from './helpers/media';
import { createMap, startTestServer, waitFor, type CreatedMap, type TestServer } from './helpers/testServer';

const LIMIT = 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x41);

async function expectError(res: Response, status: number, code: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } });
}

async function expectHealthy(t: TestServer, map: CreatedMap): Promise<void> {
  expect((await fetch(`${t.url}/api/health`)).status).toBe(200);
  const ref = await upload(t.url, map, tinyPng(), 'after.png'); // uploads still work too
  expect(ref.kind).toBe('image');
}

interface RawUpload {
  req: http.ClientRequest;
  response: Promise<{ status: number; body: string }>;
  /** Bytes handed to the socket so far. */
  sent(): number;
  write(chunk: Buffer): Promise<void>;
}

/** A hand-driven upload (node:http) so a test controls how much of the body is sent, and when. */
function rawUpload(t: TestServer, map: CreatedMap, headers: Record<string, string>): RawUpload {
  const { port } = new URL(t.url);
  const req = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: `/api/maps/${map.id}/media`,
    headers: {
      authorization: `Bearer ${map.editorKey}`,
      'content-type': 'application/octet-stream',
      'x-file-name': 'big.bin',
      ...headers,
    },
  });
  req.on('error', () => undefined); // the server may close while we are still writing: that is the point
  let sent = 0;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('close', () => setTimeout(() => reject(new Error('closed without a response')), 1000));
  });
  response.catch(() => undefined);
  return {
    req,
    response,
    sent: () => sent,
    write: (chunk) =>
      new Promise<void>((resolve) => {
        sent += chunk.length;
        if (req.write(chunk)) resolve();
        else req.once('drain', resolve);
      }),
  };
}

/** Writes until the response arrives (or `max` bytes went out); returns how much was sent. */
async function sendUntilAnswered(upload: RawUpload, max: number): Promise<number> {
  let answered = false;
  void upload.response.then(() => (answered = true));
  while (!answered && upload.sent() < max && !upload.req.destroyed) {
    await Promise.race([upload.write(CHUNK), upload.response.then(() => undefined)]);
  }
  return upload.sent();
}

describe('media refusals', () => {
  it('refuses a declared Content-Length over the limit at once and closes the connection', async () => {
    const t = await startTestServer({ maxUploadBytes: LIMIT });
    const map = await createMap(t.url);
    const declared = 64 * LIMIT;
    const up = rawUpload(t, map, { 'content-length': String(declared) });
    await up.write(CHUNK); // a first chunk, then we wait: the answer must not need the rest
    const res = await up.response;
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
    expect(up.sent()).toBeLessThan(declared / 8);
    await waitFor(() => up.req.destroyed || up.req.socket?.destroyed === true, 5000, 'connection closed by the server');
    expect(filesOnDisk(t.dataDir)).toEqual([]);
    await expectHealthy(t, map);
  });

  it('counts a chunked body and stops it at the limit', async () => {
    const t = await startTestServer({ maxUploadBytes: LIMIT });
    const map = await createMap(t.url);
    const up = rawUpload(t, map, { 'transfer-encoding': 'chunked' });
    const max = 64 * LIMIT; // the client would go on for 64 MiB
    const sent = await sendUntilAnswered(up, max);
    const res = await up.response;
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('payload_too_large');
    expect(sent).toBeLessThan(max / 4); // answered while the client was still sending
    expect(filesOnDisk(t.dataDir)).toEqual([]);
    await expectHealthy(t, map);
  });

  it('takes exactly the limit and refuses one byte more', async () => {
    const t = await startTestServer({ maxUploadBytes: 2000 });
    const map = await createMap(t.url);
    const atLimit = wav(new Uint8Array(2000 - 44));
    expect(atLimit.length).toBe(2000);
    expect((await uploadRaw(t.url, map.id, atLimit, { key: map.editorKey })).status).toBe(201);
    await expectError(
      await uploadRaw(t.url, map.id, wav(new Uint8Array(2001 - 44)), { key: map.editorKey }),
      413,
      'payload_too_large',
    );
  });

  it('refuses types it does not accept, whatever the name says', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const refused: [string, Uint8Array | string][] = [
      ['page.png', HTML_PAGE], // HTML renamed to .png
      ['logo.svg', SVG_WITH_SCRIPT],
      ['logo.png', `  \n${SVG_WITH_SCRIPT}`],
      ['report.docx', plainZip()], // a plain zip is not a docx
      ['data.xml', '<?xml version="1.0"?><a/>'],
      ['bom.txt', `\ufeff  <html><body>hi</body></html>`],
      ['late.txt', `Notes\n\n<script>alert(1)</script>`],
      ['nul.txt', 'text\u0000with a NUL'],
      ['latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])], // not UTF-8
      ['cut.txt', Buffer.from([0x61, 0xe2, 0x82])], // UTF-8 cut in the middle of a character
      ['app.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)])],
      ['broken.docx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40, 0xff)])],
    ];
    for (const [name, bytes] of refused) {
      const res = await uploadRaw(t.url, map.id, bytes, { key: map.editorKey, name: encodeURIComponent(name) });
      expect(res.status, name).toBe(415);
      expect(await res.json(), name).toEqual({
        error: { code: 'unsupported_media_type', message: expect.any(String) },
      });
    }
    expect(filesOnDisk(t.dataDir)).toEqual([]);
  });

  it('keeps only a safe base name', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const names: [string, string][] = [
      [encodeURIComponent('../../../etc/passwd.png'), 'passwd.png'],
      ['../x.png', 'x.png'],
      [encodeURIComponent('..\\..\\windows\\evil.png'), 'evil.png'],
      [encodeURIComponent('a\u0000b\u001b[31mc\u202egnp.exe'), 'ab[31mcgnp.exe'],
      [encodeURIComponent('..'), 'file'],
      [encodeURIComponent('dir/'), 'file'],
      ['%E0%A4%A', '%E0%A4%A'], // not valid percent-encoding: taken literally
      [encodeURIComponent(`${'é'.repeat(300)}.png`), `${'é'.repeat(251)}.png`],
    ];
    for (const [header, expected] of names) {
      const res = await uploadRaw(t.url, map.id, tinyPng(), { key: map.editorKey, name: header });
      expect(res.status, header).toBe(201);
      expect(((await res.json()) as MediaRefJson).name, header).toBe(expected);
    }
    const root = path.join(t.dataDir, 'media');
    expect(fs.readdirSync(path.dirname(t.dataDir)).some((f) => f === 'passwd.png')).toBe(false);
    expect(filesOnDisk(t.dataDir).every((f) => /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(f))).toBe(true);
    expect(fs.existsSync(root)).toBe(true);
  });

  it('answers 404, 401, 403 in that order and never stores a byte for them', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const png = tinyPng();
    await expectError(await uploadRaw(t.url, 'AAAAAAAAAAAAAAAAAAAAAA', png, { key: map.editorKey }), 404, 'not_found');
    await expectError(await uploadRaw(t.url, 'not-a-map', png, { key: map.editorKey }), 404, 'not_found');
    await expectError(await uploadRaw(t.url, map.id, png, {}), 401, 'missing_key');
    await expectError(await uploadRaw(t.url, map.id, png, { key: 'WrongKeyWrongKeyWrong0' }), 403, 'wrong_key');
    await expectError(await uploadRaw(t.url, map.id, png, { key: map.viewerKey }), 403, 'editor_key_required');
    expect(filesOnDisk(t.dataDir)).toEqual([]);
  });

  it('refuses a large body without a key without reading it', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const declared = 40 * 1024 * 1024;
    const up = rawUpload(t, { ...map, editorKey: 'WrongKeyWrongKeyWrong0' }, { 'content-length': String(declared) });
    await up.write(CHUNK);
    expect((await up.response).status).toBe(403);
    expect(up.sent()).toBeLessThan(declared / 8);
    await expectHealthy(t, map);
  });

  it('leaves no partial file when the client goes away mid-upload', async () => {
    const t = await startTestServer({ maxUploadBytes: 64 * LIMIT });
    const map = await createMap(t.url);
    const up = rawUpload(t, map, { 'content-length': String(8 * LIMIT) });
    await up.write(wav(new Uint8Array(CHUNK.length)));
    for (let i = 0; i < 16; i++) await up.write(CHUNK);
    // the upload is under way: its temp file is on disk and growing
    await waitFor(() => filesOnDisk(t.dataDir).some((f) => f.startsWith('tmp/')), 5000, 'temp file');
    up.req.destroy();
    await waitFor(() => filesOnDisk(t.dataDir).length === 0, 5000, 'temp file removed');
    await expectHealthy(t, map);
    expect(filesOnDisk(t.dataDir).filter((f) => f.startsWith('tmp/'))).toEqual([]);
  });

  it('clears temp files left by a crash when it starts', async () => {
    const first = await startTestServer();
    fs.writeFileSync(path.join(first.dataDir, 'media', 'tmp', 'deadbeef.part'), 'half an upload');
    await first.close();
    const second = await startTestServer({ dataDir: first.dataDir });
    expect(filesOnDisk(second.dataDir)).toEqual([]);
  });
});
