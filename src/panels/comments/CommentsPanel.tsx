// Every open comment thread of the map; clicking one goes to its node. A thread is resolved (or a
// resolved one reopened) from here too, as one undo step, without opening the card.
import { memo, useState } from 'react';
import { useStore } from 'zustand';
import { Check, MessageSquare, RotateCcw } from 'lucide-react';
import { openThreads, resolvedThreads, setThreadResolved, type Comment } from '../../model';
import { useMap } from '../../state/session';
import { showOnCanvas } from '../../state/showOnCanvas';
import { useT } from '../../i18n';

export const CommentsPanel = memo(function CommentsPanel() {
  const t = useT();
  const { doc, store, run, readOnly, undo } = useMap();
  const modelNodes = useStore(store, (state) => state.modelNodes); // re-read on every change
  const [showResolved, setShowResolved] = useState(false);
  const threads = openThreads(doc).filter((thread) => modelNodes.has(thread.nodeId));
  const closed = resolvedThreads(doc).filter((thread) => modelNodes.has(thread.nodeId));
  const labelOf = (nodeId: string) => modelNodes.get(nodeId)?.label ?? '';
  // a step of its own, even right after another click
  const setResolved = (nodeId: string, resolved: boolean) => {
    undo?.stopCapturing();
    run(() => setThreadResolved(doc, nodeId, resolved));
    undo?.stopCapturing();
  };
  return (
    <aside className="panel" aria-label={t('comments.panel')} data-testid="comments-panel">
      <header className="panel-header">
        <h2>{t('comments.panel')}</h2>
        <span className="muted small">
          {t('comments.openCount', { n: threads.reduce((sum, thread) => sum + thread.open.length, 0) })}
        </span>
      </header>
      {threads.length === 0 ? (
        <p className="muted panel-empty">{t('comments.noneOpen')}</p>
      ) : (
        <ul className="thread-list">
          {threads.map((thread) => (
            <ThreadRow
              key={thread.nodeId}
              label={labelOf(thread.nodeId)}
              count={thread.open.length}
              latest={thread.open.at(-1)}
              onShow={() => showOnCanvas(store, [thread.nodeId])}
              action={
                readOnly
                  ? null
                  : {
                      label: t('comments.resolveThread', { label: labelOf(thread.nodeId) }),
                      title: t('comments.resolve'),
                      reopen: false,
                      run: () => setResolved(thread.nodeId, true),
                    }
              }
            />
          ))}
        </ul>
      )}
      {closed.length > 0 && (
        <button type="button" className="link-button thread-toggle" onClick={() => setShowResolved((on) => !on)}>
          {showResolved ? t('comments.hideResolved') : t('comments.showResolved', { n: closed.length })}
        </button>
      )}
      {showResolved && closed.length > 0 && (
        <ul className="thread-list is-resolved" aria-label={t('comments.resolvedThreads')}>
          {closed.map((thread) => (
            <ThreadRow
              key={thread.nodeId}
              label={labelOf(thread.nodeId)}
              latest={thread.comments.at(-1)}
              onShow={() => showOnCanvas(store, [thread.nodeId])}
              action={
                readOnly
                  ? null
                  : {
                      label: t('comments.reopenThread', { label: labelOf(thread.nodeId) }),
                      title: t('comments.reopen'),
                      reopen: true,
                      run: () => setResolved(thread.nodeId, false),
                    }
              }
            />
          ))}
        </ul>
      )}
    </aside>
  );
});

/** One node's thread in the list: its card (shown on the canvas when clicked), the latest comment, resolve or reopen. */
function ThreadRow({
  label,
  count,
  latest,
  onShow,
  action,
}: {
  label: string;
  /** Open comments; absent for a resolved thread. */
  count?: number;
  latest: Comment | undefined;
  onShow: () => void;
  action: { label: string; title: string; reopen: boolean; run: () => void } | null;
}) {
  return (
    <li className="thread-row">
      <button type="button" className="thread" onClick={onShow}>
        <span className="thread-node">
          {count === undefined ? <Check size={14} aria-hidden /> : <MessageSquare size={14} aria-hidden />} {label}
          {count !== undefined && <span className="badge is-comments">{count}</span>}
        </span>
        {latest && (
          <span className="thread-latest">
            <strong>{latest.author}:</strong> {latest.text}
          </span>
        )}
      </button>
      {action && (
        <button
          type="button"
          className="icon-button thread-action"
          aria-label={action.label}
          title={action.title}
          onClick={action.run}
        >
          {action.reopen ? <RotateCcw size={16} aria-hidden /> : <Check size={16} aria-hidden />}
        </button>
      )}
    </li>
  );
}
