// Says, over an open map, that it is the browser's own copy while the server cannot be reached:
// opened offline (the page itself came from the service worker, the map from IndexedDB) or gone
// offline while open. A polite live region, so a screen reader hears it once, not on every retry.
import { CloudOff } from 'lucide-react';
import type { ConnectionStatus } from '../sync/connection';
import { useT } from '../i18n';

export function OfflineNotice({ status, openedOffline }: { status: ConnectionStatus; openedOffline: boolean }) {
  const t = useT();
  const offline = status === 'offline' || (openedOffline && status === 'connecting');
  return (
    <div role="status" className="offline-notice-region">
      {offline && (
        <p className="banner is-warning offline-notice" data-testid="offline-notice">
          <CloudOff size={14} aria-hidden /> {t(openedOffline ? 'offline.fromCopy' : 'offline.reconnecting')}
        </p>
      )}
    </div>
  );
}
