// A short-lived link to one media file for src/href attributes (never a map key in the URL):
// fetched from the server, fetched again shortly before it expires (`renew`), or when the element
// using it reports an error (`refresh`: a player keeps its link while playing, so it is not renewed
// under it).
import { useCallback, useEffect, useState } from 'react';
import { fetchMediaLink } from './media';

/** Ask for a new link this long before the old one expires. */
const RENEW_BEFORE_MS = 60_000;

export function useMediaLink(
  mapId: string,
  mapKey: string,
  hash: string,
  options: { renew: boolean },
): { url: string | null; failed: boolean; refresh: () => void } {
  const [state, setState] = useState<{ url: string | null; expiresAt: number; failed: boolean }>({
    url: null,
    expiresAt: 0,
    failed: false,
  });
  const [generation, setGeneration] = useState(0);
  const refresh = useCallback(() => setGeneration((n) => n + 1), []);

  useEffect(() => {
    let cancelled = false;
    fetchMediaLink(mapId, mapKey, hash).then(
      (link) => !cancelled && setState({ url: link.url, expiresAt: Date.parse(link.expiresAt), failed: false }),
      () => !cancelled && setState({ url: null, expiresAt: 0, failed: true }),
    );
    return () => {
      cancelled = true;
    };
  }, [mapId, mapKey, hash, generation]);

  const { renew } = options;
  useEffect(() => {
    if (!renew || !state.expiresAt) return;
    const timer = setTimeout(refresh, Math.max(1000, state.expiresAt - Date.now() - RENEW_BEFORE_MS));
    return () => clearTimeout(timer);
  }, [renew, state.expiresAt, refresh]);

  return { url: state.url, failed: state.failed, refresh };
}
