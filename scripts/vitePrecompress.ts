// Build-only Vite plugin: once the bundle is written, every compressible file of the output
// directory over 1 KiB gets a brotli (.br, quality 11) and a gzip (.gz, level 9) sibling, which the
// server sends as is to clients that accept them (server/http/static.ts, @fastify/static preCompressed).
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json)$/; // not .map: source maps are only fetched by devtools
const MIN_BYTES = 1024;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

async function compressFile(file: string): Promise<void> {
  const raw = await fs.readFile(file);
  if (raw.length <= MIN_BYTES) return;
  const { BROTLI_PARAM_QUALITY, BROTLI_PARAM_MODE, BROTLI_MODE_TEXT, BROTLI_PARAM_SIZE_HINT } = zlib.constants;
  const [br, gz] = await Promise.all([
    brotli(raw, {
      params: {
        [BROTLI_PARAM_QUALITY]: 11,
        [BROTLI_PARAM_MODE]: BROTLI_MODE_TEXT,
        [BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
    gzip(raw, { level: 9 }),
  ]);
  await Promise.all([fs.writeFile(`${file}.br`, br), fs.writeFile(`${file}.gz`, gz)]);
}

export function precompress(): Plugin {
  return {
    name: 'percorso:precompress',
    apply: 'build',
    // zlib's async calls run on the libuv thread pool, so the files compress in parallel
    async writeBundle(options) {
      const outDir = options.dir;
      if (!outDir) return;
      const files = (await fs.readdir(outDir, { recursive: true })).filter((file) => COMPRESSIBLE.test(file));
      await Promise.all(files.map((file) => compressFile(path.join(outDir, file))));
    },
  };
}
