// Share links carry the key in the URL fragment (#key=…), which browsers never send to the server.
export function mapLink(origin: string, mapId: string, key: string): string {
  return `${origin}/map/${encodeURIComponent(mapId)}#key=${encodeURIComponent(key)}`;
}

export function keyFromHash(hash: string): string | null {
  const key = new URLSearchParams(hash.replace(/^#/, '')).get('key');
  return key && /^[A-Za-z0-9_-]{16,128}$/.test(key) ? key : null;
}
