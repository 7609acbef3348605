// GET /api/health: the process is up and serving.
import type { FastifyInstance } from 'fastify';

export function healthRoutes(app: FastifyInstance): void {
  app.get('/api/health', async () => ({ ok: true }));
}
