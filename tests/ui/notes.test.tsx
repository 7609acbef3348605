import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import * as Y from 'yjs';
import { addStage, addTouchpoint, firstNoteLine, roots } from '../../src/model';
import { NotesEditor } from '../../src/panels/NotesEditor';

/** Two docs that exchange every update, like two browsers through the server. */
function linkedDocs() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(b, update, 'relay'));
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(a, update, 'relay'));
  addStage(a, { label: 'Contact', id: 'contact' });
  addTouchpoint(a, { stageId: 'contact', label: 'Calls support', id: 'call' });
  return { a, b };
}

const notesOf = (doc: Y.Doc) => roots(doc).nodes.get('call')?.get('notes') as Y.XmlFragment;

describe('notes (Tiptap on the node fragment)', () => {
  it('shows what a collaborator writes in the same note, and the card gets its first line', async () => {
    const { a, b } = linkedDocs();
    render(<NotesEditor fragment={notesOf(b)} readOnly={false} user={{ name: 'Bea', color: '#0072b2' }} />);
    // Alice writes a heading and a paragraph into her copy of the note
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', '2');
    heading.insert(0, [new Y.XmlText('Battery complaint')]);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Customer waited 20 minutes')]);
    a.transact(() => notesOf(a).insert(0, [heading, paragraph]));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Battery complaint' })).toBeInTheDocument());
    expect(screen.getByText('Customer waited 20 minutes')).toBeInTheDocument();
    expect(firstNoteLine(b, 'call')).toBe('Battery complaint');
    expect(notesOf(b).toString()).toBe(notesOf(a).toString());
  });

  it('has no formatting toolbar and is not editable for a viewer', () => {
    const { b } = linkedDocs();
    render(<NotesEditor fragment={notesOf(b)} readOnly user={{ name: 'Bea', color: '#0072b2' }} />);
    expect(screen.queryByRole('toolbar', { name: 'Note formatting' })).toBeNull();
    expect(screen.getByLabelText('Notes')).toHaveAttribute('contenteditable', 'false');
  });
});
