// The frame check of a Yjs update (format V1, what y-websocket clients send): walks its structs
// without building them and returns its delete set. Yjs reads every struct of an update before it
// integrates any, but reads the delete set after: an update that is malformed there would be half
// applied. Checking that part before the room touches the update keeps a bad frame whole-or-nothing.
// Y.decodeUpdate did the same by building every struct: on a cold event loop (an edit every 20–50 ms)
// that was about 65 µs of the relay's path per edit, as much as the write to SQLite.
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';

/** The delete set of an update, as the large-removal check reads it. */
export type UpdateDeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];
type DeleteRange = UpdateDeleteSet['clients'] extends Map<number, (infer R)[]> ? R : never;

// Bits of a struct's info byte (Yjs's binary.BIT8, BIT7, BIT6, BITS5)
const HAS_ORIGIN = 0b1000_0000;
const HAS_RIGHT_ORIGIN = 0b0100_0000;
const HAS_PARENT_SUB = 0b0010_0000;
const CONTENT_REF = 0b0001_1111;
// Structs without content, only a length: garbage-collected clocks (content ref 0) and skipped ones
// (the info byte 10 exactly; with other bits set Y.decodeUpdate refuses it, so this check does too)
const REF_GC = 0;
const INFO_SKIP = 10;
// Shared type refs that carry a name: YXmlElement, YXmlHook; refs past YXmlText do not exist
const TYPE_WITH_NAME = new Set([3, 5]);
const LAST_TYPE_REF = 6;

function skipId(decoder: decoding.Decoder): void {
  decoding.readVarUint(decoder); // client
  decoding.readVarUint(decoder); // clock
}

/** A JSON string of the content (Yjs parses it when it reads the struct: a bad one throws here too). */
function skipJson(decoder: decoding.Decoder): void {
  const text = decoding.readVarString(decoder);
  if (text !== 'undefined') JSON.parse(text);
}

function skipContent(decoder: decoding.Decoder, ref: number): void {
  switch (ref) {
    case 1: // deleted: its length
      decoding.readVarUint(decoder);
      return;
    case 2: {
      // JSON values
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count; i++) skipJson(decoder);
      return;
    }
    case 3: // binary
      decoding.readVarUint8Array(decoder);
      return;
    case 4: // string
      decoding.readVarString(decoder);
      return;
    case 5: // embed
      skipJson(decoder);
      return;
    case 6: // format: key, value
      decoding.readVarString(decoder);
      skipJson(decoder);
      return;
    case 7: {
      // a shared type
      const typeRef = decoding.readVarUint(decoder);
      if (typeRef > LAST_TYPE_REF) throw new Error(`unknown type ref ${typeRef}`);
      if (TYPE_WITH_NAME.has(typeRef)) decoding.readVarString(decoder);
      return;
    }
    case 8: {
      // any values
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count; i++) decoding.readAny(decoder);
      return;
    }
    case 9: {
      // a subdocument: guid, options (Yjs reads a property of them: null or undefined throws)
      decoding.readVarString(decoder);
      const options: unknown = decoding.readAny(decoder);
      if (options === null || options === undefined) throw new Error('subdocument without options');
      return;
    }
    default:
      throw new Error(`unknown content ref ${ref}`);
  }
}

function skipStruct(decoder: decoding.Decoder): void {
  const info = decoding.readUint8(decoder);
  if (info === undefined) throw new Error('unexpected end of update');
  const ref = info & CONTENT_REF;
  if (ref === REF_GC || info === INFO_SKIP) {
    decoding.readVarUint(decoder); // length
    return;
  }
  if (info & HAS_ORIGIN) skipId(decoder);
  if (info & HAS_RIGHT_ORIGIN) skipId(decoder);
  if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
    // the parent: a root type's name (1), or the id of the item holding the type
    if (decoding.readVarUint(decoder) === 1) decoding.readVarString(decoder);
    else skipId(decoder);
    if (info & HAS_PARENT_SUB) decoding.readVarString(decoder);
  }
  skipContent(decoder, ref);
}

/** The delete set of a V1 update; throws if the update is not well formed. */
export function checkUpdate(update: Uint8Array): UpdateDeleteSet {
  const decoder = decoding.createDecoder(update);
  const clients = decoding.readVarUint(decoder);
  for (let c = 0; c < clients; c++) {
    const structs = decoding.readVarUint(decoder);
    skipId(decoder); // client, first clock
    for (let s = 0; s < structs; s++) skipStruct(decoder);
  }
  const ds = Y.createDeleteSet();
  const dsClients = decoding.readVarUint(decoder);
  for (let c = 0; c < dsClients; c++) {
    const client = decoding.readVarUint(decoder);
    const count = decoding.readVarUint(decoder);
    if (count === 0) continue;
    const ranges: DeleteRange[] = ds.clients.get(client) ?? [];
    for (let i = 0; i < count; i++) {
      const clock = decoding.readVarUint(decoder);
      const len = decoding.readVarUint(decoder);
      ranges.push({ clock, len } as DeleteRange);
    }
    ds.clients.set(client, ranges);
  }
  return ds;
}
