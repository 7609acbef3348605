// The one JSON error shape of the API: { error: { code, message } } (plus `details` where a route documents it).
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';

export type ErrorCode =
  | 'bad_request'
  | 'missing_key'
  | 'wrong_key'
  | 'editor_key_required'
  | 'not_found'
  | 'upgrade_required'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'range_not_satisfiable'
  | 'not_built'
  | 'internal'
  // ingest API
  | 'ingest_key_required'
  | 'invalid_json'
  | 'too_many_items'
  | 'no_valid_items'
  // a mutating request from a browser page of another origin (ALLOWED_ORIGINS)
  | 'origin_not_allowed'
  // a client address over a rate (map creation), with Retry-After
  | 'too_many_requests'
  // a Host header naming another site (DNS rebinding; PUBLIC_ORIGIN, ALLOWED_HOSTS)
  | 'host_not_allowed'
  // accounts: no session where one is needed, a wrong email or password, setup already done,
  // a member who is not an admin, an email that is already a member's, a used or unknown invite,
  // the last admin losing the role
  | 'sign_in_required'
  | 'wrong_credentials'
  | 'setup_done'
  | 'admin_required'
  | 'email_taken'
  | 'invite_invalid'
  | 'last_admin'
  // a media link's token that is expired, forged or for another file
  | 'invalid_token';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** Extra JSON under error.details (e.g. the per-item errors of an ingest request). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function sendError(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
  details?: unknown,
): FastifyReply {
  const error = details === undefined ? { code, message } : { code, message, details };
  return reply.code(status).type('application/json; charset=utf-8').send({ error });
}

function codeForStatus(status: number): ErrorCode {
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 404) return 'not_found';
  return status >= 500 ? 'internal' : 'bad_request';
}

const KEY_REFUSALS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'missing_key',
  'wrong_key',
  'editor_key_required',
  'ingest_key_required',
]);

/** Turns thrown HttpErrors, validation and body-parsing errors into the JSON shape; logs 5xx without request details. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
    if (err instanceof HttpError) {
      if (KEY_REFUSALS.has(err.code)) {
        // one warning per refused key, as for sync: the route and the code, never the key or the query
        request.log.warn(
          { method: request.method, path: (request.url.split('?')[0] ?? '').slice(0, 300), code: err.code },
          'key refused',
        );
      }
      return sendError(reply, err.status, err.code, err.message, err.details);
    }
    if (err.validation) return sendError(reply, 400, 'bad_request', err.message);
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err }, 'request failed');
      return sendError(reply, status, 'internal', 'Internal server error');
    }
    return sendError(reply, status, codeForStatus(status), err.message);
  });
}
