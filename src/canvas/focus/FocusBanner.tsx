// The banner over the canvas while the map is focused on an owner or a persona: who, how much of
// the journey stays lit, and a way back to everything.
import { useEffect } from 'react';
import { Panel } from '@xyflow/react';
import { useStore } from 'zustand';
import { X } from 'lucide-react';
import { useMap } from '../../state/session';
import { useUi } from '../../state/uiStore';
import { useT } from '../../i18n';
import { initials } from '../../ui/initials';
import { focusTarget, litTouchpoints } from './dimming';
import { PersonaAvatar } from '../../ui/PersonaAvatar';
import './focus.css';

export function FocusBanner() {
  const t = useT();
  const { store } = useMap();
  const focus = useUi((state) => state.focus);
  const setFocus = useUi((state) => state.setFocus);
  const nodes = useStore(store, (state) => state.modelNodes);
  const target = focusTarget(nodes, focus);
  // The focused person was removed (here or by a peer), or belongs to another map: unfocus.
  useEffect(() => {
    if (focus && !target) setFocus(null);
  }, [focus, target, setFocus]);
  if (!focus || !target || (target.kind !== 'owner' && target.kind !== 'persona')) return null;
  const lit = litTouchpoints(nodes, focus).length;
  const total = [...nodes.values()].filter((n) => n.kind === 'touchpoint').length;
  const what =
    target.kind === 'owner'
      ? t('owners.focusBanner', { name: target.name })
      : t('personas.focusBanner', { name: target.name });
  const count = t('owners.focusCount', { lit, total });
  return (
    <Panel position="bottom-center" className="focus-panel">
      <div className="focus-banner nokey" role="status" data-testid="focus-banner">
        {target.kind === 'persona' ? (
          <PersonaAvatar persona={target} size={26} />
        ) : (
          <span className="avatar" aria-hidden>
            {initials(target.name)}
          </span>
        )}
        <span className="focus-banner-text" title={`${what} · ${count}`}>
          {what}
          <span className="focus-banner-count">{count}</span>
        </span>
        <button type="button" className="focus-banner-clear" onClick={() => setFocus(null)}>
          <X size={14} aria-hidden /> {t('owners.showEverything')}
        </button>
      </div>
    </Panel>
  );
}
