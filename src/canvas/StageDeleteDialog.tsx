// Deleting a stage that holds touchpoints asks first: move them to the stage before or after it, or
// delete them too (saying how many notes, metric values, media files and comments go with them).
// The removal is one model command (removeStage), so one undo brings everything back.
import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { removeStage, stageRemovalSummary, type StageTouchpoints } from '../model';
import { useMap } from '../state/session';
import { useUi } from '../state/uiStore';
import { useT } from '../i18n';
import { Modal } from '../ui/Modal';
import './stageDelete.css';

export function StageDeleteDialog() {
  const stageId = useUi((state) => state.stageToDelete);
  const close = () => useUi.getState().askToDeleteStage(null);
  const { store } = useMap();
  // the stage may go meanwhile (someone else deleted it): then there is nothing to ask
  const exists = useStore(store, (state) => (stageId ? state.stages.some((stage) => stage.id === stageId) : false));
  if (!stageId || !exists) return null;
  return <StageDeleteForm key={stageId} stageId={stageId} onClose={close} />;
}

function StageDeleteForm({ stageId, onClose }: { stageId: string; onClose: () => void }) {
  const { doc, store, run } = useMap();
  const t = useT();
  const stages = useStore(store, (state) => state.stages);
  const [summary] = useState(() => stageRemovalSummary(doc, stageId));
  const name = (id: string | null) => stages.find((stage) => stage.id === id)?.label ?? '';
  const targets = [summary.previous, summary.next].filter((id): id is string => id !== null);
  const [choice, setChoice] = useState<string>(targets[0] ?? 'delete');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const touchpoints: StageTouchpoints =
      choice === 'delete' ? { action: 'delete' } : { action: 'move', toStageId: choice };
    if (run(() => removeStage(doc, stageId, touchpoints))) onClose();
  };
  const formId = `stage-delete-${stageId}`;
  return (
    <Modal
      title={t('stageDelete.title', { name: name(stageId) })}
      onClose={onClose}
      testId="stage-delete-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('stageDelete.cancel')}
          </button>
          <button type="submit" form={formId} className="primary is-danger">
            {t('stageDelete.confirm')}
          </button>
        </>
      }
    >
      <form id={formId} className="stage-delete" onSubmit={submit}>
        <p>{t('stageDelete.intro', { n: summary.touchpoints.length })}</p>
        <fieldset>
          <legend className="visually-hidden">{t('stageDelete.choice')}</legend>
          {targets.map((id) => (
            <label key={id} className="stage-delete-option">
              <input
                type="radio"
                name="stage-delete-choice"
                value={id}
                checked={choice === id}
                onChange={() => setChoice(id)}
              />
              {t('stageDelete.moveTo', { name: name(id) })}
            </label>
          ))}
          <label className="stage-delete-option">
            <input
              type="radio"
              name="stage-delete-choice"
              value="delete"
              checked={choice === 'delete'}
              onChange={() => setChoice('delete')}
            />
            <span>
              {t('stageDelete.deleteToo')}
              <span className="stage-delete-loss">
                {t('stageDelete.goesWith', {
                  notes: summary.notes,
                  metrics: summary.metrics,
                  media: summary.media,
                  comments: summary.comments,
                })}
              </span>
            </span>
          </label>
        </fieldset>
        <p className="stage-delete-hint">{t('stageDelete.undoHint')}</p>
      </form>
    </Modal>
  );
}
