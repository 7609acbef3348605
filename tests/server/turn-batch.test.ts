// TurnBatch: frames written to a real loopback socket in one turn leave in one write call.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TurnBatch } from '../../server/sync/turnBatch';

type Writes = { calls: number; chunks: number };

async function socketPair(): Promise<{
  client: net.Socket;
  server: net.Socket;
  received: () => Buffer;
  close(): Promise<void>;
}> {
  const listener = net.createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as net.AddressInfo;
  const accepted = new Promise<net.Socket>((resolve) => listener.once('connection', resolve));
  const client = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve) => client.once('connect', resolve));
  const server = await accepted;
  const parts: Buffer[] = [];
  client.on('data', (d: Buffer) => parts.push(d));
  return {
    client,
    server,
    received: () => Buffer.concat(parts),
    close: async () => {
      client.destroy();
      server.destroy();
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    },
  };
}

/** Counts the socket's calls into its write implementation (one system call each). */
function countWrites(socket: net.Socket): Writes {
  const counts: Writes = { calls: 0, chunks: 0 };
  const s = socket as unknown as {
    _write: (...a: unknown[]) => void;
    _writev: (chunks: unknown[], cb: unknown) => void;
  };
  const write = s._write.bind(socket);
  const writev = s._writev.bind(socket);
  s._write = (...a) => {
    counts.calls++;
    counts.chunks++;
    write(...a);
  };
  s._writev = (chunks, cb) => {
    counts.calls++;
    counts.chunks += chunks.length;
    writev(chunks, cb);
  };
  return counts;
}

const untilReceived = async (received: () => Buffer, bytes: number) => {
  while (received().length < bytes) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('TurnBatch', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  it('sends the frames of one turn, from promise callbacks too, in one write and in order', async () => {
    const pair = await socketPair();
    close = pair.close;
    const writes = countWrites(pair.server);
    const batch = new TurnBatch(pair.server);
    const send = (text: string) => {
      batch.hold();
      pair.server.write(text);
    };
    send('a');
    await Promise.resolve().then(() => send('b'));
    void Promise.resolve().then(() => send('c'));
    send('d');
    await untilReceived(pair.received, 4);
    expect(pair.received().toString()).toBe('abdc');
    expect(writes).toEqual({ calls: 1, chunks: 4 });
  });

  it('writes again in the next turn, and never writes to a destroyed socket', async () => {
    const pair = await socketPair();
    close = pair.close;
    const writes = countWrites(pair.server);
    const batch = new TurnBatch(pair.server);
    batch.hold();
    pair.server.write('x');
    await new Promise((resolve) => setImmediate(resolve));
    batch.hold();
    pair.server.write('y');
    await untilReceived(pair.received, 2);
    expect(writes.calls).toBe(2);
    batch.hold();
    pair.server.destroy();
    await new Promise((resolve) => setImmediate(resolve)); // the release must not throw
  });
});
