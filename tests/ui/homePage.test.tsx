import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { HomePage } from '../../src/app/HomePage';
import { db } from '../../src/db/db';
import { rememberMap, rememberOpenedMap, getMyMap } from '../../src/db/myMaps';

describe('home page: my maps', () => {
  beforeEach(async () => {
    await db.maps.clear();
  });

  it('shows an empty state when this browser knows no maps', async () => {
    render(<HomePage />);
    expect(await screen.findByText(/No maps yet/)).toBeInTheDocument();
  });

  it('lists remembered maps, most recent first, and removes one from the list', async () => {
    await rememberMap({ id: 'older', title: 'Refund journey', key: 'k'.repeat(22), role: 'viewer' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await rememberMap({ id: 'newer', title: 'Buying a bike', key: 'e'.repeat(22), role: 'editor' });
    render(<HomePage />);
    // Dexie's live query answers after a few event-loop turns: on a busy machine more than the default 1 s
    const links = await screen.findAllByRole('link', { name: /journey|bike/ }, { timeout: 5000 });
    expect(links.map((link) => link.textContent)).toEqual([
      expect.stringContaining('Buying a bike'),
      expect.stringContaining('Refund journey'),
    ]);
    expect(links[0]).toHaveAttribute('href', '/map/newer');
    fireEvent.click(screen.getByRole('button', { name: 'Remove Refund journey from my maps' }));
    await waitFor(() => expect(screen.queryByText('Refund journey')).toBeNull());
    expect(await db.maps.count()).toBe(1);
  });

  it('offers Undo after removing a map from the list, which puts it back with its keys', async () => {
    await rememberMap({
      id: 'undo-me',
      title: 'Refund journey',
      key: 'k'.repeat(22),
      role: 'editor',
      viewerKey: 'v'.repeat(22),
    });
    const before = await getMyMap('undo-me');
    render(<HomePage />);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Remove Refund journey from my maps' }, { timeout: 5000 }),
    );
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('Removed “Refund journey” from my maps');
    await waitFor(() => expect(screen.queryByRole('link', { name: /Refund journey/ })).toBeNull());
    expect(await getMyMap('undo-me')).toBeUndefined();
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('link', { name: /Refund journey/ }, { timeout: 5000 })).toHaveAttribute(
      'href',
      '/map/undo-me',
    );
    expect(await getMyMap('undo-me')).toEqual(before);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('asks for a title before creating a map', async () => {
    render(<HomePage />);
    fireEvent.click(screen.getByRole('button', { name: 'Create map' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/Give the map a title/);
  });

  it('never downgrades an editor key to a viewer key when a viewer link is opened', async () => {
    await rememberMap({ id: 'm', title: 'Map', key: 'editor-key-000000000', role: 'editor' });
    await rememberOpenedMap({ id: 'm', title: 'Map', key: 'viewer-key-000000000', role: 'viewer' });
    expect(await getMyMap('m')).toMatchObject({ key: 'editor-key-000000000', role: 'editor' });
  });
});

describe('my maps keep what only this browser knows', () => {
  it('keeps the viewer key of the map’s creator when the map is opened again', async () => {
    await db.maps.clear();
    await rememberMap({
      id: 'mine',
      title: 'Map',
      key: 'editor-key-000000000',
      role: 'editor',
      viewerKey: 'viewer-key-000000000',
    });
    await rememberOpenedMap({ id: 'mine', title: 'Renamed map', key: 'editor-key-000000000', role: 'editor' });
    expect(await getMyMap('mine')).toMatchObject({ title: 'Renamed map', viewerKey: 'viewer-key-000000000' });
  });
});
