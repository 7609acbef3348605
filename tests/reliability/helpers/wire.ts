// y-websocket frames built by hand, for raw `ws` clients: sync step 1/2, updates, awareness.
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import WebSocket from 'ws';

export function syncFrame(step: 0 | 1 | 2, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export function awarenessFrame(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(inner, entry.clientId);
    encoding.writeVarUint(inner, entry.clock);
    encoding.writeVarString(inner, JSON.stringify(entry.state));
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

export const QUERY_AWARENESS = new Uint8Array([3]);

/** Sync step 1 of an empty doc: the server answers with the whole document (step 2). */
export const EMPTY_STEP1 = syncFrame(0, Y.encodeStateVector(new Y.Doc()));

/** Whether a received frame is a sync step 2 (the server's answer to our step 1). */
export function isStep2(frame: Uint8Array): boolean {
  return frame[0] === 0 && frame[1] === 1;
}

/**
 * Opens /sync/<id>?key=…, sends `frames` once open, waits for the answer to our step 1 (a step 2),
 * then closes and waits for the close. Rejects on an early close or after `timeoutMs`.
 */
export function visit(
  wsBase: string,
  mapId: string,
  key: string,
  frames: Uint8Array[],
  timeoutMs = 20_000,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const ws = new WebSocket(`${wsBase}/sync/${mapId}?key=${key}`);
    let answered = false;
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('visit timed out'));
    }, timeoutMs);
    ws.on('error', () => undefined);
    ws.on('open', () => {
      ws.send(EMPTY_STEP1);
      for (const frame of frames) ws.send(frame);
    });
    ws.on('message', (data: Buffer) => {
      if (!answered && isStep2(new Uint8Array(data))) {
        answered = true;
        ws.close();
      }
    });
    ws.on('close', (code) => {
      clearTimeout(timer);
      if (answered) resolve();
      else reject(new Error(`closed before the step 2 answer: ${code}`));
    });
  });
}

/** Runs `task` over `items` with at most `concurrency` at once. */
export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
