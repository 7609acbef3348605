// Every open comment thread of the map; clicking one goes to its node.
import { memo } from 'react';
import { useStore } from 'zustand';
import { MessageSquare } from 'lucide-react';
import { openThreads } from '../../model';
import { useMap } from '../../state/session';
import { showOnCanvas } from '../../state/showOnCanvas';
import { useT } from '../../i18n';

export const CommentsPanel = memo(function CommentsPanel() {
  const t = useT();
  const { doc, store } = useMap();
  const modelNodes = useStore(store, (state) => state.modelNodes); // re-read on every change
  const threads = openThreads(doc).filter((thread) => modelNodes.has(thread.nodeId));
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
              <li key={thread.nodeId}>
                <button type="button" className="thread" onClick={() => showOnCanvas(store, [thread.nodeId])}>
                  <span className="thread-node">
                    <MessageSquare size={14} aria-hidden /> {modelNodes.get(thread.nodeId)?.label}
                    <span className="badge is-comments">{thread.open.length}</span>
                  </span>
                  {latest && (
                    <span className="thread-latest">
                      <strong>{latest.author}:</strong> {latest.text}
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </aside>
  );
});
