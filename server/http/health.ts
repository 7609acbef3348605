// GET /api/health: 200 { ok: true } when the process serves and its storage can write; 503
// { ok: false, reason } when it cannot (a read-only database: every edit would be refused).
import type { FastifyInstance } from 'fastify';
import type { StorageHealth } from '../storage/writable';

export function healthRoutes(app: FastifyInstance, storage: StorageHealth): void {
  app.get('/api/health', async (_request, reply) => {
    const problem = await storage.problem();
    if (problem) return reply.code(503).send({ ok: false, reason: problem });
    return { ok: true };
  });
}
