// Mentions notify (issue #18, surprise 8): a comment naming a member as @Name puts it in that member's
// inbox and, with SMTP_URL, sends them a plain-text e-mail (caught here by a local SMTP server on a
// loopback port). The server parses the names itself; a client's own `mentions` list is not trusted.
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import * as Y from 'yjs';
import { addComment, addStage, addTouchpoint, roots } from '../../src/model';
import { addMember, call, connectWithCookie, setupAdmin } from './helpers/accounts';
import { connectClient, createMap, sleep, startTestServer, waitFor } from './helpers/testServer';

interface CaughtMail {
  to: string[];
  raw: string;
}

/** A local SMTP catcher on a loopback port (no TLS, no auth): what it receives is in `mails`. */
async function smtpCatcher(): Promise<{ url: string; mails: CaughtMail[]; close(): Promise<void> }> {
  const mails: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const catchers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const catcher of catchers.splice(0)) await catcher.close();
});

interface InboxReply {
  unread: number;
  items: {
    id: string;
    mapId: string;
    mapTitle: string;
    nodeId: string;
    author: string;
    excerpt: string;
    readAt: string | null;
  }[];
}

/** A map with one card, opened by the admin's stock client (cookie, no key). */
async function mapWithCard(url: string, wsUrl: string, cookie: string) {
  const created = await call<{ id: string }>(url, 'POST', '/api/maps', { cookie, body: { title: 'Support journey' } });
  expect(created.status).toBe(201);
  const client = connectWithCookie(wsUrl, created.body.id, cookie);
  await client.synced();
  addStage(client.doc, { label: 'Support', id: 'stage1' });
  addTouchpoint(client.doc, { stageId: 'stage1', label: 'Call the hotline', id: 'card1' });
  return { mapId: created.body.id, doc: client.doc };
}

const comment = (doc: Y.Doc, text: string, author = 'Ada Admin') =>
  addComment(doc, { nodeId: 'card1', text, author, authorId: 'client-id', knownNames: ['Bob Rossi', 'Carla'] });

describe('mentions', () => {
  it('puts a mention in the member’s inbox and e-mails them once; nobody else, not the author', async () => {
    const smtp = await smtpCatcher();
    catchers.push(smtp);
    const t = await startTestServer({
      accounts: {
        sessionDays: 14,
        allowAnonymousMaps: false,
        oidc: null,
        mail: { url: smtp.url, from: 'Percorso <maps@test.local>' },
      },
    });
    const ada = await setupAdmin(t.url);
    const bob = await addMember(t.url, ada, 'bob@example.com', 'editor', 'Bob Rossi');
    const carla = await addMember(t.url, ada, 'carla@example.com', 'viewer', 'Carla');
    const { mapId, doc } = await mapWithCard(t.url, t.wsUrl, ada);

    comment(doc, '@Bob Rossi can you check the <b>wait</b> here? cc @Ada Admin');
    const inbox = async (cookie: string) => (await call<InboxReply>(t.url, 'GET', '/api/inbox', { cookie })).body;
    await waitFor(() => smtp.mails.length > 0, 10_000, 'the mention e-mail');
    const bobs = await inbox(bob.cookie);
    expect(bobs.unread).toBe(1);
    expect(bobs.items).toEqual([
      expect.objectContaining({
        mapId,
        mapTitle: 'Support journey',
        nodeId: 'card1',
        author: 'Ada Admin',
        excerpt: '@Bob Rossi can you check the <b>wait</b> here? cc @Ada Admin',
        readAt: null,
      }),
    ]);
    expect((await inbox(ada)).items).toEqual([]); // her own comment does not notify her
    expect((await inbox(carla.cookie)).items).toEqual([]);

    const [mail] = smtp.mails;
    expect(mail?.to).toEqual(['bob@example.com']);
    expect(mail?.raw).toContain('Subject: =?UTF-8?Q?Ada_Admin_mentioned_you_on_');
    expect(mail?.raw).toContain('Content-Type: text/plain');
    expect(mail?.raw).not.toContain('text/html');
    const body = (mail?.raw ?? '').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    expect(body).toContain(`Open it: /map/${mapId}?node=card1`);
    expect(body).toContain('<b>wait</b>'); // plain text: what the person typed, never markup

    // a client's own `mentions` list is not trusted: the text names nobody, so nobody is notified
    const roguesThread = roots(doc).comments.get('card1') as Y.Array<Y.Map<unknown>>;
    const rogue = new Y.Map<unknown>();
    doc.transact(() => {
      roguesThread.push([rogue]);
      for (const [k, v] of Object.entries({
        id: 'rogue',
        author: 'X',
        authorId: 'x',
        text: 'hello',
        createdAt: new Date().toISOString(),
        resolved: false,
        mentions: ['Carla'],
      }))
        rogue.set(k, v);
    });
    comment(doc, 'Thanks @Carla!', 'Bob Rossi');
    await waitFor(() => smtp.mails.length > 1, 10_000, 'the second e-mail');
    expect(smtp.mails[1]?.to).toEqual(['carla@example.com']);
    expect((await inbox(carla.cookie)).items.map((item) => item.excerpt)).toEqual(['Thanks @Carla!']);

    // read one; the count follows; another member's mention ids change nothing of theirs
    const bobItem = bobs.items[0]!;
    expect(
      (await call(t.url, 'POST', '/api/inbox/read', { cookie: carla.cookie, body: { ids: [bobItem.id] } })).body,
    ).toEqual({ unread: 1 });
    expect(
      (await call(t.url, 'POST', '/api/inbox/read', { cookie: bob.cookie, body: { ids: [bobItem.id] } })).body,
    ).toEqual({ unread: 0 });
    expect((await inbox(bob.cookie)).items[0]?.readAt).not.toBeNull();
    expect((await call(t.url, 'POST', '/api/inbox/read', { cookie: bob.cookie, body: { ids: 'some' } })).status).toBe(
      400,
    );
    expect((await call(t.url, 'GET', '/api/inbox')).status).toBe(401);
    expect(
      (await call<{ names: string[] }>(t.url, 'GET', '/api/members/names', { cookie: carla.cookie })).body,
    ).toEqual({
      names: ['Ada Admin', 'Bob Rossi', 'Carla'],
    });
    await sleep(300);
    expect(smtp.mails).toHaveLength(2); // one e-mail per mention, never repeated
  });

  it('keeps the mention and keeps serving when the SMTP server is down', async () => {
    const smtp = await smtpCatcher();
    await smtp.close(); // nothing listens there any more
    const t = await startTestServer({
      accounts: {
        sessionDays: 14,
        allowAnonymousMaps: false,
        oidc: null,
        mail: { url: smtp.url, from: 'maps@test.local' },
      },
    });
    const ada = await setupAdmin(t.url);
    const bob = await addMember(t.url, ada, 'bob@example.com', 'editor', 'Bob Rossi');
    const { doc } = await mapWithCard(t.url, t.wsUrl, ada);
    comment(doc, 'Over to you @bob rossi');
    await waitFor(() => t.logText().includes('mention e-mail failed'), 10_000, 'the failure logged');
    expect((await call<InboxReply>(t.url, 'GET', '/api/inbox', { cookie: bob.cookie })).body.unread).toBe(1);
    expect((await call(t.url, 'GET', '/api/health')).status).toBe(200);
  });

  it('a server without accounts stores no mention and behaves as before', async () => {
    const t = await startTestServer();
    const map = await createMap(t.url);
    const client = connectClient(t.wsUrl, map.id, map.editorKey);
    await client.synced();
    addStage(client.doc, { label: 'Support', id: 'stage1' });
    addTouchpoint(client.doc, { stageId: 'stage1', label: 'Call', id: 'card1' });
    comment(client.doc, '@Bob Rossi look');
    await sleep(200);
    expect(await t.server.store.inbox.listMentions('anyone', 10)).toEqual([]);
    expect((await call(t.url, 'GET', '/api/inbox')).status).toBe(401);
  });
});
