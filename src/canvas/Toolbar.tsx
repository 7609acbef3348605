// The canvas toolbar: create stages, touchpoints, channels, owners and notes; fit the map.
import { memo, useState } from 'react';
import { Columns3, Maximize, Eye, Radio, SquarePlus, StickyNote, UserPlus } from 'lucide-react';
import { CHANNEL_PRESETS, MEDIUM_STYLE } from './channelStyle';
import type { JourneyActions } from './useJourneyActions';

export interface ToolbarProps {
  actions: JourneyActions;
  readOnly: boolean;
}

export const Toolbar = memo(function Toolbar({ actions, readOnly }: ToolbarProps) {
  const [channelMenu, setChannelMenu] = useState(false);
  return (
    <div className="toolbar" role="toolbar" aria-label="Map tools">
      {!readOnly && (
        <>
          <button type="button" onClick={actions.addStage} title="Add a stage column (Shift+S)">
            <Columns3 size={16} aria-hidden /> Stage
          </button>
          <button type="button" onClick={actions.addTouchpoint} title="Add a touchpoint to the selected stage (N)">
            <SquarePlus size={16} aria-hidden /> Touchpoint
          </button>
          <div className="toolbar-menu">
            <button type="button" aria-haspopup="menu" aria-expanded={channelMenu} onClick={() => setChannelMenu((open) => !open)} title="Add a channel">
              <Radio size={16} aria-hidden /> Channel
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
                        actions.addChannel(preset);
                      }}
                    >
                      <Icon size={14} aria-hidden style={{ color: MEDIUM_STYLE[preset.medium].color }} /> {preset.label}
                    </button>
                  );
                })}
              </div>
            )}
          </div>
          <button type="button" onClick={actions.addOwner} title="Add an owner to the people rail">
            <UserPlus size={16} aria-hidden /> Owner
          </button>
          <button type="button" onClick={actions.addNote} title="Add a sticky note">
            <StickyNote size={16} aria-hidden /> Note
          </button>
          <span className="toolbar-sep" />
        </>
      )}
      <button type="button" onClick={actions.fitView} title="Zoom to fit (F)">
        <Maximize size={16} aria-hidden /> Fit
      </button>
      {readOnly && (
        <span className="toolbar-readonly">
          <Eye size={14} aria-hidden /> View only
        </span>
      )}
    </div>
  );
});
