// The canvas toolbar: create stages, touchpoints, channels, owners and notes; fit the map.
import { memo, useState } from 'react';
import {
  Columns3,
  Maximize,
  Eye,
  ListTree,
  Radio,
  Redo2,
  SquarePlus,
  StickyNote,
  Undo2,
  UserPlus,
  Wand2,
} from 'lucide-react';
import { openOutline } from '../state/openOutline';
import { useStore } from 'zustand';
import type { JourneyUndo } from '../state/undo';
import { CHANNEL_PRESETS, MEDIUM_STYLE } from '../state/channelStyle';
import type { JourneyActions } from './useJourneyActions';
import { useT } from '../i18n';
import { ObservedToggle } from './observed/ObservedToggle';

export interface ToolbarProps {
  actions: JourneyActions;
  readOnly: boolean;
  undo?: JourneyUndo;
}

export const Toolbar = memo(function Toolbar({ actions, readOnly, undo }: ToolbarProps) {
  const [channelMenu, setChannelMenu] = useState(false);
  const t = useT();
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      {!readOnly && (
        <>
          <button type="button" onClick={actions.addStage} title={t('toolbar.stageHint')}>
            <Columns3 size={16} aria-hidden /> {t('toolbar.stage')}
          </button>
          <button type="button" onClick={actions.addTouchpoint} title={t('toolbar.touchpointHint')}>
            <SquarePlus size={16} aria-hidden /> {t('toolbar.touchpoint')}
          </button>
          <div className="toolbar-menu">
            <button
              type="button"
              aria-haspopup="menu"
              aria-expanded={channelMenu}
              onClick={() => setChannelMenu((open) => !open)}
              title={t('toolbar.channelHint')}
            >
              <Radio size={16} aria-hidden /> {t('toolbar.channel')}
            </button>
            {channelMenu && (
              <div className="menu" role="menu" onMouseLeave={() => setChannelMenu(false)}>
                {CHANNEL_PRESETS.map((preset) => {
                  const Icon = MEDIUM_STYLE[preset.medium].icon;
                  return (
                    <button
                      key={preset.label}
                      type="button"
                      role="menuitem"
                      onClick={() => {
                        setChannelMenu(false);
                        actions.addChannel({ label: t(preset.label), medium: preset.medium });
                      }}
                    >
                      <Icon size={14} aria-hidden style={{ color: MEDIUM_STYLE[preset.medium].color }} />{' '}
                      {t(preset.label)}
                    </button>
                  );
                })}
              </div>
            )}
          </div>
          <button type="button" onClick={actions.addOwner} title={t('toolbar.ownerHint')}>
            <UserPlus size={16} aria-hidden /> {t('toolbar.owner')}
          </button>
          <button type="button" onClick={actions.addNote} title={t('toolbar.noteHint')}>
            <StickyNote size={16} aria-hidden /> {t('toolbar.note')}
          </button>
          <span className="toolbar-sep" />
          {undo && <UndoButtons undo={undo} />}
          <button type="button" onClick={actions.tidyUp} title={t('toolbar.tidyHint')}>
            <Wand2 size={16} aria-hidden /> {t('toolbar.tidy')}
          </button>
        </>
      )}
      <button type="button" onClick={actions.fitView} title={t('toolbar.fitHint')}>
        <Maximize size={16} aria-hidden /> {t('toolbar.fit')}
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={openOutline}
        title={t('outline.open')}
        aria-label={t('outline.title')}
        aria-keyshortcuts="O"
      >
        <ListTree size={16} aria-hidden />
      </button>
      <ObservedToggle compact />
      {readOnly && (
        <span className="toolbar-readonly">
          <Eye size={14} aria-hidden /> {t('toolbar.viewOnly')}
        </span>
      )}
    </div>
  );
});

function UndoButtons({ undo }: { undo: JourneyUndo }) {
  const t = useT();
  const { canUndo, canRedo } = useStore(undo.state);
  return (
    <>
      <button
        type="button"
        className="icon-button"
        onClick={undo.undo}
        disabled={!canUndo}
        title={t('toolbar.undo')}
        aria-label={t('toolbar.undo')}
      >
        <Undo2 size={16} aria-hidden />
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={undo.redo}
        disabled={!canRedo}
        title={t('toolbar.redo')}
        aria-label={t('toolbar.redo')}
      >
        <Redo2 size={16} aria-hidden />
      </button>
      <span className="toolbar-sep" />
    </>
  );
}
