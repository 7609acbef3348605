// The map as an outline a screen reader and a keyboard can work with (WCAG 2.1.1): stages and their
// touchpoints with channel and owner, live with the document (it reads the same store as the canvas),
// and editable without a pointer: rename, add, move between stages, delete, undo.
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { ArrowDown, ArrowUp, Columns3, Pencil, SquarePlus, Trash2 } from 'lucide-react';
import { useMap } from '../../state/session';
import { useUi } from '../../state/uiStore';
import { useT } from '../../i18n';
import { buildOutline, outlineRows, UNASSIGNED_ROW, type OutlineRow } from './outlineModel';
import { outlineIntent, type OutlineIntent } from './outlineKeys';
import { OutlineTree, type OutlineEditing } from './OutlineTree';
import { useOutlineCommands, type OutlineResult } from './useOutlineCommands';

export const OutlinePanel = memo(function OutlinePanel() {
  const t = useT();
  const { store, readOnly } = useMap();
  const stages = useStore(store, (state) => state.stages);
  const modelNodes = useStore(store, (state) => state.modelNodes);
  const outline = useMemo(() => buildOutline(stages, modelNodes), [stages, modelNodes]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo(() => outlineRows(outline, collapsed), [outline, collapsed]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [editing, setEditing] = useState<OutlineEditing>(null);
  const [announcement, setAnnouncement] = useState('');
  const commands = useOutlineCommands(outline);
  const hintId = useId();

  // The row in the tab order: the one last focused while it exists, else the one at its place.
  const lastIndex = useRef(0);
  const activeIndex = rows.findIndex((row) => row.id === activeId);
  const current: OutlineRow | undefined =
    activeIndex >= 0 ? rows[activeIndex] : rows[Math.min(lastIndex.current, rows.length - 1)];
  if (activeIndex >= 0) lastIndex.current = activeIndex;

  const items = useRef(new Map<string, HTMLElement>());
  const itemRef = useCallback((id: string, element: HTMLElement | null) => {
    if (element) items.current.set(id, element);
    else items.current.delete(id);
  }, []);
  // Focus follows the active row after a keyboard move or an edit (not on every render).
  const focusWanted = useRef(true); // opening the outline (its button or shortcut) puts focus in it
  useEffect(() => {
    // never while a dialog the outline opened (deleting a stage) holds the keyboard
    if (!focusWanted.current || editing || !current || useUi.getState().stageToDelete) return;
    focusWanted.current = false;
    items.current.get(current.id)?.focus();
  });
  const focusRow = (id: string | undefined) => {
    if (!id) return;
    focusWanted.current = true;
    setActiveId(id);
  };
  const done = (result: OutlineResult | null) => {
    setEditing(null);
    focusWanted.current = true;
    if (!result) return;
    setAnnouncement(result.announce);
    if (result.focus) setActiveId(result.focus);
  };

  const act = (intent: OutlineIntent, row: OutlineRow) => {
    const index = rows.findIndex((candidate) => candidate.id === row.id);
    const expanded = row.kind === 'stage' && !collapsed.has(row.id);
    const toggle = (id: string, close: boolean) =>
      setCollapsed((before) => {
        const next = new Set(before);
        if (close) next.add(id);
        else next.delete(id);
        return next;
      });
    switch (intent) {
      case 'next':
        return focusRow(rows[index + 1]?.id);
      case 'previous':
        return focusRow(rows[index - 1]?.id);
      case 'first':
        return focusRow(rows[0]?.id);
      case 'last':
        return focusRow(rows[rows.length - 1]?.id);
      case 'expand':
        if (row.kind === 'stage' && !expanded) return toggle(row.id, false);
        return focusRow(row.kind === 'stage' ? rows[index + 1]?.id : undefined);
      case 'collapse':
        if (row.kind === 'touchpoint') return focusRow(row.stageId ?? UNASSIGNED_ROW);
        if (expanded) toggle(row.id, true);
        return;
      case 'rename':
        return setEditing({ mode: 'rename', id: row.id });
      case 'addTouchpoint':
        if (row.kind === 'stage') toggle(row.id, false);
        return setEditing({ mode: 'addTouchpoint', stageId: row.stageId });
      case 'addStage':
        return setEditing({ mode: 'addStage' });
      case 'moveUp':
      case 'moveDown':
        return done(commands.move(row, intent === 'moveUp' ? -1 : 1));
      case 'delete':
        focusRow(rows[index + 1]?.id ?? rows[index - 1]?.id);
        return done(commands.remove(row.id));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-outline-id]');
    const row = rows.find((candidate) => candidate.id === target?.dataset.outlineId);
    if (!row || editing) return;
    const intent = outlineIntent(event, row, readOnly);
    if (!intent) return;
    event.preventDefault();
    event.stopPropagation(); // N, Shift+S, Enter, Delete… are the canvas's shortcuts too
    act(intent, row);
  };

  const canEdit = !readOnly && current !== undefined && !(current.kind === 'stage' && current.stageId === null);
  const tool = (intent: OutlineIntent, label: string, Icon: typeof Pencil, enabled = canEdit) => (
    <button
      type="button"
      className="icon-button"
      aria-label={label}
      title={label}
      disabled={!enabled}
      onClick={() => current && act(intent, current)}
    >
      <Icon size={15} aria-hidden />
    </button>
  );

  return (
    <aside className="panel outline-panel" aria-label={t('outline.title')} data-testid="outline-panel">
      <header className="panel-header">
        <h2>{t('outline.title')}</h2>
        {!readOnly && (
          <div className="outline-tools" role="toolbar" aria-label={t('outline.actions')}>
            {tool('rename', t('outline.rename'), Pencil)}
            {tool('addTouchpoint', t('outline.addTouchpoint'), SquarePlus, current !== undefined)}
            {tool('addStage', t('outline.addStage'), Columns3, true)}
            {tool('moveUp', t('outline.moveUp'), ArrowUp)}
            {tool('moveDown', t('outline.moveDown'), ArrowDown)}
            {tool('delete', t('outline.delete'), Trash2)}
          </div>
        )}
      </header>
      <p id={hintId} className="muted small outline-hint">
        {t('outline.keys')}
      </p>
      {outline.length === 0 && editing?.mode !== 'addStage' ? (
        <p className="muted panel-empty">{t('outline.empty')}</p>
      ) : (
        <div onKeyDown={onKeyDown} className="outline-body">
          <OutlineTree
            outline={outline}
            collapsed={collapsed}
            activeId={current?.id ?? null}
            editing={editing}
            describedBy={hintId}
            itemRef={itemRef}
            onRowFocus={setActiveId}
            onToggle={(id) => {
              focusWanted.current = true;
              setActiveId(id);
              setCollapsed((before) => {
                const next = new Set(before);
                if (next.has(id)) next.delete(id);
                else next.add(id);
                return next;
              });
            }}
            onRename={(id, label) => done(commands.rename(id, label))}
            onAdd={(stageId, label) => done(commands.addTouchpoint(stageId, label))}
            onAddStage={(label) => done(commands.addStage(label))}
            onEditEnd={() => done(null)}
          />
        </div>
      )}
      <p role="status" className="visually-hidden" data-testid="outline-status">
        {announcement}
      </p>
    </aside>
  );
});
