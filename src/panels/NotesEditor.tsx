// Rich notes of a node: Tiptap bound to the node's `notes` Y.XmlFragment in the map's doc, so
// collaborators edit the same text live and see each other's carets (names and colours from
// awareness). Undo is Yjs's (StarterKit's own history is off, as the collaboration extension asks).
import { memo, useEffect, useMemo, type ReactNode } from 'react';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import Placeholder from '@tiptap/extension-placeholder';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { Bold, Heading2, Italic, Link as LinkIcon, List, ListChecks, ListOrdered } from 'lucide-react';
import { useT } from '../i18n';
import { caretAwareness } from '../sync/caretAwareness';

export interface NotesEditorProps {
  fragment: Y.XmlFragment;
  readOnly: boolean;
  /** Present when connected: shows others' carets in this note. */
  awareness?: Awareness;
  user: { name: string; color: string };
}

export const NotesEditor = memo(function NotesEditor({ fragment, readOnly, awareness, user }: NotesEditorProps) {
  const t = useT();
  // carets only: a drag's awareness updates must not redraw the note (sync/caretAwareness.ts)
  const carets = useMemo(() => (awareness ? caretAwareness(awareness) : undefined), [awareness]);
  const editor = useEditor(
    {
      editable: !readOnly,
      extensions: [
        StarterKit.configure({ undoRedo: false, link: { openOnClick: false, autolink: true } }),
        TaskList,
        TaskItem.configure({ nested: true }),
        Placeholder.configure({ placeholder: t('notes.placeholder') }),
        Collaboration.configure({ fragment }),
        ...(carets ? [CollaborationCaret.configure({ provider: { awareness: carets }, user })] : []),
      ],
      // a contenteditable div has no role of its own, and aria-label is prohibited on one without a role
      editorProps: {
        attributes: {
          class: 'notes-content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': t('notes.label'),
        },
      },
    },
    [fragment, carets],
  );
  useEffect(() => {
    editor?.setEditable(!readOnly);
  }, [editor, readOnly]);
  if (!editor) return null;
  return (
    <div className="notes-editor nodrag nowheel nopan nokey">
      {!readOnly && <NotesToolbar editor={editor} />}
      <EditorContent editor={editor} />
    </div>
  );
});

function NotesToolbar({ editor }: { editor: Editor }) {
  const t = useT();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      heading: e.isActive('heading', { level: 2 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      tasks: e.isActive('taskList'),
      link: e.isActive('link'),
    }),
  });
  const button = (active: boolean, label: string, icon: ReactNode, run: () => void) => (
    <button
      type="button"
      className={`icon-button ${active ? 'is-active' : ''}`}
      aria-pressed={active}
      aria-label={label}
      title={label}
      onMouseDown={(event) => event.preventDefault()}
      onClick={run}
    >
      {icon}
    </button>
  );
  const toggleLink = () => {
    if (state.link) return void editor.chain().focus().unsetLink().run();
    const url = window.prompt(t('notes.linkPrompt'), 'https://');
    if (url && /^(https?:|mailto:)/i.test(url))
      editor.chain().focus().extendMarkRange('link').setLink({ href: url }).run();
  };
  return (
    <div className="notes-toolbar" role="toolbar" aria-label={t('notes.toolbar')}>
      {button(state.heading, t('notes.heading'), <Heading2 size={15} aria-hidden />, () =>
        editor.chain().focus().toggleHeading({ level: 2 }).run(),
      )}
      {button(state.bold, t('notes.bold'), <Bold size={15} aria-hidden />, () =>
        editor.chain().focus().toggleBold().run(),
      )}
      {button(state.italic, t('notes.italic'), <Italic size={15} aria-hidden />, () =>
        editor.chain().focus().toggleItalic().run(),
      )}
      {button(state.bullet, t('notes.bullets'), <List size={15} aria-hidden />, () =>
        editor.chain().focus().toggleBulletList().run(),
      )}
      {button(state.ordered, t('notes.numbers'), <ListOrdered size={15} aria-hidden />, () =>
        editor.chain().focus().toggleOrderedList().run(),
      )}
      {button(state.tasks, t('notes.checklist'), <ListChecks size={15} aria-hidden />, () =>
        editor.chain().focus().toggleTaskList().run(),
      )}
      {button(state.link, t('notes.link'), <LinkIcon size={15} aria-hidden />, toggleLink)}
    </div>
  );
}
