// The header's mentions: a bell with the unread count; it opens the list of mentions, newest first.
// Opening one marks it read and goes to the comment. The list is the same for a member (the server's
// inbox, every map) and a guest (the comments of the open map that name them).
import { useEffect, useRef, useState } from 'react';
import { Bell, CheckCheck } from 'lucide-react';
import { useT } from '../../i18n';
import { relativeTime } from '../../ui/relativeTime';
import './inbox.css';

export interface InboxEntry {
  id: string;
  author: string;
  excerpt: string;
  createdAt: string;
  read: boolean;
  /** Where: the card's label, and the map's title when the list spans maps. */
  place: string;
}

export function InboxButton({
  entries,
  unread,
  onOpen,
  onMarkAllRead,
}: {
  entries: readonly InboxEntry[];
  unread: number;
  onOpen: (id: string) => void;
  onMarkAllRead: () => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const label = unread > 0 ? t('inbox.buttonUnread', { n: unread }) : t('inbox.button');
  return (
    <div className="inbox" ref={root}>
      <button
        ref={button}
        type="button"
        className="inbox-button"
        aria-label={label}
        title={label}
        aria-expanded={open}
        aria-haspopup="dialog"
        data-testid="inbox-button"
        onClick={() => setOpen((was) => !was)}
      >
        <Bell size={16} aria-hidden />
        {unread > 0 && (
          <span className="inbox-count" aria-hidden>
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div className="inbox-popover" role="dialog" aria-label={t('inbox.title')} data-testid="inbox">
          <header className="inbox-header">
            <h2>{t('inbox.title')}</h2>
            {unread > 0 && (
              <button type="button" className="inbox-mark-all" onClick={onMarkAllRead}>
                <CheckCheck size={14} aria-hidden /> {t('inbox.markAllRead')}
              </button>
            )}
          </header>
          {entries.length === 0 ? (
            <p className="muted inbox-empty">{t('inbox.empty')}</p>
          ) : (
            <ul className="inbox-list">
              {entries.map((entry) => (
                <li key={entry.id}>
                  <button
                    type="button"
                    className={`inbox-entry${entry.read ? '' : ' is-unread'}`}
                    onClick={() => {
                      setOpen(false);
                      onOpen(entry.id);
                    }}
                  >
                    <span className="inbox-entry-head">
                      {!entry.read && <span className="inbox-dot" aria-label={t('inbox.unread')} />}
                      <strong>{entry.author}</strong>
                      <span className="muted small">{relativeTime(t, Date.parse(entry.createdAt))}</span>
                    </span>
                    <span className="inbox-place small muted">{entry.place}</span>
                    <span className="inbox-excerpt">{entry.excerpt}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
