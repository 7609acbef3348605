// Bundles the server's TypeScript (server/ and the src/model it imports) into plain ESM in
// `dist-server/`, packages left as imports of node_modules. `npm start` runs the bundle, not the
// sources through tsx: tsx's loader thread and its transform cache cost about 30 MiB of RSS and
// its kept function names a helper call per closure. Lazily imported modules (the PostgreSQL store,
// the Redis relay) stay separate chunks, so their drivers load only when configured.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The newest modification time of a file, or of anything under a folder (0 if missing). */
export function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/**
 * Bundles `entry` (relative to the project root) into `outdir`/`name`.mjs when the bundle is
 * missing or older than `sources` (folders under the root); returns the bundle's path. `outdir` must sit directly under
 * the project root: the server finds the root as the parent of its own file's folder.
 */
export async function bundleNode(entry, outdir, name, sources = ['server', 'src']) {
  const out = join(ROOT, outdir, `${name}.mjs`);
  const inputs = [...sources, 'package-lock.json', 'scripts/buildServer.mjs'];
  const newest = Math.max(...inputs.map((p) => newestMtime(join(ROOT, p))));
  if (existsSync(out) && statSync(out).mtimeMs >= newest) return out;
  rmSync(join(ROOT, outdir), { recursive: true, force: true }); // no chunks of an older build left behind
  await build({
    entryPoints: { [name]: join(ROOT, entry) },
    outdir: join(ROOT, outdir),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  return out;
}

/** The production server: dist-server/main.mjs. */
export function buildServer() {
  return bundleNode('server/main.ts', 'dist-server', 'main');
}
