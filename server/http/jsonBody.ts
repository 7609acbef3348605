// A route plugin's own JSON parser: a body limit of its own, and bad JSON answered as a 400
// 'invalid_json' that says nothing was done (Fastify's default answers a generic error).
import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors';

/** Replaces the plugin's JSON parser; `nothingDone` ends the message ("nothing was imported"). */
export function parseJsonBodies(app: FastifyInstance, bodyLimit: number, nothingDone: string): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      done(new HttpError(400, 'invalid_json', `The body is not valid JSON (${detail}); ${nothingDone}`), undefined);
    }
  });
}
