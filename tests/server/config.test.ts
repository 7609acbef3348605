// Parsing the environment into ServerConfig.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from '../../server/config';

describe('configFromEnv', () => {
  it('has the documented defaults', () => {
    const config = configFromEnv({});
    expect(config).toMatchObject({
      port: 5173,
      host: '0.0.0.0',
      maxFrameBytes: 8 * 1024 * 1024,
      logLevel: 'info',
      compactEvery: 500,
    });
    expect(config.dataDir).toBe(path.resolve('./data'));
  });

  it('reads every variable', () => {
    const config = configFromEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: '/tmp/x',
      MAX_FRAME_BYTES: '65536',
      LOG_LEVEL: 'WARN',
      COMPACT_EVERY: '10',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      dataDir: '/tmp/x',
      maxFrameBytes: 65536,
      logLevel: 'warn',
      compactEvery: 10,
    });
  });

  it('has header, request and idle timeouts and connection caps by default (issue 17)', () => {
    const config = configFromEnv({});
    expect(config).toMatchObject({
      httpHeadersTimeoutMs: 10_000,
      httpRequestTimeoutMs: 120_000,
      httpIdleTimeoutMs: 30_000,
      maxHttpConnectionsPerIp: 100,
      maxHttpConnections: 4096,
      mapsPerHourPerIp: 60,
      webhookAllowPrivate: false,
    });
    const set = configFromEnv({
      HTTP_HEADERS_TIMEOUT_MS: '2000',
      HTTP_REQUEST_TIMEOUT_MS: '3000',
      HTTP_IDLE_TIMEOUT_MS: '4000',
      MAX_HTTP_CONNECTIONS_PER_IP: '0',
      MAX_HTTP_CONNECTIONS: '10',
      MAX_MAPS_PER_HOUR: '0',
      WEBHOOK_ALLOW_PRIVATE: '1',
    });
    expect(set).toMatchObject({
      httpHeadersTimeoutMs: 2000,
      httpRequestTimeoutMs: 3000,
      httpIdleTimeoutMs: 4000,
      maxHttpConnectionsPerIp: 0,
      maxHttpConnections: 10,
      mapsPerHourPerIp: 0,
      webhookAllowPrivate: true,
    });
    expect(() => configFromEnv({ HTTP_REQUEST_TIMEOUT_MS: '0' })).toThrow(ConfigError);
    expect(() => configFromEnv({ WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(/WEBHOOK_ALLOW_PRIVATE/);
  });

  it('reads the mention e-mail settings, without echoing a password in an error', () => {
    expect(configFromEnv({}).accounts.mail).toBeNull();
    expect(configFromEnv({ SMTP_URL: 'smtp://u:p@mail.local:2525' }).accounts.mail).toEqual({
      url: 'smtp://u:p@mail.local:2525',
      from: 'Percorso <percorso@localhost>',
    });
    expect(configFromEnv({ SMTP_URL: 'smtps://mail.local', MAIL_FROM: 'Maps <m@x.io>' }).accounts.mail?.from).toBe(
      'Maps <m@x.io>',
    );
    expect(() => configFromEnv({ SMTP_URL: 'http://user:secret@mail.local' })).toThrow(/SMTP_URL/);
    expect(() => configFromEnv({ SMTP_URL: 'http://user:secret@mail.local' })).not.toThrow(/secret/);
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      configFromEnv({ PORT: 'eighty', MAX_FRAME_BYTES: '-1', LOG_LEVEL: 'loud' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(3);
    expect((error as ConfigError).message).toMatch(/PORT must be an integer/);
  });
});
