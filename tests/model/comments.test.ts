import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addComment,
  addOwner,
  addStage,
  addTouchpoint,
  editComment,
  openCommentCounts,
  openThreads,
  parseMentions,
  readComments,
  removeNode,
  rootMaps,
  setCommentResolved,
  setThreadResolved,
  mentionsOf,
  resolvedThreads,
} from './model';
import { expectOneTransaction, expectRejected, newDoc, syncPair } from './helpers';

const T0 = '2024-05-01T10:00:00.000Z';
const T1 = '2024-05-01T11:00:00.000Z';
const T2 = '2024-05-02T09:30:00.000Z';

function setup() {
  const doc = newDoc();
  addOwner(doc, { name: 'Maria Rossi', id: 'o1' });
  addStage(doc, { label: 'S', id: 's' });
  addTouchpoint(doc, { stageId: 's', label: 'T', id: 't' });
  addTouchpoint(doc, { stageId: 's', label: 'U', id: 'u' });
  return doc;
}

const base = { nodeId: 't', author: 'Ann', authorId: 'user-ann' };

describe('parseMentions', () => {
  it('matches @Name against candidates, longest first, case-insensitively, not inside e-mail addresses', () => {
    const names = ['Anna', 'Anna Maria', 'Bob'];
    expect(parseMentions('@anna maria and @Bob, cc @anna', names)).toEqual(['Anna Maria', 'Bob', 'Anna']);
    expect(parseMentions('write to bob@example.com or @Bobby', names)).toEqual([]);
    expect(parseMentions('@Bob. @Bob again', names)).toEqual(['Bob']);
    expect(parseMentions('no mentions', names)).toEqual([]);
  });
});

describe('addComment', () => {
  it('appends a comment in one transaction, with mentions of owners and known names', () => {
    const doc = setup();
    const id = expectOneTransaction(doc, () =>
      addComment(doc, {
        ...base,
        text: '  @Maria Rossi please ask @Luca  ',
        knownNames: ['Luca'],
        at: '2024-05-01T12:00:00+02:00',
        id: 'c1',
      }),
    );
    expect(id).toBe('c1');
    expect(readComments(doc, 't')).toEqual([
      {
        id: 'c1',
        author: 'Ann',
        authorId: 'user-ann',
        text: '@Maria Rossi please ask @Luca',
        createdAt: T0,
        resolved: false,
        mentions: ['Maria Rossi', 'Luca'],
      },
    ]);
    const id2 = addComment(doc, { ...base, text: 'second' });
    expect(id2).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(readComments(doc, 't').map((c) => c.text)).toEqual(['@Maria Rossi please ask @Luca', 'second']);
    expect(Date.parse(readComments(doc, 't')[1]?.createdAt ?? '')).not.toBeNaN();
  });

  it('rejects bad input without writing', () => {
    const doc = setup();
    addComment(doc, { ...base, text: 'x', id: 'c1' });
    expectRejected(doc, () => addComment(doc, { ...base, text: '   ' }), 'invalid-value');
    expectRejected(doc, () => addComment(doc, { ...base, text: 'x'.repeat(2001) }), 'invalid-value');
    expectRejected(doc, () => addComment(doc, { ...base, nodeId: 'nope', text: 'x' }), 'not-found');
    expectRejected(doc, () => addComment(doc, { ...base, author: '', text: 'x' }), 'invalid-label');
    expectRejected(doc, () => addComment(doc, { ...base, text: 'x', at: 'yesterday' }), 'invalid-value');
    expectRejected(
      doc,
      () => addComment(doc, { ...base, text: 'x', knownNames: [1] as unknown as string[] }),
      'invalid-value',
    );
    expectRejected(doc, () => addComment(doc, { ...base, text: 'x', id: 'c1' }), 'duplicate');
    expectRejected(doc, () => addComment(doc, { ...base, text: 'x', id: 'bad id' }), 'invalid-id');
    expect(addComment(doc, { ...base, text: 'x'.repeat(2000) })).toBeTruthy();
  });
});

describe('editComment / setCommentResolved', () => {
  it('lets only the author edit; parses mentions again and records editedAt', () => {
    const doc = setup();
    addComment(doc, { ...base, text: 'hello', id: 'c1', at: T0 });
    expectRejected(
      doc,
      () => editComment(doc, { nodeId: 't', commentId: 'c1', text: 'hijack', editorId: 'user-bob' }),
      'forbidden',
    );
    expectOneTransaction(doc, () =>
      editComment(doc, { nodeId: 't', commentId: 'c1', text: 'hello @maria rossi', editorId: 'user-ann', at: T1 }),
    );
    expect(readComments(doc, 't')[0]).toEqual({
      id: 'c1',
      author: 'Ann',
      authorId: 'user-ann',
      text: 'hello @maria rossi',
      createdAt: T0,
      editedAt: T1,
      resolved: false,
      mentions: ['Maria Rossi'],
    });
    const sv = Y.encodeStateVector(doc);
    editComment(doc, { nodeId: 't', commentId: 'c1', text: 'hello @maria rossi', editorId: 'user-ann', at: T2 });
    expect(Y.encodeStateVector(doc)).toEqual(sv);
    expectRejected(
      doc,
      () => editComment(doc, { nodeId: 't', commentId: 'nope', text: 'x', editorId: 'user-ann' }),
      'not-found',
    );
    expectRejected(
      doc,
      () => editComment(doc, { nodeId: 't', commentId: 'c1', text: '', editorId: 'user-ann' }),
      'invalid-value',
    );
  });

  it('resolves and reopens (anyone may)', () => {
    const doc = setup();
    addComment(doc, { ...base, text: 'a', id: 'c1' });
    expectOneTransaction(doc, () => setCommentResolved(doc, 't', 'c1', true));
    expect(readComments(doc, 't')[0]?.resolved).toBe(true);
    setCommentResolved(doc, 't', 'c1', false);
    expect(readComments(doc, 't')[0]?.resolved).toBe(false);
    expectRejected(doc, () => setCommentResolved(doc, 't', 'zz', true), 'not-found');
    expectRejected(doc, () => setCommentResolved(doc, 'u', 'c1', true), 'not-found');
    expectRejected(doc, () => setCommentResolved(doc, 't', 'c1', 'yes' as unknown as boolean), 'invalid-value');
  });
});

describe('comment queries', () => {
  it('counts open comments per node and lists open threads, newest first', () => {
    const doc = setup();
    addComment(doc, { ...base, text: 'old', id: 'a', at: T0 });
    addComment(doc, { ...base, text: 'done', id: 'b', at: T2 });
    addComment(doc, { ...base, nodeId: 'u', text: 'newer', id: 'c', at: T1 });
    addComment(doc, { ...base, nodeId: 's', text: 'closed', id: 'd', at: T2 });
    setCommentResolved(doc, 't', 'b', true);
    setCommentResolved(doc, 's', 'd', true);
    expect(openCommentCounts(doc)).toEqual(
      new Map([
        ['t', 1],
        ['u', 1],
      ]),
    );
    const threads = openThreads(doc);
    expect(threads.map((t) => [t.nodeId, t.latestAt, t.open.map((c) => c.id)])).toEqual([
      ['u', T1, ['c']],
      ['t', T0, ['a']],
    ]);
  });

  it('ignores threads of nodes that are gone and entries that are not comments', () => {
    const doc = setup();
    addComment(doc, { ...base, text: 'a', id: 'a' });
    doc.transact(() => {
      const orphan = new Y.Array<unknown>();
      orphan.push(['junk']);
      rootMaps(doc).comments.set('ghost', orphan);
      (rootMaps(doc).comments.get('t') as Y.Array<unknown>).push(['junk', new Y.Map()]);
    });
    expect(readComments(doc, 't').map((c) => c.id)).toEqual(['a']);
    expect([...openCommentCounts(doc).keys()]).toEqual(['t']);
    removeNode(doc, 't');
    expect(readComments(doc, 't')).toEqual([]);
    expect(openThreads(doc)).toEqual([]);
  });

  it('keeps both comments when two users comment on the same thread at once', () => {
    const a = setup();
    addComment(a, { ...base, text: 'first', id: 'c0', at: T0 });
    const b = newDoc();
    syncPair(a, b);
    addComment(a, { ...base, text: 'from a', id: 'ca', at: T1 });
    addComment(b, { ...base, authorId: 'user-bob', author: 'Bob', text: 'from b', id: 'cb', at: T1 });
    syncPair(a, b);
    expect(
      readComments(a, 't')
        .map((c) => c.id)
        .sort(),
    ).toEqual(['c0', 'ca', 'cb']);
    expect(readComments(b, 't')).toEqual(readComments(a, 't'));
  });
});

describe('mentions of a person and whole threads', () => {
  it('lists the comments that mention a name, newest first, without the person’s own', () => {
    const doc = setup();
    const at = (author: string, text: string, when: string, nodeId = 't') =>
      addComment(doc, { nodeId, text, author, authorId: author, knownNames: ['Bob', 'Ann'], at: when });
    at('Ann', '@bob look here', T0);
    at('Ann', 'no mention', T1);
    at('Bob', 'I am @Bob', T1); // one's own comment is not a mention to read
    at('Ann', 'and @Bob here', T2, 'u');
    expect(mentionsOf(doc, ' BOB ').map((m) => [m.nodeId, m.comment.text])).toEqual([
      ['u', 'and @Bob here'],
      ['t', '@bob look here'],
    ]);
    expect(mentionsOf(doc, '')).toEqual([]);
    removeNode(doc, 'u');
    expect(mentionsOf(doc, 'Bob')).toHaveLength(1); // a removed card's thread is gone from the list
  });

  it('resolves and reopens a whole thread in one transaction', () => {
    const doc = setup();
    addComment(doc, { nodeId: 't', text: 'one', author: 'A', authorId: 'a', at: T0 });
    addComment(doc, { nodeId: 't', text: 'two', author: 'A', authorId: 'a', at: T1 });
    expect(resolvedThreads(doc)).toEqual([]);
    expectOneTransaction(doc, () => setThreadResolved(doc, 't', true));
    expect(openThreads(doc)).toEqual([]);
    expect(resolvedThreads(doc).map((t) => [t.nodeId, t.comments.length])).toEqual([['t', 2]]);
    expectOneTransaction(doc, () => setThreadResolved(doc, 't', false));
    expect(openThreads(doc).map((t) => t.open.length)).toEqual([2]);
    expectRejected(doc, () => setThreadResolved(doc, 'nope', true), 'not-found');
  });
});
