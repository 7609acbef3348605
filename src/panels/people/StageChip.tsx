// A stage as a small button in its colour: clicking shows the stage on the canvas.
import type { StageNode } from '../../model';
import { useT } from '../../i18n';

export function StageChip({ stage, onClick }: { stage: StageNode; onClick: () => void }) {
  const t = useT();
  return (
    <button
      type="button"
      className="stage-chip"
      style={{ ['--stage-color' as string]: stage.color }}
      title={t('owners.selectStage', { stage: stage.label })}
      onClick={onClick}
    >
      {stage.label}
    </button>
  );
}
