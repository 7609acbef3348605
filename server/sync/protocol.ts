// The y-websocket wire protocol (y-protocols sync + awareness): strict parsing of client frames
// and encoding of server frames. Parsing validates everything before the caller touches a room,
// so a malformed frame never half-applies.
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { checkUpdate, type UpdateDeleteSet } from './updateCheck';

export type { UpdateDeleteSet } from './updateCheck';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

export class MalformedMessage extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'MalformedMessage';
  }
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** Parsed JSON state; null means the client left. */
  state: unknown;
}

export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2' | 'sync-update'; update: Uint8Array; deleteSet: UpdateDeleteSet }
  | { type: 'awareness'; entries: AwarenessEntry[] }
  | { type: 'query-awareness' };

function guard<T>(what: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw new MalformedMessage(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A well-formed awareness message whose state is over the size bound (closes the socket with 4413, not 4400). */
export class PresenceTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`presence state of ${bytes} bytes`);
    this.name = 'PresenceTooLarge';
  }
}

function parseAwareness(bytes: Uint8Array, maxStateBytes: number): AwarenessEntry[] {
  const decoder = decoding.createDecoder(bytes);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    // the length is checked before the JSON is parsed: a 7 MiB state never becomes objects
    const size = decoding.peekVarUint(decoder);
    if (size > maxStateBytes) throw new PresenceTooLarge(size);
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    entries.push({ clientId, clock, state });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
  return entries;
}

/** Parses one client frame; throws MalformedMessage for anything that is not a well-formed message. */
export function parseClientMessage(frame: Uint8Array, maxPresenceStateBytes = Infinity): ClientMessage {
  try {
    return parseFrame(frame, maxPresenceStateBytes);
  } catch (err) {
    if (err instanceof PresenceTooLarge) throw err;
    throw err instanceof MalformedMessage
      ? err
      : new MalformedMessage(`frame: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function parseFrame(frame: Uint8Array, maxPresenceStateBytes: number): ClientMessage {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_SYNC: {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === syncProtocol.messageYjsSyncStep1) {
        guard('state vector', () => Y.decodeStateVector(payload));
        return { type: 'sync-step1', stateVector: payload };
      }
      if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
        // its delete set is kept: the large-removal check reads it (updateCheck.ts)
        const ds = guard('update', () => checkUpdate(payload));
        return {
          type: step === syncProtocol.messageYjsSyncStep2 ? 'sync-step2' : 'sync-update',
          update: payload,
          deleteSet: ds,
        };
      }
      throw new Error(`unknown sync step ${step}`);
    }
    case MESSAGE_AWARENESS:
      return { type: 'awareness', entries: parseAwareness(decoding.readVarUint8Array(decoder), maxPresenceStateBytes) };
    case MESSAGE_QUERY_AWARENESS:
      return { type: 'query-awareness' };
    default:
      throw new Error(`unknown message type ${type}`);
  }
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness frame with the current states of `clients` (absent ones are sent as removed). */
export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/** The awareness update payload (without message type) of the given entries. */
export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}
