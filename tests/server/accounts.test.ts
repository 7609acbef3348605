// Accounts against the real server on a loopback port: first-admin setup, sign-in and out, the
// session cookie's attributes, the lockout, invites, roles (over HTTP and through sync with the stock
// y-websocket client carrying the cookie), revocation, and that a server without accounts is unchanged.
import { describe, expect, it } from 'vitest';
import { Accounts } from '../../server/accounts/service';
import { MemoryStore } from '../../server/storage/memory/store';
import { ADMIN, addMember, call, connectWithCookie, cookieOf, setupAdmin, type Reply } from './helpers/accounts';
import { connectClient, createMap, sleep, startTestServer, waitFor } from './helpers/testServer';

type ErrorReply = { error: { code: string; message: string } };
const codeOf = (reply: Reply<unknown>): string | undefined => (reply.body as ErrorReply | null)?.error?.code;

/** A map created by a signed-in member (maps need a session once an account exists). */
async function memberMap(url: string, cookie: string, title = 'Onboarding'): Promise<{ id: string }> {
  const created = await call<{ id: string }>(url, 'POST', '/api/maps', { cookie, body: { title } });
  expect(created.status).toBe(201);
  return created.body;
}

describe('a server without accounts', () => {
  it('behaves as before: anyone creates maps, keys open them, /api/me offers the setup', async () => {
    const t = await startTestServer();
    const me = await call(t.url, 'GET', '/api/me');
    expect(me.body).toEqual({ member: null, setupNeeded: true, sso: false });
    const map = await createMap(t.url);
    expect((await call(t.url, 'GET', `/api/maps/${map.id}`, { key: map.viewerKey })).body).toMatchObject({
      role: 'viewer',
    });
    expect((await call(t.url, 'GET', `/api/maps/${map.id}`)).status).toBe(401);
  });
});

describe('setup and sign-in', () => {
  it('creates the first admin once (201, then 409), signed in with an HttpOnly SameSite=Lax cookie', async () => {
    const t = await startTestServer();
    const bad = await call(t.url, 'POST', '/api/setup', { body: { ...ADMIN, password: 'short' } });
    expect(bad.status).toBe(400);
    expect((await call(t.url, 'POST', '/api/setup', { body: { ...ADMIN, email: 'nope' } })).status).toBe(400);
    const first = await call<{ member: { role: string; email: string } }>(t.url, 'POST', '/api/setup', {
      body: { ...ADMIN, email: ' Ada@Example.COM ' },
    });
    expect(first.status).toBe(201);
    expect(first.body.member).toMatchObject({ role: 'admin', email: 'ada@example.com', name: ADMIN.name });
    const setCookie = first.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^percorso_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    expect(setCookie).not.toContain('Secure'); // plain http, no https proxy
    const again = await call(t.url, 'POST', '/api/setup', { body: { ...ADMIN, email: 'eve@example.com' } });
    expect(again.status).toBe(409);
    expect(codeOf(again)).toBe('setup_done');
    const me = await call(t.url, 'GET', '/api/me', { cookie: cookieOf(first) });
    expect(me.body).toMatchObject({ member: { email: 'ada@example.com', role: 'admin' }, setupNeeded: false });
    expect((await call(t.url, 'GET', '/api/me')).body).toMatchObject({ member: null, setupNeeded: false });
    // the password is stored only as a scrypt hash
    const stored = await t.server.store.accounts.getMemberByEmail('ada@example.com');
    expect(stored?.passwordHash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(t.logText()).not.toContain(ADMIN.password);
  });

  it('signs in with the right password only, and out again (the old cookie stops working)', async () => {
    const t = await startTestServer();
    await setupAdmin(t.url);
    const wrong = await call(t.url, 'POST', '/api/session', {
      body: { email: ADMIN.email, password: 'not it at all' },
    });
    expect(wrong.status).toBe(401);
    expect(codeOf(wrong)).toBe('wrong_credentials');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const unknown = await call(t.url, 'POST', '/api/session', { body: { email: 'who@example.com', password: 'x' } });
    expect(unknown.status).toBe(401);
    const right = await call(t.url, 'POST', '/api/session', {
      body: { email: 'ADA@example.com', password: ADMIN.password },
    });
    expect(right.status).toBe(200);
    const cookie = cookieOf(right);
    expect((await call(t.url, 'GET', '/api/me', { cookie })).body).toMatchObject({ member: { name: ADMIN.name } });
    const map = await memberMap(t.url, cookie);
    const socket = connectWithCookie(t.wsUrl, map.id, cookie);
    await socket.synced();
    const out = await call(t.url, 'DELETE', '/api/session', { cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^percorso_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax$/);
    expect((await call(t.url, 'GET', '/api/me', { cookie })).body).toMatchObject({ member: null });
    // the map this browser had open does not stay open on the ended session
    await waitFor(() => socket.closes.includes(4512), 5000, 'socket closed on sign-out');
    await waitFor(() => socket.closes.includes(4401), 5000, 'refused when it reconnects');
  });

  it('marks the cookie Secure behind https: PUBLIC_ORIGIN, or X-Forwarded-Proto from a trusted proxy only', async () => {
    const https = await startTestServer({ publicOrigin: 'https://maps.example.com', allowedHosts: ['*'] });
    const a = await call(https.url, 'POST', '/api/setup', { body: ADMIN });
    expect(a.headers.get('set-cookie')).toMatch(/; Secure$/);

    const proxied = await startTestServer(); // loopback is a trusted proxy by default
    const b = await call(proxied.url, 'POST', '/api/setup', { body: ADMIN, headers: { 'x-forwarded-proto': 'https' } });
    expect(b.headers.get('set-cookie')).toMatch(/; Secure$/);

    const untrusted = await startTestServer({ trustedProxies: [] });
    const c = await call(untrusted.url, 'POST', '/api/setup', {
      body: ADMIN,
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(c.headers.get('set-cookie')).not.toContain('Secure');
  });

  it('locks an account after 10 wrong passwords in 15 minutes (429 with Retry-After, even with the right one)', async () => {
    const t = await startTestServer();
    await setupAdmin(t.url);
    for (let i = 0; i < 10; i++) {
      const r = await call(t.url, 'POST', '/api/session', { body: { email: ADMIN.email, password: `wrong ${i}` } });
      expect(r.status).toBe(401);
    }
    const locked = await call(t.url, 'POST', '/api/session', {
      body: { email: ADMIN.email, password: ADMIN.password },
    });
    expect(locked.status).toBe(429);
    expect(codeOf(locked)).toBe('too_many_requests');
    const retry = Number(locked.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);
  });

  it('locks an address that tries many accounts, and not the others', async () => {
    const t = await startTestServer();
    await setupAdmin(t.url);
    const from = (address: string): Record<string, string> => ({ 'x-forwarded-for': address });
    for (let i = 0; i < 10; i++) {
      const r = await call(t.url, 'POST', '/api/session', {
        body: { email: `guess${i}@example.com`, password: 'guess guess' },
        headers: from('203.0.113.7'),
      });
      expect(r.status).toBe(401);
    }
    const blocked = await call(t.url, 'POST', '/api/session', {
      body: { email: ADMIN.email, password: ADMIN.password },
      headers: from('203.0.113.7'),
    });
    expect(blocked.status).toBe(429);
    const other = await call(t.url, 'POST', '/api/session', {
      body: { email: ADMIN.email, password: ADMIN.password },
      headers: from('203.0.113.8'),
    });
    expect(other.status).toBe(200);
  });

  it('ends sessions when they expire', async () => {
    const store = new MemoryStore();
    let now = Date.parse('2030-01-01T00:00:00Z');
    const accounts = new Accounts(store.accounts, 14, () => now);
    const done = await accounts.setup({ email: 'a@example.com', name: 'A', password: 'long password' });
    const req = { headers: { cookie: `percorso_session=${done?.token}` } } as never;
    expect(await accounts.resolve(req)).toMatchObject({ email: 'a@example.com' });
    now += 14 * 24 * 60 * 60 * 1000 - 1000;
    expect(await accounts.resolve(req)).not.toBeNull();
    now += 2000;
    expect(await accounts.resolve(req)).toBeNull();
  });
});

describe('maps and roles', () => {
  it('needs a session to create maps once an account exists (ALLOW_ANONYMOUS_MAPS=1 keeps the old way)', async () => {
    const t = await startTestServer();
    const admin = await setupAdmin(t.url);
    const anonymous = await call(t.url, 'POST', '/api/maps', { body: { title: 'x' } });
    expect(anonymous.status).toBe(401);
    expect(codeOf(anonymous)).toBe('sign_in_required');
    await memberMap(t.url, admin);
    const viewer = await addMember(t.url, admin, 'vic@example.com', 'viewer');
    expect((await call(t.url, 'POST', '/api/maps', { cookie: viewer.cookie, body: { title: 'x' } })).status).toBe(403);

    const open = await startTestServer({ accounts: { sessionDays: 14, allowAnonymousMaps: true, oidc: null } });
    await setupAdmin(open.url);
    expect((await call(open.url, 'POST', '/api/maps', { body: { title: 'x' } })).status).toBe(201);
  });

  it('opens maps with the cookie and no key: editors edit, viewer members read; keys still work for guests', async () => {
    const t = await startTestServer();
    const admin = await setupAdmin(t.url);
    const created = await call<{ id: string; editorKey: string; viewerKey: string }>(t.url, 'POST', '/api/maps', {
      cookie: admin,
      body: { title: 'Journeys' },
    });
    const map = created.body;
    const viewer = await addMember(t.url, admin, 'vic@example.com', 'viewer');
    const editor = await addMember(t.url, admin, 'eda@example.com', 'editor');
    expect((await call(t.url, 'GET', `/api/maps/${map.id}`, { cookie: viewer.cookie })).body).toMatchObject({
      role: 'viewer',
    });
    expect((await call(t.url, 'GET', `/api/maps/${map.id}`, { cookie: editor.cookie })).body).toMatchObject({
      role: 'editor',
    });
    const refused = await call(t.url, 'POST', `/api/maps/${map.id}/versions`, {
      cookie: viewer.cookie,
      body: { name: 'v' },
    });
    expect(refused.status).toBe(403);
    expect((await call(t.url, 'DELETE', `/api/maps/${map.id}`, { cookie: viewer.cookie })).status).toBe(403);
    // a viewer member holding the editor link edits (a key raises the role, never lowers it)
    expect(
      (await call(t.url, 'GET', `/api/maps/${map.id}`, { cookie: viewer.cookie, key: map.editorKey })).body,
    ).toMatchObject({ role: 'editor' });
    // guests with keys, no cookie
    expect((await call(t.url, 'GET', `/api/maps/${map.id}`, { key: map.viewerKey })).body).toMatchObject({
      role: 'viewer',
    });
    expect((await call(t.url, 'GET', `/api/maps/${map.id}`)).status).toBe(401);
    expect((await call(t.url, 'GET', `/api/maps/${map.id}`, { cookie: 'percorso_session=forged' })).status).toBe(401);
  });

  it('through sync: a viewer member cannot write, an editor member can, no cookie is refused (stock client)', async () => {
    const t = await startTestServer();
    const admin = await setupAdmin(t.url);
    const map = await memberMap(t.url, admin);
    const viewer = await addMember(t.url, admin, 'vic@example.com', 'viewer');
    const editor = await addMember(t.url, admin, 'eda@example.com', 'editor');

    const v = connectWithCookie(t.wsUrl, map.id, viewer.cookie);
    const e = connectWithCookie(t.wsUrl, map.id, editor.cookie);
    await Promise.all([v.synced(), e.synced()]);
    v.doc.getMap('meta').set('fromViewer', 1);
    e.doc.getMap('meta').set('fromEditor', 1);
    // the editor's write reaches the viewer; the viewer's write never reaches the server
    await waitFor(() => v.doc.getMap('meta').get('fromEditor') === 1, 5000, 'editor write at the viewer');
    const stored = await t.server.rooms.use(map.id, (room) => room.doc.getMap('meta').toJSON());
    expect(stored.fromEditor).toBe(1);
    expect(stored.fromViewer).toBeUndefined();
    expect(e.doc.getMap('meta').get('fromViewer')).toBeUndefined();

    const none = connectWithCookie(t.wsUrl, map.id, null);
    await waitFor(() => none.closes.length > 0, 5000, 'refusal');
    expect(none.closes[0]).toBe(4401);
  });

  it("shows members' real names in presence, whatever name their client sends; guests keep theirs", async () => {
    const t = await startTestServer();
    const admin = await setupAdmin(t.url);
    const created = await call<{ id: string; viewerKey: string }>(t.url, 'POST', '/api/maps', {
      cookie: admin,
      body: { title: 'Presence' },
    });
    const map = created.body;
    const eda = await addMember(t.url, admin, 'eda@example.com', 'editor', 'Eda Real');
    const member = connectWithCookie(t.wsUrl, map.id, eda.cookie);
    const guest = connectClient(t.wsUrl, map.id, map.viewerKey);
    await Promise.all([member.synced(), guest.synced()]);
    member.provider.awareness.setLocalStateField('user', { name: 'The CEO', color: '#ff0000' });
    guest.provider.awareness.setLocalStateField('user', { name: 'Guest Gina', color: '#00ff00' });
    const nameAt = (
      client: { provider: { awareness: { getStates(): Map<number, Record<string, unknown>> } } },
      id: number,
    ) => (client.provider.awareness.getStates().get(id)?.user as { name?: string } | undefined)?.name;
    await waitFor(() => nameAt(guest, member.doc.clientID) === 'Eda Real', 5000, "the member's real name");
    await waitFor(() => nameAt(member, guest.doc.clientID) === 'Guest Gina', 5000, "the guest's own name");
    expect((guest.provider.awareness.getStates().get(member.doc.clientID)?.user as { color?: string }).color).toBe(
      '#ff0000',
    );
  });

  it("keeps a member connected when a key they also sent is rotated (their role is their account's)", async () => {
    const t = await startTestServer();
    const admin = await setupAdmin(t.url);
    const created = await call<{ id: string; editorKey: string }>(t.url, 'POST', '/api/maps', {
      cookie: admin,
      body: { title: 'Rotation' },
    });
    const map = created.body;
    const eda = await addMember(t.url, admin, 'eda@example.com', 'editor');
    const member = connectWithCookie(t.wsUrl, map.id, eda.cookie, undefined, map.editorKey);
    const guest = connectClient(t.wsUrl, map.id, map.editorKey);
    await Promise.all([member.synced(), guest.synced()]);
    const rotated = await call(t.url, 'POST', `/api/maps/${map.id}/keys/rotate`, {
      cookie: admin,
      body: { role: 'editor' },
    });
    expect(rotated.status).toBe(200);
    await waitFor(() => guest.closes.includes(4411), 5000, 'the guest closed by the rotation');
    // the member still edits on the same socket
    member.doc.getMap('meta').set('stillEditing', true);
    let stored: unknown;
    for (let i = 0; i < 250 && stored !== true; i++) {
      stored = await t.server.rooms.use(map.id, (room) => room.doc.getMap('meta').get('stillEditing'));
      if (stored !== true) await sleep(20);
    }
    expect(stored).toBe(true);
    expect(member.closes).toEqual([]);
  });

  it('refuses a cookie-carrying upgrade from a foreign origin', async () => {
    const t = await startTestServer();
    const admin = await setupAdmin(t.url);
    const map = await memberMap(t.url, admin);
    const foreign = connectWithCookie(t.wsUrl, map.id, admin, 'https://evil.example');
    await waitFor(() => foreign.provider.wsconnected === false && foreign.closes.length > 0, 5000, 'refusal');
    expect(foreign.provider.synced).toBe(false);
    expect(foreign.doc.getMap('meta').size).toBe(0);
  });
});

describe('invites and members', () => {
  it('an admin invites (201 {token, link}); the invitee accepts once and is signed in with the role', async () => {
    const t = await startTestServer();
    const admin = await setupAdmin(t.url);
    expect(
      (await call(t.url, 'POST', '/api/invites', { body: { email: 'x@example.com', role: 'editor' } })).status,
    ).toBe(401);
    const invite = await call<{ token: string; link: string }>(t.url, 'POST', '/api/invites', {
      cookie: admin,
      body: { email: 'Bo@Example.com', role: 'editor' },
    });
    expect(invite.status).toBe(201);
    expect(invite.body.link).toBe(`${t.url}/invite#token=${invite.body.token}`);
    expect(
      (await call(t.url, 'POST', '/api/invites', { cookie: admin, body: { email: 'x@example.com', role: 'owner' } }))
        .status,
    ).toBe(400);
    expect((await call(t.url, 'GET', `/api/invites/${invite.body.token}`)).body).toEqual({
      email: 'bo@example.com',
      role: 'editor',
    });
    const accepted = await call<{ member: { email: string; role: string } }>(
      t.url,
      'POST',
      `/api/invites/${invite.body.token}/accept`,
      { body: { name: 'Bo', password: 'bo password 1' } },
    );
    expect(accepted.status).toBe(201);
    expect(accepted.body.member).toMatchObject({ email: 'bo@example.com', role: 'editor' });
    const bo = cookieOf(accepted);
    expect((await call(t.url, 'GET', '/api/me', { cookie: bo })).body).toMatchObject({ member: { name: 'Bo' } });
    const twice = await call(t.url, 'POST', `/api/invites/${invite.body.token}/accept`, {
      body: { name: 'Mallory', password: 'mallory password' },
    });
    expect(twice.status).toBe(404);
    expect(codeOf(twice)).toBe('invite_invalid');
    // an editor is not an admin
    expect(
      (await call(t.url, 'POST', '/api/invites', { cookie: bo, body: { email: 'z@example.com', role: 'admin' } }))
        .status,
    ).toBe(403);
    expect((await call(t.url, 'GET', '/api/members', { cookie: bo })).status).toBe(403);
    // the invite token never reaches the log
    expect(t.logText()).not.toContain(invite.body.token);
    expect(t.logText()).not.toContain('bo password 1');
  });

  it('lists members, changes roles (never the last admin) and signs a member out everywhere', async () => {
    const t = await startTestServer();
    const admin = await setupAdmin(t.url);
    const map = await memberMap(t.url, admin);
    const eda = await addMember(t.url, admin, 'eda@example.com', 'editor', 'Eda');
    const list = await call<{ members: { email: string; role: string; id: string }[] }>(t.url, 'GET', '/api/members', {
      cookie: admin,
    });
    expect(list.body.members.map((m) => [m.email, m.role])).toEqual([
      ['ada@example.com', 'admin'],
      ['eda@example.com', 'editor'],
    ]);
    const adminId = list.body.members[0]?.id ?? '';
    const last = await call(t.url, 'PATCH', `/api/members/${adminId}`, { cookie: admin, body: { role: 'viewer' } });
    expect(last.status).toBe(409);
    expect(codeOf(last)).toBe('last_admin');

    // Eda edits through sync; demoted to viewer, her socket is closed and reconnects read-only
    const client = connectWithCookie(t.wsUrl, map.id, eda.cookie);
    await client.synced();
    const demoted = await call(t.url, 'PATCH', `/api/members/${eda.id}`, { cookie: admin, body: { role: 'viewer' } });
    expect(demoted.body).toMatchObject({ member: { role: 'viewer' } });
    await waitFor(() => client.closes.includes(4512), 5000, 'socket closed on the role change');
    await waitFor(() => client.provider.synced, 5000, 'reconnected');
    client.doc.getMap('meta').set('afterDemotion', 1);
    const check = connectWithCookie(t.wsUrl, map.id, admin);
    await check.synced();
    expect(check.doc.getMap('meta').get('afterDemotion')).toBeUndefined();

    const revoked = await call(t.url, 'DELETE', `/api/members/${eda.id}/sessions`, { cookie: admin });
    expect(revoked.body).toEqual({ revoked: 1 });
    expect((await call(t.url, 'GET', '/api/me', { cookie: eda.cookie })).body).toMatchObject({ member: null });
    await waitFor(() => client.closes.includes(4401), 5000, 'refused after the revocation');
  });
});
