// A rename that lost to someone else's is never dropped silently: the person whose text was replaced
// reads who won, with which text, and their own text, and can put theirs back with one click.
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { lastWriterOf, roots, setLabel } from '../model';
import { cleanPresenceName } from '../sync/presence';
import { t } from '../i18n';
import { useUi } from './uiStore';

export interface LostTextContext {
  doc: Y.Doc;
  awareness?: Awareness;
  run: (action: () => unknown) => boolean;
}

/** The name others see for the client that wrote the node's label last, if they are still here. */
function writerName(doc: Y.Doc, awareness: Awareness | undefined, nodeId: string): string {
  const node = roots(doc).nodes.get(nodeId);
  const writer = node instanceof Y.Map ? lastWriterOf(node, 'label') : null;
  const user =
    writer === null ? undefined : (awareness?.getStates().get(writer)?.user as { name?: unknown } | undefined);
  const name = typeof user?.name === 'string' ? cleanPresenceName(user.name) : '';
  return name || t('merge.someone');
}

/** Tells this person that their text `mine` for the node's label lost to the label it has now. */
export function reportLostText(context: LostTextContext, nodeId: string, mine: string): void {
  const node = roots(context.doc).nodes.get(nodeId);
  if (!(node instanceof Y.Map)) return;
  const theirs = String(node.get('label') ?? '');
  if (!mine.trim() || mine.trim() === theirs.trim()) return;
  const who = writerName(context.doc, context.awareness, nodeId);
  useUi.getState().notify(t('merge.textLost', { who, theirs, mine }), 'info', {
    label: t('merge.useMine'),
    run: () => context.run(() => setLabel(context.doc, nodeId, mine)),
  });
}
