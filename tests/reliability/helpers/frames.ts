// Fuzzed client frames for the malformed-input test: random bytes, truncated varints, huge
// declared lengths, well-formed sync messages carrying corrupt updates, corrupt awareness, unknown
// message types and sync steps. Seeded, so a failure replays.
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { addStage, addTouchpoint, initJourney, setEmotion } from '../../../src/model';
import type { Rand } from '../../shared/random';
import { syncFrame } from './wire';

/** Real updates to damage: a journey built in a few transactions. */
function sampleUpdates(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  initJourney(doc, { title: 'Damaged' });
  const stage = addStage(doc, { label: 'Stage' });
  const tp = addTouchpoint(doc, { stageId: stage, label: 'Touchpoint' });
  setEmotion(doc, tp, -2);
  doc.getMap('meta').set('description', 'x'.repeat(300));
  updates.push(Y.encodeStateAsUpdate(doc));
  return updates;
}

function bytes(rand: Rand, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(rand() * 256);
  return out;
}

function varint(n: number): number[] {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, n);
  return [...encoding.toUint8Array(e)];
}

export type FrameKind =
  | 'random'
  | 'truncated-varint'
  | 'huge-length'
  | 'corrupt-update'
  | 'truncated-update'
  | 'corrupt-awareness'
  | 'unknown-type'
  | 'unknown-step';

export function fuzzFrames(rand: Rand, count: number): { kind: FrameKind; frame: Uint8Array }[] {
  const samples = sampleUpdates();
  const pickSample = (): Uint8Array => samples[Math.floor(rand() * samples.length)] as Uint8Array;
  const kinds: FrameKind[] = [
    'random',
    'truncated-varint',
    'huge-length',
    'corrupt-update',
    'truncated-update',
    'corrupt-awareness',
    'unknown-type',
    'unknown-step',
  ];
  const out: { kind: FrameKind; frame: Uint8Array }[] = [];
  for (let i = 0; i < count; i++) {
    const kind = kinds[Math.floor(rand() * kinds.length)] as FrameKind;
    let frame: Uint8Array;
    switch (kind) {
      case 'random':
        frame = bytes(rand, Math.floor(rand() * 200));
        break;
      case 'truncated-varint': // a varint whose continuation bit promises more bytes than there are
        frame = new Uint8Array([
          ...[0, 1, 3].slice(0, Math.floor(rand() * 3)),
          ...Array.from({ length: 1 + Math.floor(rand() * 9) }, () => 0x80 | Math.floor(rand() * 128)),
        ]);
        break;
      case 'huge-length': {
        const head = rand() < 0.5 ? [0, Math.floor(rand() * 3)] : [1];
        frame = new Uint8Array([
          ...head,
          ...varint(2 ** 20 + Math.floor(rand() * 2 ** 31)),
          ...bytes(rand, Math.floor(rand() * 50)),
        ]);
        break;
      }
      case 'corrupt-update': {
        const update = pickSample().slice();
        const flips = 1 + Math.floor(rand() * 4);
        for (let f = 0; f < flips; f++) update[Math.floor(rand() * update.length)] = Math.floor(rand() * 256);
        frame = syncFrame(rand() < 0.5 ? 1 : 2, update);
        break;
      }
      case 'truncated-update': {
        const update = pickSample();
        frame = syncFrame(rand() < 0.5 ? 1 : 2, update.subarray(0, Math.floor(rand() * update.length)));
        break;
      }
      case 'corrupt-awareness': {
        const json =
          rand() < 0.5 ? '{"user":' : JSON.stringify({ user: { name: 'x' } }).slice(0, Math.floor(rand() * 20));
        const inner = encoding.createEncoder();
        encoding.writeVarUint(inner, 1 + Math.floor(rand() * 3)); // may claim more entries than it holds
        encoding.writeVarUint(inner, Math.floor(rand() * 2 ** 30));
        encoding.writeVarUint(inner, Math.floor(rand() * 100));
        encoding.writeVarString(inner, json);
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
        frame = encoding.toUint8Array(e);
        break;
      }
      case 'unknown-type':
        frame = new Uint8Array([
          ...varint([2, 4, 5, 9, 127, 128, 300, 2 ** 20][Math.floor(rand() * 8)] ?? 9),
          ...bytes(rand, Math.floor(rand() * 30)),
        ]);
        break;
      case 'unknown-step':
        frame = new Uint8Array([0, ...varint(3 + Math.floor(rand() * 1000)), ...bytes(rand, Math.floor(rand() * 30))]);
        break;
    }
    out.push({ kind, frame });
  }
  return out;
}
