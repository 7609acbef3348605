// A node's comment thread: add, edit your own, resolve and reopen. `@Name` mentions an owner or
// someone present (suggested while typing).
import { memo, useState } from 'react';
import { useStore } from 'zustand';
import { Check, Pencil, RotateCcw } from 'lucide-react';
import { addComment, editComment, readComments, setCommentResolved, type Comment } from '../../model';
import { useMap } from '../../state/session';
import { useT } from '../../i18n';
import { MentionInput, useMentionNames } from './MentionInput';

export const CommentsSection = memo(function CommentsSection({ nodeId }: { nodeId: string }) {
  const t = useT();
  const { doc, store, readOnly, run, user } = useMap();
  // re-read when the doc changes (the store re-derives on every transaction)
  useStore(store, (state) => state.modelNodes);
  const comments = readComments(doc, nodeId);
  const names = useMentionNames();
  const [draft, setDraft] = useState('');
  const [showResolved, setShowResolved] = useState(false);
  const open = comments.filter((comment) => !comment.resolved);
  const resolved = comments.filter((comment) => comment.resolved);

  const post = () => {
    const text = draft.trim();
    if (!text) return;
    if (
      run(() => addComment(doc, { nodeId, text, author: user.name || 'Guest', authorId: user.id, knownNames: names }))
    )
      setDraft('');
  };

  return (
    <div className="comments" data-testid="comments">
      {comments.length === 0 && <p className="muted small">{t('comments.none')}</p>}
      <ul className="comment-list">
        {open.map((comment) => (
          <CommentItem key={comment.id} nodeId={nodeId} comment={comment} names={names} />
        ))}
      </ul>
      {resolved.length > 0 && (
        <button type="button" className="link-button" onClick={() => setShowResolved((value) => !value)}>
          {showResolved ? t('comments.hideResolved') : t('comments.showResolved', { n: resolved.length })}
        </button>
      )}
      {showResolved && (
        <ul className="comment-list is-resolved">
          {resolved.map((comment) => (
            <CommentItem key={comment.id} nodeId={nodeId} comment={comment} names={names} />
          ))}
        </ul>
      )}
      {!readOnly && (
        <div className="comment-compose">
          <MentionInput value={draft} onChange={setDraft} onSubmit={post} names={names} label={t('comments.new')} />
          <button type="button" className="primary" onClick={post} disabled={!draft.trim()}>
            {t('comments.post')}
          </button>
        </div>
      )}
    </div>
  );
});

function CommentItem({ nodeId, comment, names }: { nodeId: string; comment: Comment; names: string[] }) {
  const t = useT();
  const { doc, readOnly, run, user } = useMap();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(comment.text);
  const mine = comment.authorId === user.id;
  const save = () => {
    if (
      run(() => editComment(doc, { nodeId, commentId: comment.id, text: draft, editorId: user.id, knownNames: names }))
    )
      setEditing(false);
  };
  return (
    <li className="comment" data-testid="comment">
      <header>
        <strong>{comment.author}</strong>
        <time dateTime={comment.createdAt}>{new Date(comment.createdAt).toLocaleString()}</time>
        {comment.editedAt && <span className="muted small">{t('comments.edited')}</span>}
      </header>
      {editing ? (
        <div className="comment-compose">
          <MentionInput
            value={draft}
            onChange={setDraft}
            onSubmit={save}
            names={names}
            label={t('comments.editLabel')}
          />
          <button type="button" className="primary" onClick={save}>
            {t('comments.save')}
          </button>
        </div>
      ) : (
        <p className="comment-text">{highlightMentions(comment.text, comment.mentions)}</p>
      )}
      {!readOnly && (
        <div className="comment-actions">
          {mine && !editing && (
            <button
              type="button"
              className="icon-button"
              aria-label={t('comments.edit')}
              title={t('comments.edit')}
              onClick={() => setEditing(true)}
            >
              <Pencil size={14} aria-hidden />
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label={comment.resolved ? t('comments.reopen') : t('comments.resolve')}
            title={comment.resolved ? t('comments.reopen') : t('comments.resolve')}
            onClick={() => run(() => setCommentResolved(doc, nodeId, comment.id, !comment.resolved))}
          >
            {comment.resolved ? <RotateCcw size={14} aria-hidden /> : <Check size={14} aria-hidden />}
          </button>
        </div>
      )}
    </li>
  );
}

function highlightMentions(text: string, mentions: readonly string[]) {
  if (mentions.length === 0) return text;
  const pattern = new RegExp(
    `(@(?:${mentions.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}))`,
    'g',
  );
  return text.split(pattern).map((part, index) =>
    index % 2 === 1 ? (
      <mark key={index} className="mention">
        {part}
      </mark>
    ) : (
      part
    ),
  );
}
