// Shown on a map with no stages yet: what to do first.
import { Columns3 } from 'lucide-react';

export function EmptyMapHint({ readOnly, onAddStage }: { readOnly: boolean; onAddStage: () => void }) {
  return (
    <div className="empty-hint" role="status">
      {readOnly ? (
        <p>This map has no stages yet.</p>
      ) : (
        <>
          <p>
            <strong>Start with the stages</strong> your customer goes through: need, research, compare, purchase, use, support.
          </p>
          <button type="button" className="primary" onClick={onAddStage}>
            <Columns3 size={16} aria-hidden /> Add the first stage
          </button>
        </>
      )}
    </div>
  );
}
