// Helpers for the ingest, webhook, version and key tests: JSON calls with a Bearer key, a touchpoint
// written into a map through the server's room, a local webhook receiver.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import * as Y from 'yjs';
import { addStage, addTouchpoint } from '../../../src/model';
import type { TestServer } from './testServer';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

/** A JSON request; `body` is sent as is when it is a string (malformed JSON on purpose). */
export async function api<T = unknown>(
  url: string,
  method: string,
  path: string,
  key: string | null,
  body?: unknown,
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {};
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Adds a stage and touchpoints (id = label unless given as [id, label]) through the server's room, as the server writes. */
export async function addTouchpoints(
  t: TestServer,
  mapId: string,
  touchpoints: (string | [string, string])[],
): Promise<void> {
  await t.server.rooms.use(mapId, (room) => {
    if (!room.doc.getMap('nodes').has('stage')) addStage(room.doc, { label: 'Stage', id: 'stage' });
    for (const tp of touchpoints) {
      const [id, label] = typeof tp === 'string' ? [tp, tp] : tp;
      addTouchpoint(room.doc, { stageId: 'stage', label, id });
    }
  });
}

/** The value of a node's metric in a client's doc, or undefined. */
export function metricValue(doc: Y.Doc, nodeId: string, key: string): unknown {
  const node = doc.getMap('nodes').get(nodeId);
  const metrics = node instanceof Y.Map ? node.get('metrics') : undefined;
  const metric = metrics instanceof Y.Map ? metrics.get(key) : undefined;
  return metric instanceof Y.Map ? metric.get('value') : undefined;
}

export interface Received {
  headers: http.IncomingHttpHeaders;
  raw: string;
  at: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Answers in order; the last one repeats. 'hang' never answers. */
  answers: (number | 'hang')[];
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/** A webhook receiver on 127.0.0.1 that records each request's headers and raw body. */
export async function startReceiver(answers: (number | 'hang')[] = [200]): Promise<Receiver> {
  const receiver: Receiver = { url: '', received: [], answers };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      receiver.received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const answer = receiver.answers[Math.min(receiver.received.length - 1, receiver.answers.length - 1)] ?? 200;
      if (answer === 'hang') return;
      res.writeHead(answer, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
}
