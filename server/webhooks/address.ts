// Which addresses a webhook may reach (issue 17, finding 2). By default none that is private,
// loopback, link-local (cloud metadata: 169.254.169.254, fd00:ec2::254), unspecified, shared,
// multicast or reserved: a webhook must not turn the server into a scanner of its own network.
// Checked on the address the connection actually uses (deliver.ts resolves the name itself and
// connects to the checked address), so a name that changes its answer (DNS rebinding) cannot slip
// through. WEBHOOK_ALLOW_PRIVATE=1 allows them for intranet receivers.
import dns from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const FORBIDDEN_V4: [string, number][] = [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 reaches the host itself
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // shared address space (carrier NAT; some clouds' metadata)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];
const FORBIDDEN_V6: [string, number][] = [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local (fd00:ec2::254 is a metadata address)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
];

const forbidden = new BlockList();
for (const [address, prefix] of FORBIDDEN_V4) forbidden.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of FORBIDDEN_V6) forbidden.addSubnet(address, prefix, 'ipv6');

/** The IPv4 address inside an IPv6 one that carries it (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::, 6to4 2002::), or null. */
function embeddedV4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted?.[1]) return dotted[1];
  const words = expandV6(lower);
  if (!words) return null;
  const v4 = (hi: number, lo: number): string => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const [w0, w1, w2, w3, w4, w5, w6, w7] = words as [number, number, number, number, number, number, number, number];
  if (w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0 && (w5 === 0xffff || w5 === 0) && (w6 !== 0 || w7 > 1))
    return v4(w6, w7);
  if (w0 === 0x64 && w1 === 0xff9b && w2 === 0 && w3 === 0 && w4 === 0 && w5 === 0) return v4(w6, w7);
  if (w0 === 0x2002) return v4(w1, w2);
  return null;
}

/** The eight 16-bit words of an IPv6 address (hex form, with ::), or null. */
function expandV6(address: string): number[] | null {
  if (address.includes('.')) return null;
  const [head = '', tail, extra] = address.split('::');
  if (extra !== undefined) return null;
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((w) => parseInt(w, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const fill = 8 - left.length - right.length;
  if (fill < 0 || (tail === undefined && fill !== 0)) return null;
  const words = [...left, ...Array<number>(fill).fill(0), ...right];
  return words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : null;
}

/** Whether `address` (an IP literal, IPv6 without brackets or zone) is one webhooks must not reach. Not an IP: true. */
export function isForbiddenAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const version = isIP(ip);
  if (version === 4) return forbidden.check(ip, 'ipv4');
  if (version !== 6) return true;
  const inner = embeddedV4(ip);
  if (inner !== null && forbidden.check(inner, 'ipv4')) return true;
  return forbidden.check(ip, 'ipv6');
}

/** A refusal to connect, with a message for the server's log (editors see only "failed"). */
export class ForbiddenAddressError extends Error {
  readonly code = 'EFORBIDDEN_ADDRESS';
  constructor(address: string) {
    super(`refused: ${address} is a private, loopback or link-local address (WEBHOOK_ALLOW_PRIVATE=1 allows it)`);
    this.name = 'ForbiddenAddressError';
  }
}

/**
 * A `lookup` for http.request: resolves the name like the default one and refuses when any answer is
 * forbidden, so the socket only ever connects to an address that was checked.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const list = addresses;
    const bad = list.find((a) => isForbiddenAddress(a.address));
    if (bad) return callback(new ForbiddenAddressError(bad.address), '', 0);
    if (options.all) return (callback as unknown as (e: null, all: dns.LookupAddress[]) => void)(null, list);
    const first = list[0];
    if (!first) return callback(new Error(`no address for ${hostname}`), '', 0);
    callback(null, first.address, first.family);
  });
};
