// Small helpers of the PostgreSQL store: transactions on one pooled connection, bytea conversions.
import type pg from 'pg';

/**
 * Runs `fn` with one pooled connection to itself. While a connection is checked out the pool does
 * not listen to its errors, and an unheard 'error' (the database went away) would end the process:
 * here it is heard, the running query fails with it, and the broken connection is discarded.
 */
export async function withClient<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error): void => {
    broken = err;
  };
  client.on('error', onError);
  try {
    return await fn(client);
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/** Runs `fn` in a transaction on one pooled connection; rolls back if it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  return withClient(pool, async (client) => {
    await client.query(begin);
    try {
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}

/** A Buffer view of the bytes (no copy), as `pg` sends bytea parameters. */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A Uint8Array view of a bytea value (no copy). */
export function toBytes(value: Buffer): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}
