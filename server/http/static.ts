// The built front end (dist/) with an SPA fallback: a GET outside /api and /sync that is not a file
// gets dist/index.html. Without a build, a 503 says how to make one. Unknown API routes get JSON 404.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendError } from './errors';

function isApiPath(url: string): boolean {
  return /^\/(api|sync)(\/|$|\?)/.test(url);
}

export async function staticRoutes(app: FastifyInstance, distDir: string): Promise<void> {
  const built = fs.existsSync(path.join(distDir, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: distDir, wildcard: true });

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
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}
