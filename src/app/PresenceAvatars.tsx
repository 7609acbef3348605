// The people on this map, as avatars in the header. Clicking one follows their viewport (click
// again, or pan yourself, to stop).
import { memo } from 'react';
import { useStore } from 'zustand';
import type { PresenceStore } from '../state/presenceStore';
import { initials } from '../ui/initials';
import { useT } from '../i18n';

export const PresenceAvatars = memo(function PresenceAvatars({ presence }: { presence: PresenceStore }) {
  const t = useT();
  const peers = useStore(presence, (state) => state.peers);
  const following = useStore(presence, (state) => state.following);
  if (peers.length === 0) return null;
  const shown = peers.slice(0, 6);
  return (
    <div className="presence-avatars" aria-label={t('presence.here', { n: peers.length })} role="group">
      {shown.map((peer) => {
        const isFollowed = following === peer.clientId;
        return (
          <button
            key={peer.clientId}
            type="button"
            className={`presence-avatar ${isFollowed ? 'is-followed' : ''}`}
            style={{ background: peer.user.color }}
            aria-pressed={isFollowed}
            title={
              isFollowed
                ? t('presence.stopFollowing', { name: peer.user.name })
                : t('presence.follow', { name: peer.user.name })
            }
            aria-label={
              isFollowed
                ? t('presence.stopFollowing', { name: peer.user.name })
                : t('presence.follow', { name: peer.user.name })
            }
            onClick={() => presence.setState({ following: isFollowed ? null : peer.clientId })}
          >
            {initials(peer.user.name)}
          </button>
        );
      })}
      {peers.length > shown.length && <span className="presence-more">+{peers.length - shown.length}</span>}
      {following !== null && <span className="following-tag">{t('presence.following')}</span>}
    </div>
  );
});
