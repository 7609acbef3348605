// Limits of websocket sync: messages per connection (a token bucket), frames a connection may send
// before its map is loaded, and open connections per client address. Each breach closes only the
// offending socket, with a code of closeCodes.ts, and never touches the other clients of the map.
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

import type { PresenceLimits } from './presence';

export interface SyncLimits {
  /** Messages a connection may send per second, sustained; 0: no limit. */
  messagesPerSecond: number;
  /** Messages a connection may send at once (the bucket's size; a new connection starts full). */
  messageBurst: number;
  /** Open sync connections per client address; 0: no limit. */
  connectionsPerIp: number;
  /** Peers whose X-Forwarded-For names the client (TRUSTED_PROXIES). */
  trustedProxies: readonly string[];
  /** Frames a connection may send while its map loads (they wait in memory); more closes it 4429. */
  framesBeforeReady: number;
  /** Bytes those frames may hold together. */
  bytesBeforeReady: number;
  /** Client ids one connection may speak for, and the size of one presence state (presence.ts). */
  presence: PresenceLimits;
}

/** A map loads in milliseconds: a client sends sync step 1 and its presence then, perhaps an edit or two. */
export const FRAMES_BEFORE_READY = 64;
export const BYTES_BEFORE_READY = 1024 * 1024;

/**
 * A token bucket: `rate` tokens a second up to `burst`; each message takes one. Starts full, so a
 * client's opening burst (sync step 1, presence, a queued offline change) always passes.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token; false when none is left (the caller refuses the message). Always true when rate is 0. */
  take(): boolean {
    if (this.rate <= 0) return true;
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Default TRUSTED_PROXIES: a reverse proxy (or a tool) on this host. */
export const LOOPBACK_PROXIES = ['127.0.0.0/8', '::1'];

/** An IP address or CIDR block (`10.0.0.0/8`, `2001:db8::/32`) as BlockList takes it, or null. */
function parseBlock(entry: string): { address: string; prefix: number | null; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', prefixText, extra] = entry.trim().split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return null;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) return { address, prefix: null, family };
  const prefix = Number(prefixText);
  return /^\d+$/.test(prefixText) && prefix <= (version === 4 ? 32 : 128) ? { address, prefix, family } : null;
}

export function isProxyEntry(entry: string): boolean {
  return parseBlock(entry) !== null;
}

/** The addresses whose X-Forwarded-For header is believed (TRUSTED_PROXIES). */
export function trustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const block = parseBlock(entry);
    if (!block) throw new Error(`not an address or CIDR block: ${entry}`);
    if (block.prefix === null) list.addAddress(block.address, block.family);
    else list.addSubnet(block.address, block.prefix, block.family);
  }
  return list;
}

/** Whether a peer address is one of the trusted proxies. */
export function isTrustedPeer(address: string, proxies: BlockList): boolean {
  const version = isIP(address);
  return version !== 0 && proxies.check(address, version === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The address a connection is counted under, or null when it is not limited. A peer that is a
 * trusted proxy (by default: loopback, a reverse proxy on this host) is counted under the last
 * address of `X-Forwarded-For` (the one that proxy appended). Without that header such a peer is not
 * limited — counting every user behind a proxy as one address would cap the whole server. The
 * header of any other peer is ignored: a client cannot choose the address it is counted under.
 */
export function clientAddress(req: IncomingMessage, proxies: BlockList): string | null {
  const peer = req.socket.remoteAddress ?? '';
  if (!isTrustedPeer(peer, proxies)) return peer || null;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .at(-1);
  return forwarded && isIP(forwarded) ? forwarded : null;
}

/** Open connections by client address. */
export class ConnectionCounter {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {}

  /**
   * Counts a new connection of `address`; returns the function that releases it (idempotent), or
   * null when the address already has `max` open (the caller refuses it). Unlimited: always counts.
   */
  acquire(address: string | null): (() => void) | null {
    if (address === null || this.max <= 0) return () => undefined;
    const n = this.open.get(address) ?? 0;
    if (n >= this.max) return null;
    this.open.set(address, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(address) ?? 1) - 1;
      if (left <= 0) this.open.delete(address);
      else this.open.set(address, left);
    };
  }

  /** Addresses with open connections (tests check that nothing leaks). */
  get addresses(): number {
    return this.open.size;
  }
}
