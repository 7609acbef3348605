// The inspector: edits every field of the selected node's kind through model commands. Two people
// editing the same node see each other's changes live (the fields follow the doc unless focused).
import { memo, useEffect } from 'react';
import { useStore } from 'zustand';
import { Trash2, X } from 'lucide-react';
import { readMedia, removeNode, setLabel, stageRemovalSummary, type JourneyNode } from '../model';
import { useMap } from '../state/session';
import { VIEW_ONLY_IDS } from '../state/viewTypes';
import { useUi } from '../state/uiStore';
import { useAfterPress } from '../state/pointerHeld';
import { reportLostText } from '../state/lostText';
import { useT, type MessageKey } from '../i18n';
import { Field, TextField } from '../ui/fields';
import { MediaSection } from './media/MediaSection';
import { CommentsSection } from './comments/CommentsSection';
import { NodeHistory } from './history/NodeHistory';
import { filesOf, startUploads } from '../state/uploads';
import { TouchpointFields } from './sections/TouchpointFields';
import { StageFields } from './sections/StageFields';
import { ChannelFields } from './sections/ChannelFields';
import { OwnerFields } from './sections/OwnerFields';
import { PersonaFields } from './sections/PersonaFields';
import { MetricsSection } from './metrics/MetricsSection';

const KIND_NAMES: Record<JourneyNode['kind'], MessageKey> = {
  stage: 'kind.stage',
  touchpoint: 'kind.touchpoint',
  channel: 'kind.channel',
  owner: 'kind.owner',
  persona: 'kind.persona',
  note: 'kind.note',
  need: 'kind.need',
};

/** The one selected node's id, or null (none, several, or only the lane grid). */
export function useSelectedNodeId(): string | null {
  const { store } = useMap();
  return useStore(store, (state) => {
    let found: string | null = null;
    for (const node of state.nodes) {
      if (!node.selected || VIEW_ONLY_IDS.has(node.id)) continue;
      if (found) return null;
      found = node.id;
    }
    return found;
  });
}

/**
 * The node the inspector shows: the selected one, except that a selection made by a press shows once
 * the press ends (a drag never opens the sidebar or mounts the fields in its first frames).
 */
export function useInspectedNodeId(): string | null {
  return useAfterPress(useSelectedNodeId());
}

export const Inspector = memo(function Inspector() {
  const t = useT();
  const { doc, store, readOnly, run, mapId, mapKey, awareness } = useMap();
  const id = useInspectedNodeId();
  const node = useStore(store, (state) => (id ? state.modelNodes.get(id) : undefined));
  const acceptsMedia = Boolean(node && node.kind !== 'note' && !readOnly);
  // Pasting files (a screenshot, say) while a node is selected attaches them to it.
  useEffect(() => {
    if (!id || !acceptsMedia) return;
    const onPaste = (event: ClipboardEvent) => {
      const files = filesOf(event.clipboardData);
      if (!files.length) return;
      event.preventDefault();
      startUploads(files, { doc, mapId, mapKey, nodeId: id });
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [id, acceptsMedia, doc, mapId, mapKey]);
  // a label field unmounted while focused never blurs: presence must not say "renaming" forever
  useEffect(() => () => useUi.setState({ renamingInPanel: null }), [id]);
  if (!id || !node) {
    return (
      <aside className="inspector nokey" aria-label={t('inspector.title')}>
        <p className="muted panel-empty">{t('inspector.empty')}</p>
      </aside>
    );
  }
  const close = () => store.applyNodeChanges([{ type: 'select', id, selected: false }]);
  const labelLabel =
    node.kind === 'note'
      ? t('inspector.text')
      : node.kind === 'owner' || node.kind === 'persona'
        ? t('inspector.name')
        : t('inspector.label');

  return (
    <aside className="inspector nokey" aria-label={t('inspector.title')} data-testid="inspector">
      <header className="inspector-header">
        <h2 className="inspector-kind">{t(KIND_NAMES[node.kind])}</h2>
        <button type="button" className="icon-button" aria-label={t('inspector.close')} onClick={close}>
          <X size={16} aria-hidden />
        </button>
      </header>
      <div className="inspector-body">
        <Field label={labelLabel}>
          {(fieldId) => (
            <TextField
              id={fieldId}
              value={node.label}
              readOnly={readOnly}
              allowEmpty={false}
              maxLength={200}
              multiline={node.kind === 'note'}
              onCommit={(value) => run(() => setLabel(doc, node.id, value))}
              onFocusChange={(on) => useUi.setState({ renamingInPanel: on ? node.id : null })}
              onLostRace={(mine) => reportLostText({ doc, awareness, run }, node.id, mine)}
            />
          )}
        </Field>
        {node.kind === 'touchpoint' && <TouchpointFields touchpoint={node} />}
        {node.kind === 'stage' && <StageFields stage={node} />}
        {node.kind === 'channel' && <ChannelFields channel={node} />}
        {node.kind === 'owner' && <OwnerFields owner={node} />}
        {node.kind === 'persona' && <PersonaFields persona={node} />}
        {(node.kind === 'touchpoint' || node.kind === 'channel' || node.kind === 'stage') && (
          <MetricsSection key={node.id} nodeId={node.id} kind={node.kind} />
        )}
        {node.kind !== 'note' && (
          <section className="inspector-section">
            <h3>{t('inspector.media')}</h3>
            <MediaSection nodeId={node.id} media={readMedia(doc, node.id)} />
          </section>
        )}
        <section className="inspector-section">
          <h3>{t('comments.title')}</h3>
          <CommentsSection nodeId={node.id} />
        </section>
        {/* history lives on the server: a map without a connection (tests, previews) has none */}
        {awareness && <NodeHistory key={node.id} nodeId={node.id} />}
        {!readOnly && (
          <button
            type="button"
            className="danger-button"
            onClick={() =>
              // a stage holding touchpoints asks what to do with them first (the canvas's StageDeleteDialog)
              node.kind === 'stage' && stageRemovalSummary(doc, node.id).touchpoints.length > 0
                ? useUi.getState().askToDeleteStage(node.id)
                : run(() => removeNode(doc, node.id))
            }
          >
            <Trash2 size={15} aria-hidden /> {t('inspector.remove', { kind: t(KIND_NAMES[node.kind]).toLowerCase() })}
          </button>
        )}
      </div>
    </aside>
  );
});
