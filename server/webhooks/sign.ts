// Webhook signatures: HMAC-SHA256 of the exact raw body with the hook's secret, sent as
// `X-Percorso-Signature: sha256=<hex>`. Receivers recompute it over the bytes they received.
import { createHmac, randomBytes } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-percorso-signature';

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** 256 random bits, hex: a hook's secret. */
export function newSecret(): string {
  return randomBytes(32).toString('hex');
}
