// Parsing the environment into ServerConfig.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from '../../server/config';

describe('configFromEnv', () => {
  it('has the documented defaults', () => {
    const config = configFromEnv({});
    expect(config).toMatchObject({ port: 5173, host: '0.0.0.0', maxFrameBytes: 8 * 1024 * 1024, logLevel: 'info', compactEvery: 500 });
    expect(config.dataDir).toBe(path.resolve('./data'));
  });

  it('reads every variable', () => {
    const config = configFromEnv({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: '/tmp/x', MAX_FRAME_BYTES: '65536', LOG_LEVEL: 'WARN', COMPACT_EVERY: '10' });
    expect(config).toMatchObject({ port: 0, host: '127.0.0.1', dataDir: '/tmp/x', maxFrameBytes: 65536, logLevel: 'warn', compactEvery: 10 });
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
