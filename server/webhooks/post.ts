// One webhook POST through node:http(s): the host name is resolved by guardedLookup, so the socket
// connects only to an address that was checked (address.ts); an IP literal is checked before any
// connection. Redirects are answers (never followed); the answer's body is not read.
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { ForbiddenAddressError, guardedLookup, isForbiddenAddress } from './address';

export interface PostOptions {
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  /** WEBHOOK_ALLOW_PRIVATE: skip the address check. */
  allowPrivate: boolean;
}

/** Resolves with the answer's HTTP status; rejects when no answer came (refused address, connection, timeout). */
export function postWebhook(target: string, options: PostOptions): Promise<number> {
  const url = new URL(target);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivate && isIP(host) !== 0 && isForbiddenAddress(host))
    return Promise.reject(new ForbiddenAddressError(host));
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-length': String(Buffer.byteLength(options.body)) },
        signal: options.signal,
        agent: false, // one connection per attempt: no pooled socket to an address resolved earlier
        ...(options.allowPrivate ? {} : { lookup: guardedLookup }),
      },
      (res) => {
        resolve(res.statusCode ?? 0);
        res.destroy();
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
