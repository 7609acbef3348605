// The accessible name of each card on the canvas: React Flow gives every focusable node role=group,
// which a screen reader announces by its name alone, so the name says what the card is and where it
// sits (kind, label, stage, channel), in the reader's language.
import type { Translate } from '../../i18n';
import type { JourneyFlowNode } from '../../state/viewTypes';

/** Stage ids → their labels, for naming the stage a touchpoint belongs to. */
export type StageLabels = ReadonlyMap<string, string>;

export function nodeAccessibleName(node: JourneyFlowNode, stages: StageLabels, t: Translate): string | undefined {
  switch (node.type) {
    case 'touchpoint': {
      const { touchpoint, channel } = node.data;
      const stage = (touchpoint.stageId && stages.get(touchpoint.stageId)) || t('a11y.noStage');
      return t(channel ? 'a11y.touchpoint' : 'a11y.touchpointNoChannel', {
        label: touchpoint.label,
        stage,
        channel: channel?.label ?? '',
      });
    }
    case 'stage': {
      const { stage, owner, touchpointCount } = node.data;
      return t(owner ? 'a11y.stage' : 'a11y.stageNoOwner', {
        label: stage.label,
        owner: owner?.name ?? '',
        n: touchpointCount,
      });
    }
    case 'channel': {
      const { channel } = node.data;
      return t('a11y.channel', { label: channel.label, medium: t(`medium.${channel.medium}`) });
    }
    case 'owner':
      return t('a11y.owner', { name: node.data.owner.name });
    case 'note':
      return t('a11y.note', { text: node.data.note.label });
    default:
      return undefined; // lanes and the emotion curve are not focusable
  }
}
