// An object URL for a media file, served from the browser's cache when it has it.
import { useEffect, useState } from 'react';
import { loadMediaBlob } from './media';

export function useMediaUrl(
  mapId: string,
  mapKey: string,
  hash: string | null,
): { url: string | null; failed: boolean } {
  const [state, setState] = useState<{ url: string | null; failed: boolean }>({ url: null, failed: false });
  useEffect(() => {
    if (!hash) return;
    let objectUrl: string | null = null;
    let cancelled = false;
    loadMediaBlob(mapId, mapKey, hash).then(
      (blob) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(blob);
        setState({ url: objectUrl, failed: false });
      },
      () => !cancelled && setState({ url: null, failed: true }),
    );
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [mapId, mapKey, hash]);
  return state;
}
