// A free sticky note on the canvas.
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { NoteFlowNode } from '../../state/viewTypes';
import { InlineLabel } from '../InlineLabel';
import { useNodeLabel } from './useNodeLabel';
import { useT } from '../../i18n';

function NoteNodeView({ id, data, selected }: NodeProps<NoteFlowNode>) {
  const label = useNodeLabel(id);
  const t = useT();
  return (
    <div className={`note ${selected ? 'is-selected' : ''}`} data-testid="note">
      <InlineLabel {...label} value={data.note.label} className="note-label" ariaLabel={t('note.text')} />
    </div>
  );
}

export const NoteNode = memo(NoteNodeView);
