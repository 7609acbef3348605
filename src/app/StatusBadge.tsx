// Connection status in the header: connected, connecting, offline, or refused (with the reason).
import { CloudOff, Loader, Wifi, Ban } from 'lucide-react';
import type { ConnectionState } from '../sync/connection';
import { useT, type MessageKey, type Translate } from '../i18n';

const LOOK = {
  connected: { icon: Wifi, text: 'status.connected', title: 'status.connectedHint' },
  connecting: { icon: Loader, text: 'status.connecting', title: 'status.connectingHint' },
  offline: { icon: CloudOff, text: 'status.offline', title: 'status.offlineHint' },
  refused: { icon: Ban, text: 'status.refused', title: 'status.refused' },
} as const satisfies Record<ConnectionState['status'], { icon: unknown; text: MessageKey; title: MessageKey }>;

const REFUSALS: Record<number, MessageKey> = {
  4401: 'refusal.4401',
  4403: 'refusal.4403',
  4404: 'refusal.4404',
  4410: 'refusal.4410',
  4411: 'refusal.4411',
};

/** Why the server refused the connection, in the reader's language. */
export function describeRefusal(t: Translate, refusal: { code: number; reason: string }): string {
  const key = REFUSALS[refusal.code];
  return key ? t(key) : refusal.reason || t('refusal.other', { code: refusal.code });
}

export function StatusBadge({ state }: { state: ConnectionState }) {
  const t = useT();
  const look = LOOK[state.status];
  const Icon = look.icon;
  return (
    <span
      className={`status-badge is-${state.status}`}
      title={state.refusal ? describeRefusal(t, state.refusal) : t(look.title)}
      data-testid="connection-status"
      data-status={state.status}
    >
      <Icon size={14} aria-hidden /> {t(look.text)}
    </span>
  );
}
