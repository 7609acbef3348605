// After a merge, says what moved: a card whose stage someone else removed while it was being added
// is put in a surviving stage by repairJourney (on the server or here); the person then reads which
// card went where instead of finding it somewhere else later.
import { useEffect } from 'react';
import * as Y from 'yjs';
import { LOCAL_USER, replacedConcurrently, roots } from '../model';
import { reportLostText, type LostTextContext } from '../state/lostText';
import { t } from '../i18n';
import { useUi } from '../state/uiStore';

export function useMergeNotices(doc: Y.Doc): void {
  useEffect(() => {
    const { nodes } = roots(doc);
    const labelOf = (id: unknown) => {
      const node = typeof id === 'string' ? nodes.get(id) : undefined;
      return node instanceof Y.Map ? String(node.get('label') ?? '') : '';
    };
    const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
      if (transaction.origin === LOCAL_USER) return;
      for (const event of events) {
        const card = event.target;
        if (!(card instanceof Y.Map) || card.get('kind') !== 'touchpoint') continue;
        const change = event.changes.keys.get('stageId');
        if (change?.action !== 'update') continue;
        const before = change.oldValue as unknown;
        const after = card.get('stageId');
        // only a move out of a stage that no longer exists; an ordinary move keeps quiet
        if (typeof before !== 'string' || nodes.has(before) || typeof after !== 'string') continue;
        const id = card._item?.parentSub;
        if (!id) continue;
        useUi.getState().notify(t('merge.cardMoved', { card: labelOf(id), stage: labelOf(after) }), 'info');
      }
    };
    nodes.observeDeep(onChange);
    return () => nodes.unobserveDeep(onChange);
  }, [doc]);
}

/**
 * After a merge, says whose text was replaced: when a remote rename made without seeing this person's
 * own rename (typed at the same time, or while one of them was offline) wins, this person reads the
 * text that won and theirs, and can put theirs back (src/state/lostText.ts).
 */
export function useLostTextNotices(context: LostTextContext): void {
  const { doc, awareness, run } = context;
  useEffect(() => {
    const { nodes } = roots(doc);
    const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
      if (transaction.local) return;
      for (const event of events) {
        const node = event.target;
        const change = event.changes.keys.get('label');
        if (!(node instanceof Y.Map) || change?.action !== 'update') continue;
        const id = node._item?.parentSub;
        if (!id || typeof change.oldValue !== 'string') continue;
        if (replacedConcurrently(node, 'label', doc.clientID)) {
          reportLostText({ doc, awareness, run }, id, change.oldValue);
        }
      }
    };
    nodes.observeDeep(onChange);
    return () => nodes.unobserveDeep(onChange);
  }, [doc, awareness, run]);
}
