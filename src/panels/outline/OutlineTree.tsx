// The outline drawn as a WAI-ARIA tree: stages (level 1) holding their touchpoints (level 2). One row
// is in the tab order at a time (roving tabindex); each row is named by its own line, not its children.
import { ChevronDown, ChevronRight } from 'lucide-react';
import { useT, type Translate } from '../../i18n';
import { OutlineField } from './OutlineField';
import { UNASSIGNED_ROW, type OutlineStage, type OutlineTouchpoint } from './outlineModel';

export type OutlineEditing =
  { mode: 'rename'; id: string } | { mode: 'addTouchpoint'; stageId: string | null } | { mode: 'addStage' } | null;

export interface OutlineTreeProps {
  outline: readonly OutlineStage[];
  collapsed: ReadonlySet<string>;
  activeId: string | null;
  editing: OutlineEditing;
  describedBy: string;
  itemRef: (id: string, element: HTMLElement | null) => void;
  onRowFocus: (id: string) => void;
  onToggle: (id: string) => void;
  onRename: (id: string, label: string) => void;
  onAdd: (stageId: string | null, label: string) => void;
  onAddStage: (label: string) => void;
  onEditEnd: () => void;
}

function stageName(t: Translate, stage: OutlineStage): string {
  const n = stage.touchpoints.length;
  if (stage.id === null) return t('outline.unassignedName', { n });
  return stage.owner
    ? t('outline.stageName', { label: stage.label, owner: stage.owner, n })
    : t('outline.stageNameNoOwner', { label: stage.label, n });
}

function touchpointName(t: Translate, touchpoint: OutlineTouchpoint): string {
  const name = touchpoint.channel
    ? t('outline.touchpointName', { label: touchpoint.label, channel: touchpoint.channel })
    : t('outline.touchpointNameNoChannel', { label: touchpoint.label });
  return touchpoint.lane === 'back' ? `${name}, ${t('outline.backstage')}` : name;
}

export function OutlineTree(props: OutlineTreeProps) {
  const { outline, collapsed, activeId, editing, describedBy, itemRef, onRowFocus, onToggle } = props;
  const t = useT();
  const rowProps = (id: string, level: number, size: number, position: number, name: string) => ({
    ref: (element: HTMLElement | null) => itemRef(id, element),
    role: 'treeitem',
    'aria-level': level,
    'aria-setsize': size,
    'aria-posinset': position,
    'aria-label': name,
    'aria-selected': id === activeId,
    tabIndex: id === activeId ? 0 : -1,
    'data-outline-id': id,
    onFocus: (event: { target: EventTarget; currentTarget: EventTarget }) => {
      if (event.target === event.currentTarget) onRowFocus(id);
    },
  });
  const field = (initial: string, label: string, onCommit: (text: string) => void) => (
    <OutlineField initial={initial} label={label} onCommit={onCommit} onCancel={props.onEditEnd} />
  );

  return (
    <ul role="tree" className="outline-tree" aria-label={t('outline.tree')} aria-describedby={describedBy}>
      {outline.map((stage, stageIndex) => {
        const rowId = stage.id ?? UNASSIGNED_ROW;
        const open = !collapsed.has(rowId);
        const label = stage.id === null ? t('outline.unassigned') : stage.label;
        const renaming = editing?.mode === 'rename' && editing.id === rowId;
        const adding = editing?.mode === 'addTouchpoint' && editing.stageId === stage.id;
        return (
          <li
            key={rowId}
            {...rowProps(rowId, 1, outline.length, stageIndex + 1, stageName(t, stage))}
            aria-expanded={open}
            className={`outline-stage ${stage.id === null ? 'is-unassigned' : ''}`}
          >
            <div className="outline-row">
              <button
                type="button"
                className="outline-toggle icon-button"
                tabIndex={-1}
                aria-hidden
                onClick={() => onToggle(rowId)}
              >
                {open ? <ChevronDown size={14} /> : <ChevronRight size={14} />}
              </button>
              {renaming ? (
                field(label, t('outline.renameField', { label }), (text) => props.onRename(rowId, text))
              ) : (
                <span className="outline-label">{label}</span>
              )}
              {stage.id !== null && (
                <span className="outline-meta">
                  {stage.owner ? t('outline.owner', { owner: stage.owner }) : t('outline.noOwner')}
                </span>
              )}
              <span className="outline-count">{stage.touchpoints.length}</span>
            </div>
            {open && (stage.touchpoints.length > 0 || adding) && (
              <ul role="group">
                {stage.touchpoints.map((touchpoint, index) => (
                  <li
                    key={touchpoint.id}
                    {...rowProps(touchpoint.id, 2, stage.touchpoints.length, index + 1, touchpointName(t, touchpoint))}
                    className="outline-touchpoint"
                  >
                    <div className="outline-row">
                      {editing?.mode === 'rename' && editing.id === touchpoint.id ? (
                        field(touchpoint.label, t('outline.renameField', { label: touchpoint.label }), (text) =>
                          props.onRename(touchpoint.id, text),
                        )
                      ) : (
                        <span className="outline-label">{touchpoint.label}</span>
                      )}
                      <span className="outline-meta">
                        {touchpoint.channel
                          ? t('outline.channel', { channel: touchpoint.channel })
                          : t('outline.noChannel')}
                        {touchpoint.lane === 'back' ? ` · ${t('outline.backstage')}` : ''}
                      </span>
                    </div>
                  </li>
                ))}
                {adding && (
                  <li role="none" className="outline-touchpoint is-new">
                    {field('', t('outline.newTouchpointField', { stage: label }), (text) =>
                      props.onAdd(stage.id, text),
                    )}
                  </li>
                )}
              </ul>
            )}
          </li>
        );
      })}
      {editing?.mode === 'addStage' && (
        <li role="none" className="outline-stage is-new">
          {field('', t('outline.newStageField'), props.onAddStage)}
        </li>
      )}
    </ul>
  );
}
