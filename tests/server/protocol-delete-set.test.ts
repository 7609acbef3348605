// The frame check hands on the delete set it decoded, so the large-removal check needs no second decode.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { encodeUpdate, parseClientMessage } from '../../server/sync/protocol';

describe('parseClientMessage', () => {
  it("returns an update's delete set with the update", () => {
    const doc = new Y.Doc();
    doc.getMap('nodes').set('a', 1);
    const item = doc.getMap('nodes')._map.get('a')!;
    const before = Y.encodeStateVector(doc);
    doc.getMap('nodes').delete('a');
    const message = parseClientMessage(encodeUpdate(Y.encodeStateAsUpdate(doc, before)));
    if (message.type !== 'sync-update') throw new Error(`parsed as ${message.type}`);
    expect(Y.isDeleted(message.deleteSet, item.id)).toBe(true);
    const insertOnly = parseClientMessage(encodeUpdate(Y.encodeStateAsUpdate(new Y.Doc())));
    expect(insertOnly.type === 'sync-update' && insertOnly.deleteSet.clients.size).toBe(0);
  });
});
