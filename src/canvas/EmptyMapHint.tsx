// Shown on a map with no stages yet: what to do first.
import { Columns3 } from 'lucide-react';
import { useT } from '../i18n';

export function EmptyMapHint({ readOnly, onAddStage }: { readOnly: boolean; onAddStage: () => void }) {
  const t = useT();
  return (
    <div className="empty-hint" role="status">
      {readOnly ? (
        <p>{t('canvas.emptyViewer')}</p>
      ) : (
        <>
          <p>
            <strong>{t('canvas.emptyTitle')}</strong> {t('canvas.emptyBody')}
          </p>
          <button type="button" className="primary" onClick={onAddStage}>
            <Columns3 size={16} aria-hidden /> {t('canvas.emptyAction')}
          </button>
        </>
      )}
    </div>
  );
}
