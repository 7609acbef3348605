// The built front end (dist/) with an SPA fallback: a GET outside /api, /sync and /assets that is not
// a file gets dist/index.html. Without a build, a 503 says how to make one. Unknown API routes get
// JSON 404, and so do unknown /assets/ files: a stale hashed chunk must not be answered with HTML.
// The build writes .br and .gz siblings (scripts/vitePrecompress.ts), sent to clients that accept them.
// /assets/ names carry a content hash, so they are cached for a year; everything else (index.html
// and the fallback among them) is revalidated on each use.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendError } from './errors';

const HASHED = 'public, max-age=31536000, immutable';

function isApiPath(url: string): boolean {
  return /^\/(api|sync)(\/|$|\?)/.test(url);
}

export async function staticRoutes(app: FastifyInstance, distDir: string): Promise<void> {
  const built = fs.existsSync(path.join(distDir, 'index.html'));
  const assetsDir = path.join(path.resolve(distDir), 'assets') + path.sep;
  if (built) {
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: true,
      preCompressed: true,
      // off in send, set here instead: send's own header would override one set in setHeaders
      cacheControl: false,
      setHeaders: (res, file) => {
        res.setHeader('cache-control', file.startsWith(assetsDir) ? HASHED : 'no-cache');
        res.setHeader('vary', 'Accept-Encoding'); // @fastify/static 9 does not add it for preCompressed
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const url = request.raw.url ?? '/';
    if (url.startsWith('/sync')) {
      return sendError(reply, 426, 'upgrade_required', 'Sync needs a websocket: ws(s)://HOST/sync/MAP_ID?key=KEY');
    }
    if (isApiPath(url) || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return sendError(reply, 404, 'not_found', 'No such route');
    }
    if (!built) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The Percorso front end is not built. Run `npm run build`, then restart the server.\n');
    }
    if (url.startsWith('/assets/')) return sendError(reply, 404, 'not_found', 'No such file');
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}
