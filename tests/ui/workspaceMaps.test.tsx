// The home page for a signed-in member: the workspace's maps (search, order), the bin moves a map to
// the trash with Undo, and the trash restores it. The HTTP API is a small in-memory fake of the server's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { HomePage } from '../../src/app/HomePage';
import { useAccount } from '../../src/app/account/useAccount';
import { filterMaps } from '../../src/app/workspace/filterMaps';
import type { WorkspaceMap } from '../../src/sync/workspaceApi';
import { db } from '../../src/db/db';
import { getMyMap, rememberMap } from '../../src/db/myMaps';

const member = { id: 'm1', email: 'ada@example.com', name: 'Ada', role: 'editor' as const };

function map(id: string, title: string, updatedAt: string, owner: string | null): WorkspaceMap {
  return {
    id,
    title,
    updatedAt,
    createdAt: updatedAt,
    createdBy: owner ? { id: owner, name: owner } : null,
    role: 'editor',
  };
}

function fakeServer(maps: WorkspaceMap[]) {
  const live = new Map(maps.map((m) => [m.id, m]));
  const trash = new Map<string, WorkspaceMap & { trashedAt: string }>();
  const calls: string[] = [];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    calls.push(`${method} ${input}`);
    if (input === '/api/me') return json({ member, setupNeeded: false, sso: false });
    if (input === '/api/maps' && method === 'GET') return json({ maps: [...live.values()] });
    if (input === '/api/trash') return json({ maps: [...trash.values()] });
    const id = /^\/api\/maps\/([^/]+)/.exec(input)?.[1] ?? '';
    if (method === 'DELETE' && live.has(id)) {
      trash.set(id, { ...live.get(id)!, trashedAt: new Date().toISOString() });
      live.delete(id);
      return new Response(null, { status: 204 });
    }
    if (method === 'POST' && input.endsWith('/duplicate') && live.has(id)) {
      const copy = { ...live.get(id)!, id: `${id}-copy`, title: `${live.get(id)!.title} (copy)` };
      live.set(copy.id, copy);
      return json({ id: copy.id, title: copy.title, editorKey: 'e'.repeat(22), viewerKey: 'v'.repeat(22) }, 201);
    }
    if (method === 'POST' && input.endsWith('/restore') && trash.has(id)) {
      const { trashedAt: _, ...back } = trash.get(id)!;
      live.set(id, back);
      trash.delete(id);
      return json({ id, title: back.title });
    }
    return json({ error: { code: 'not_found', message: 'No map with this id' } }, 404);
  });
  return { live, trash, calls };
}

const titles = () => [...document.querySelectorAll('.map-list .map-title')].map((title) => title.textContent);

describe('home page: the workspace list for a member', () => {
  beforeEach(() => useAccount.setState({ me: undefined }));
  afterEach(() => vi.unstubAllGlobals());

  it('lists the server’s maps, last edited first, and filters them by title or owner', async () => {
    fakeServer([
      map('a', 'Refund journey', '2026-01-01T10:00:00Z', 'Bruno'),
      map('b', 'Buying a bike', '2026-03-01T10:00:00Z', 'Ada'),
      map('c', 'Onboarding', '2026-02-01T10:00:00Z', null),
    ]);
    await act(async () => {
      useAccount.setState({ me: { member, setupNeeded: false, sso: false } });
    });
    render(<HomePage />);
    expect(await screen.findByRole('heading', { name: 'Maps in this workspace' })).toBeInTheDocument();
    await screen.findByText('Buying a bike');
    expect(titles()).toEqual(['Buying a bike', 'Onboarding', 'Refund journey']);
    expect(screen.getByRole('link', { name: /Buying a bike/ })).toHaveAttribute('href', '/map/b');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search by title or owner' }), {
      target: { value: 'bruno' },
    });
    expect(titles()).toEqual(['Refund journey']);
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'nothing like it' } });
    expect(screen.getByText('No map matches this search.')).toBeInTheDocument();
  });

  it('moves a map to the trash with Undo, and restores another one from the trash', async () => {
    const server = fakeServer([
      map('a', 'Refund journey', '2026-01-01T10:00:00Z', null),
      map('b', 'Buying a bike', '2026-03-01T10:00:00Z', null),
    ]);
    useAccount.setState({ me: { member, setupNeeded: false, sso: false } });
    render(<HomePage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Move Refund journey to the trash' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Moved “Refund journey” to the trash');
    await waitFor(() => expect(screen.queryByRole('link', { name: /Refund journey/ })).toBeNull());
    expect(server.trash.has('a')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('link', { name: /Refund journey/ })).toHaveAttribute('href', '/map/a');
    expect(server.calls).toContain('POST /api/maps/a/restore');
    expect(screen.queryByRole('status')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Move Buying a bike to the trash' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: /Buying a bike/ })).toBeNull());
    const toggle = screen.getByRole('button', { name: 'Trash' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(toggle);
    const trash = await screen.findByRole('region', { name: 'Trash' });
    fireEvent.click(await within(trash).findByRole('button', { name: 'Restore Buying a bike' }));
    expect(await screen.findByRole('link', { name: /Buying a bike/ })).toHaveAttribute('href', '/map/b');
    expect(await within(trash).findByText('The trash is empty.')).toBeInTheDocument();
    expect(server.live.size).toBe(2);
  });

  it('says so when the list cannot be loaded, and keeps the guest list for visitors without a session', async () => {
    vi.stubGlobal('fetch', async () => new Response('{}', { status: 500 }));
    useAccount.setState({ me: { member, setupNeeded: false, sso: false } });
    const { unmount } = render(<HomePage />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Request failed (500)');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    unmount();
    useAccount.setState({ me: { member: null, setupNeeded: false, sso: false } });
    render(<HomePage />);
    expect(screen.getByRole('heading', { name: 'My maps' })).toBeInTheDocument();
  });
});

describe('duplicating from the home page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a member copies a map of the workspace and sees the copy listed', async () => {
    const server = fakeServer([map('a', 'Refund journey', '2026-01-01T10:00:00Z', null)]);
    useAccount.setState({ me: { member, setupNeeded: false, sso: false } });
    render(<HomePage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Duplicate Refund journey' }));
    expect(await screen.findByRole('link', { name: /Refund journey \(copy\)/ })).toHaveAttribute('href', '/map/a-copy');
    expect(server.calls).toContain('POST /api/maps/a/duplicate');
  });

  it('a guest copies a map held with its editor key; the copy’s keys are remembered in this browser', async () => {
    await db.maps.clear();
    const calls: { url: string; auth: string | null }[] = [];
    vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
      calls.push({ url: input, auth: new Headers(init.headers).get('authorization') });
      if (input === '/api/me') return new Response(JSON.stringify({ member: null, setupNeeded: false, sso: false }));
      return new Response(
        JSON.stringify({
          id: 'copy',
          title: 'Refund journey (copy)',
          editorKey: 'E'.repeat(22),
          viewerKey: 'V'.repeat(22),
        }),
        { status: 201 },
      );
    });
    useAccount.setState({ me: { member: null, setupNeeded: false, sso: false } });
    await rememberMap({ id: 'src', title: 'Refund journey', key: 'k'.repeat(22), role: 'editor' });
    await rememberMap({ id: 'ro', title: 'Read only', key: 'r'.repeat(22), role: 'viewer' });
    render(<HomePage />);
    await screen.findByRole('link', { name: /Read only/ }, { timeout: 5000 });
    expect(screen.queryByRole('button', { name: 'Duplicate Read only' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Duplicate Refund journey' }));
    expect(await screen.findByRole('link', { name: /Refund journey \(copy\)/ }, { timeout: 5000 })).toHaveAttribute(
      'href',
      '/map/copy',
    );
    expect(calls).toContainEqual({ url: '/api/maps/src/duplicate', auth: `Bearer ${'k'.repeat(22)}` });
    expect(await getMyMap('copy')).toMatchObject({ key: 'E'.repeat(22), viewerKey: 'V'.repeat(22), role: 'editor' });
  });
});

describe('filterMaps', () => {
  const maps = [
    map('1', 'Città e bici', '2026-01-02T00:00:00Z', 'Zoe'),
    map('2', 'Ánother', '2026-01-03T00:00:00Z', 'Ada'),
    map('3', 'Beta', '2026-01-01T00:00:00Z', null),
  ];
  it('matches every word, ignoring case and accents, and orders by edit, title or owner', () => {
    expect(filterMaps(maps, 'citta BICI', 'updated').map((m) => m.id)).toEqual(['1']);
    expect(filterMaps(maps, '', 'updated').map((m) => m.id)).toEqual(['2', '1', '3']);
    expect(filterMaps(maps, '', 'title').map((m) => m.id)).toEqual(['2', '3', '1']);
    expect(filterMaps(maps, '', 'owner').map((m) => m.id)).toEqual(['3', '2', '1']);
  });
});
