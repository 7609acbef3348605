// The outline drawn as a WAI-ARIA tree: stages (level 1) holding their touchpoints (level 2). One row
// is in the tab order at a time (roving tabindex). Each row is named by its own visible line
// (aria-labelledby), not by its children's text, so what a screen reader says is what is shown; a
// stage's row is itself the treeitem, its touchpoints' group a sibling (aria-level gives the nesting).
import { useId } from 'react';
import { ChevronDown, ChevronRight } from 'lucide-react';
import { useT } from '../../i18n';
import { OutlineField } from './OutlineField';
import { UNASSIGNED_ROW, type OutlineStage } from './outlineModel';

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

/** A pause for a screen reader between the parts of a row (a comma invisible on screen, then a space). */
const PAUSE = (
  <>
    <span className="visually-hidden">,</span>{' '}
  </>
);

export function OutlineTree(props: OutlineTreeProps) {
  const { outline, collapsed, activeId, editing, describedBy, itemRef, onRowFocus, onToggle } = props;
  const t = useT();
  const prefix = useId();
  const rowId = (id: string) => `${prefix}-${id}`;
  const groupId = (id: string) => `${prefix}-${id}-group`;
  const rowProps = (id: string, level: number, size: number, position: number) => ({
    ref: (element: HTMLElement | null) => itemRef(id, element),
    role: 'treeitem',
    'aria-level': level,
    'aria-setsize': size,
    'aria-posinset': position,
    'aria-labelledby': rowId(id),
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
        const id = stage.id ?? UNASSIGNED_ROW;
        const open = !collapsed.has(id);
        const label = stage.id === null ? t('outline.unassigned') : stage.label;
        const renaming = editing?.mode === 'rename' && editing.id === id;
        const adding = editing?.mode === 'addTouchpoint' && editing.stageId === stage.id;
        const groupShown = open && (stage.touchpoints.length > 0 || adding);
        return (
          <li key={id} role="none" className={`outline-stage ${stage.id === null ? 'is-unassigned' : ''}`}>
            {/* the stage's treeitem is its row only, named by its own text; its touchpoints' group is
                a sibling (the levels say the hierarchy), so a row's name is what it shows */}
            <div
              {...rowProps(id, 1, outline.length, stageIndex + 1)}
              aria-labelledby={undefined}
              aria-expanded={open}
              aria-controls={groupShown ? groupId(id) : undefined}
              className="outline-row"
            >
              <button
                type="button"
                className="outline-toggle icon-button"
                tabIndex={-1}
                aria-hidden
                onClick={() => onToggle(id)}
              >
                {open ? <ChevronDown size={14} /> : <ChevronRight size={14} />}
              </button>
              <span className="outline-row-name">
                {renaming ? (
                  field(label, t('outline.renameField', { label }), (text) => props.onRename(id, text))
                ) : (
                  <span className="outline-label">{label}</span>
                )}
                {stage.id !== null && (
                  <>
                    {PAUSE}
                    <span className="outline-meta">
                      {stage.owner ? t('outline.owner', { owner: stage.owner }) : t('outline.noOwner')}
                    </span>
                  </>
                )}
                {PAUSE}
                <span className="outline-count">
                  <span className="visually-hidden">{t('outline.touchpoints')}</span> {stage.touchpoints.length}
                </span>
              </span>
            </div>
            {groupShown && (
              <ul role="group" id={groupId(id)}>
                {stage.touchpoints.map((touchpoint, index) => (
                  <li
                    key={touchpoint.id}
                    {...rowProps(touchpoint.id, 2, stage.touchpoints.length, index + 1)}
                    className="outline-touchpoint"
                  >
                    <div className="outline-row" id={rowId(touchpoint.id)}>
                      {editing?.mode === 'rename' && editing.id === touchpoint.id ? (
                        field(touchpoint.label, t('outline.renameField', { label: touchpoint.label }), (text) =>
                          props.onRename(touchpoint.id, text),
                        )
                      ) : (
                        <span className="outline-label">{touchpoint.label}</span>
                      )}
                      {PAUSE}
                      <span className="outline-meta">
                        {touchpoint.channel
                          ? t('outline.channel', { channel: touchpoint.channel })
                          : t('outline.noChannel')}
                        {touchpoint.lane === 'back' ? `, ${t('outline.backstage')}` : ''}
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
