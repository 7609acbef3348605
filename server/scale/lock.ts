// A lock with expiry in Redis, for work that one process at a time should do (compacting a map):
// SET key token NX PX ttl to take it, a Lua compare-and-delete to release only our own.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export class RedisLock {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'percorso:lock:',
  ) {}

  /** The token that releases the lock, or null if another holder has it. Rejects if Redis cannot answer. */
  async acquire(name: string, ttlMs: number): Promise<string | null> {
    const token = randomBytes(16).toString('hex');
    const result = await this.redis.set(this.prefix + name, token, 'PX', ttlMs, 'NX');
    return result === 'OK' ? token : null;
  }

  /** Releases the lock if it is still ours (it may have expired and been taken by another). */
  async release(name: string, token: string): Promise<boolean> {
    const deleted = await this.redis.eval(RELEASE, 1, this.prefix + name, token);
    return deleted === 1;
  }
}
