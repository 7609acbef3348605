// Issue 17, finding 6: anonymous map creation is rate-limited per client address (MAX_MAPS_PER_HOUR),
// with a clear 429 and Retry-After; other addresses and loopback without a proxy header are not held up.
import { describe, expect, it } from 'vitest';
import { WindowLimit } from '../../server/http/windowLimit';
import { startTestServer } from './helpers/testServer';

async function create(
  url: string,
  forwardedFor?: string,
): Promise<{ status: number; retryAfter: string | null; body: { error?: { code: string; message: string } } }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
  const res = await fetch(`${url}/api/maps`, { method: 'POST', headers, body: JSON.stringify({ title: 'Flood' }) });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as { error?: { code: string; message: string } },
  };
}

describe('map creation rate limit', () => {
  it('answers 429 with Retry-After once an address created its hourly share; other addresses still create', async () => {
    const t = await startTestServer({ mapsPerHourPerIp: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await create(t.url, '203.0.113.7')).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    const refused = await create(t.url, '203.0.113.7');
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe('too_many_requests');
    const seconds = Number(refused.retryAfter);
    expect(seconds).toBeGreaterThan(3500);
    expect(seconds).toBeLessThanOrEqual(3600);
    expect((await create(t.url, '203.0.113.8')).status).toBe(201);
    expect(t.logText()).toContain('too many maps created from one address');
  });

  it('is on by default', async () => {
    const t = await startTestServer();
    let status = 0;
    for (let i = 0; i < 200 && status !== 429; i++) status = (await create(t.url, '198.51.100.9')).status;
    expect(status).toBe(429);
  });

  it('forgets an address once its window passed', () => {
    let now = 0;
    const limit = new WindowLimit(2, 1000, () => now);
    expect([limit.take('a'), limit.take('a'), limit.take('a')]).toEqual([0, 0, 1000]);
    now = 600;
    expect(limit.take('a')).toBe(400);
    now = 1001;
    expect(limit.take('a')).toBe(0);
    now = 5000;
    limit.take('b');
    expect(limit.size).toBe(1);
    expect(limit.take(null)).toBe(0);
  });
});
