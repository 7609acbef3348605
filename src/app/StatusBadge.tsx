// Connection status in the header: connected, connecting, offline, or refused (with the reason).
import { CloudOff, Loader, Wifi, Ban } from 'lucide-react';
import type { ConnectionState } from '../sync/connection';

const LOOK = {
  connected: { icon: Wifi, text: 'Connected', title: 'Changes are saved on the server and shared live.' },
  connecting: { icon: Loader, text: 'Connecting…', title: 'Reaching the server.' },
  offline: { icon: CloudOff, text: 'Offline', title: 'The server cannot be reached; Percorso keeps trying.' },
  refused: { icon: Ban, text: 'Refused', title: '' },
} as const;

export function StatusBadge({ state }: { state: ConnectionState }) {
  const look = LOOK[state.status];
  const Icon = look.icon;
  return (
    <span className={`status-badge is-${state.status}`} title={state.refusal ?? look.title} data-testid="connection-status" data-status={state.status}>
      <Icon size={14} aria-hidden /> {look.text}
    </span>
  );
}
