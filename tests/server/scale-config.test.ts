// DATABASE_URL and REDIS_URL: scale-out is switched on by the environment, and checked at start.
import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from '../../server/config';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    configFromEnv(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('scale-out configuration', () => {
  it('is off by default: SQLite in DATA_DIR, no relay', () => {
    expect(configFromEnv({})).toMatchObject({ databaseUrl: null, redisUrl: null });
  });

  it('reads DATABASE_URL and REDIS_URL', () => {
    const config = configFromEnv({
      DATABASE_URL: 'postgres://percorso:pw@db:5432/percorso',
      REDIS_URL: 'redis://cache:6379/0',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://percorso:pw@db:5432/percorso',
      redisUrl: 'redis://cache:6379/0',
    });
    expect(configFromEnv({ DATABASE_URL: 'postgresql://db/p' }).databaseUrl).toBe('postgresql://db/p'); // PostgreSQL alone: one process
  });

  it('refuses other schemes without echoing the URL, and Redis without PostgreSQL', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://root:secret@db/p', REDIS_URL: 'http://cache' });
    expect(problems).toHaveLength(2);
    expect(problems.join(' ')).not.toContain('secret');
    expect(problemsOf({ REDIS_URL: 'redis://cache:6379' })).toEqual([
      expect.stringMatching(/REDIS_URL needs DATABASE_URL/),
    ]);
  });
});
