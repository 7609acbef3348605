// A touchpoint card: its channel's icon and colour, its label, the first line of its notes, media
// thumbnails, badges for pain points and opportunities, and the customer's emotion as a face scale.
// Files dropped on the card are attached to it.
import { memo, useCallback, useState, type DragEvent } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { FileText, Lightbulb, MessageSquare, TriangleAlert } from 'lucide-react';
import { setEmotion, type MediaRef } from '../../model';
import type { TouchpointFlowNode } from '../../state/viewTypes';
import { filesOf, startUploads } from '../../state/uploads';
import { MEDIUM_STYLE } from '../../state/channelStyle';
import { InlineLabel } from '../InlineLabel';
import { useMap } from '../../state/session';
import { CardEmotion } from './CardEmotion';
import { useMediaUrl } from '../../sync/useMediaUrl';
import { useNodeLabel } from './useNodeLabel';
import { useT } from '../../i18n';
import { CardMetrics, heatClass, heatVars } from '../../ui/HeatChip';

function TouchpointNodeView({ id, data, selected }: NodeProps<TouchpointFlowNode>) {
  const { touchpoint, channel, noteLine, media } = data;
  const label = useNodeLabel(id);
  const t = useT();
  const { doc, mapId, mapKey, run, readOnly } = useMap();
  const [dropping, setDropping] = useState(false);
  const style = channel ? MEDIUM_STYLE[channel.medium] : null;
  const Icon = style?.icon;
  const onEmotion = useCallback((value: number) => run(() => setEmotion(doc, id, value)), [doc, id, run]);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDropping(false);
    if (!readOnly) startUploads(filesOf(event.dataTransfer), { doc, mapId, mapKey, nodeId: id });
  };

  return (
    <div
      className={`touchpoint ${selected ? 'is-selected' : ''} ${touchpoint.lane === 'back' ? 'is-backstage' : ''} ${dropping ? 'is-drop-target' : ''} ${heatClass(data.metrics)}`}
      style={{ ['--channel-color' as string]: style?.color ?? '#9aa3af', ...heatVars(data.metrics) }}
      data-testid="touchpoint"
      onDragOver={(event) => {
        if (readOnly || !event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
    >
      <Handle type="target" position={Position.Left} isConnectable={!readOnly} />
      <div className="touchpoint-channel">
        {Icon ? <Icon size={13} aria-hidden /> : null}
        <span>{channel ? channel.label : t('touchpoint.noChannel')}</span>
        {touchpoint.lane === 'back' && <span className="backstage-tag">{t('inspector.backstage').split(' ')[0]}</span>}
      </div>
      <InlineLabel {...label} value={touchpoint.label} className="touchpoint-label" ariaLabel={t('touchpoint.name')} />
      {noteLine && <p className="touchpoint-note">{noteLine}</p>}
      {media.length > 0 && <MediaStrip media={media} />}
      <CardMetrics metrics={data.metrics} />
      <div className="touchpoint-footer">
        <CardEmotion value={touchpoint.emotion} readOnly={readOnly} onChange={onEmotion} />
        <span className="badges">
          {touchpoint.painPoints.length > 0 && (
            <span className="badge is-pain" title={t('inspector.painPoints')}>
              <TriangleAlert size={12} aria-hidden /> {touchpoint.painPoints.length}
            </span>
          )}
          {touchpoint.opportunities.length > 0 && (
            <span className="badge is-opportunity" title={t('inspector.opportunities')}>
              <Lightbulb size={12} aria-hidden /> {touchpoint.opportunities.length}
            </span>
          )}
          {(data.openComments ?? 0) > 0 && (
            <span className="badge is-comments" title={t('comments.openBadge')} data-testid="comment-badge">
              <MessageSquare size={12} aria-hidden /> {data.openComments}
            </span>
          )}
        </span>
      </div>
      <Handle type="source" position={Position.Right} isConnectable={!readOnly} />
    </div>
  );
}

const MediaStrip = memo(function MediaStrip({ media }: { media: readonly MediaRef[] }) {
  const shown = media.slice(0, 4);
  return (
    <div className="media-strip" data-testid="media-strip">
      {shown.map((ref) =>
        ref.kind === 'image' ? (
          <Thumbnail key={ref.id} mediaRef={ref} />
        ) : (
          <span key={ref.id} className="thumb is-file" title={ref.name}>
            <FileText size={14} aria-hidden />
          </span>
        ),
      )}
      {media.length > shown.length && <span className="thumb is-more">+{media.length - shown.length}</span>}
    </div>
  );
});

function Thumbnail({ mediaRef }: { mediaRef: MediaRef }) {
  const { mapId, mapKey } = useMap();
  const { url } = useMediaUrl(mapId, mapKey, mediaRef.id);
  return <span className="thumb">{url ? <img src={url} alt={mediaRef.name} /> : null}</span>;
}

export const TouchpointNode = memo(TouchpointNodeView);
