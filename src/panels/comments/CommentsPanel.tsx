// Every open comment thread of the map; clicking one goes to its node. A thread is resolved (or a
// resolved one reopened) from here too, as one undo step, without opening the card.
import { memo, useState } from 'react';
import { useStore } from 'zustand';
import { Check, MessageSquare, RotateCcw } from 'lucide-react';
import { openThreads, resolvedThreads, setThreadResolved } from '../../model';
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
          {threads.map((thread) => {
            const latest = thread.open.at(-1);
            return (
              <li key={thread.nodeId} className="thread-row">
                <button type="button" className="thread" onClick={() => showOnCanvas(store, [thread.nodeId])}>
                  <span className="thread-node">
                    <MessageSquare size={14} aria-hidden /> {labelOf(thread.nodeId)}
                    <span className="badge is-comments">{thread.open.length}</span>
                  </span>
                  {latest && (
                    <span className="thread-latest">
                      <strong>{latest.author}:</strong> {latest.text}
                    </span>
                  )}
                </button>
                {!readOnly && (
                  <button
                    type="button"
                    className="icon-button thread-action"
                    aria-label={t('comments.resolveThread', { label: labelOf(thread.nodeId) })}
                    title={t('comments.resolve')}
                    onClick={() => setResolved(thread.nodeId, true)}
                  >
                    <Check size={16} aria-hidden />
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {closed.length > 0 && (
        <button type="button" className="link-button thread-toggle" onClick={() => setShowResolved((on) => !on)}>
          {showResolved ? t('comments.hideResolved') : t('comments.showResolved', { n: closed.length })}
        </button>
      )}
      {showResolved && closed.length > 0 && (
        <ul className="thread-list is-resolved" aria-label={t('comments.resolvedThreads')}>
          {closed.map((thread) => {
            const latest = thread.comments.at(-1);
            return (
              <li key={thread.nodeId} className="thread-row">
                <button type="button" className="thread" onClick={() => showOnCanvas(store, [thread.nodeId])}>
                  <span className="thread-node">
                    <Check size={14} aria-hidden /> {labelOf(thread.nodeId)}
                  </span>
                  {latest && (
                    <span className="thread-latest">
                      <strong>{latest.author}:</strong> {latest.text}
                    </span>
                  )}
                </button>
                {!readOnly && (
                  <button
                    type="button"
                    className="icon-button thread-action"
                    aria-label={t('comments.reopenThread', { label: labelOf(thread.nodeId) })}
                    title={t('comments.reopen')}
                    onClick={() => setResolved(thread.nodeId, false)}
                  >
                    <RotateCcw size={16} aria-hidden />
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </aside>
  );
});
