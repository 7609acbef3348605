// After a merge, says what moved: a card whose stage someone else removed while it was being added
// is put in a surviving stage by repairJourney (on the server or here); the person then reads which
// card went where instead of finding it somewhere else later.
import { useEffect } from 'react';
import * as Y from 'yjs';
import { LOCAL_USER, roots } from '../model';
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
