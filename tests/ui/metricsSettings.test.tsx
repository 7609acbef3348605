// Map settings: the ingest key is made and shown once with a curl example; webhooks are listed with
// their last delivery, added (secret shown once) and removed — against a stand-in of the HTTP API.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import * as Y from 'yjs';
import { MapContext } from '../../src/state/session';
import { createJourneyStore } from '../../src/state/journeyStore';
import { MapSettingsButton } from '../../src/panels/settings/MapSettingsButton';
import type { Webhook } from '../../src/sync/metricsApi';

interface Call {
  method: string;
  path: string;
  auth: string | null;
  body: unknown;
}

function fakeApi() {
  const calls: Call[] = [];
  let hooks: Webhook[] = [
    {
      id: 'h1',
      url: 'https://crm.example.com/hook',
      createdAt: '2024-03-01T10:00:00.000Z',
      lastResult: 'failed',
      attempts: 4,
      lastAttemptAt: '2024-03-02T10:00:00.000Z',
    },
  ];
  const json = (status: number, body: unknown) =>
    new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    calls.push({
      method,
      path: input,
      auth: headers.get('Authorization'),
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    });
    if (input.endsWith('/ingest-key'))
      return method === 'POST'
        ? json(200, { ingestKey: 'NEW-INGEST-KEY', rotatedAt: '2024-03-03T10:00:00.000Z' })
        : json(200, { exists: false, rotatedAt: null });
    if (input.endsWith('/webhooks') && method === 'GET') return json(200, { webhooks: hooks });
    if (input.endsWith('/webhooks') && method === 'POST') {
      const url = (calls[calls.length - 1]?.body as { url: string }).url;
      hooks = [
        ...hooks,
        { id: 'h2', url, createdAt: '2024-03-03T10:00:00.000Z', lastResult: null, attempts: 0, lastAttemptAt: null },
      ];
      return json(201, { id: 'h2', url, secret: 'SIGNING-SECRET', createdAt: '2024-03-03T10:00:00.000Z' });
    }
    if (method === 'DELETE') {
      hooks = hooks.filter((h) => !input.endsWith(`/webhooks/${h.id}`));
      return new Response(null, { status: 204 });
    }
    return json(404, { error: { code: 'not_found', message: 'No such route' } });
  });
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

function renderSettings() {
  const doc = new Y.Doc();
  const store = createJourneyStore(doc);
  render(
    <MapContext.Provider
      value={{
        mapId: 'map1',
        mapKey: 'EDITOR',
        doc,
        store,
        user: { id: 'u', name: 'Tester', color: '#2b4c7e' },
        readOnly: false,
        run: () => true,
      }}
    >
      <MapSettingsButton editorKey="EDITOR" />
    </MapContext.Provider>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  return within(screen.getByTestId('map-settings'));
}

describe('map settings', () => {
  it('makes an ingest key and shows it once with a curl example', async () => {
    const calls = fakeApi();
    const dialog = renderSettings();
    expect(await dialog.findByText('This map has no API key yet.')).toBeInTheDocument();
    fireEvent.click(dialog.getByRole('button', { name: 'Create a key' }));
    expect(await dialog.findByTestId('ingest-key')).toHaveTextContent('NEW-INGEST-KEY');
    const curl = dialog.getByTestId('curl-example').textContent ?? '';
    expect(curl).toContain("/api/maps/map1/metrics'");
    expect(curl).toContain("Authorization: Bearer NEW-INGEST-KEY'");
    expect(calls.filter((c) => c.path === '/api/maps/map1/ingest-key').map((c) => [c.method, c.auth])).toEqual([
      ['GET', 'Bearer EDITOR'],
      ['POST', 'Bearer EDITOR'],
    ]);
  });

  it('lists webhooks with their last failure, adds one (secret shown once) and removes one', async () => {
    const calls = fakeApi();
    const dialog = renderSettings();
    const list = within(await dialog.findByTestId('hook-list'));
    expect(list.getByText(/Last delivery failed · attempts: 4/)).toBeInTheDocument();
    expect(list.queryByText(/HTTP/)).toBeNull(); // only delivered or failed: never the receiver's status
    fireEvent.change(dialog.getByLabelText('Webhook address'), { target: { value: 'https://ops.example.com/alerts' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Add' }));
    expect(await dialog.findByText('SIGNING-SECRET')).toBeInTheDocument();
    expect(await dialog.findByText('https://ops.example.com/alerts')).toBeInTheDocument();
    expect(dialog.getByText('Nothing delivered yet')).toBeInTheDocument();
    fireEvent.click(dialog.getByRole('button', { name: 'Remove the webhook https://crm.example.com/hook' }));
    await vi.waitFor(() => expect(dialog.queryByText('https://crm.example.com/hook')).toBeNull());
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/maps/map1/webhooks/h1')).toBe(true);
  });
});
