// The right sidebar: a rail of tabs (inspector, comments, owners, personas, insight, versions) and
// the open panel. Selecting a node opens the inspector (when the press that selected it ends).
import { useEffect } from 'react';
import { PanelRightClose } from 'lucide-react';
import { useUi } from '../state/uiStore';
import { useT } from '../i18n';
import { PANELS } from './registry';
import { useInspectedNodeId } from './Inspector';

export function Sidebar() {
  const t = useT();
  const tab = useUi((state) => state.sidebarTab);
  const setTab = useUi((state) => state.setSidebarTab);
  // a card selected by a press opens the inspector when the press ends (after a drag, on the drop)
  const selected = useInspectedNodeId();
  useEffect(() => {
    if (selected) useUi.getState().setSidebarTab('inspector');
  }, [selected]);
  const open = PANELS.find((panel) => panel.id === tab);
  const Panel = open?.component;
  return (
    <div className="sidebar">
      {Panel && (
        <div className="sidebar-panel">
          <Panel />
        </div>
      )}
      <nav className="sidebar-rail" aria-label={t('panel.rail')}>
        {PANELS.map(({ id, label, icon: Icon }) => (
          <button
            key={id}
            type="button"
            className={`rail-button ${tab === id ? 'is-active' : ''}`}
            aria-pressed={tab === id}
            title={t(label)}
            aria-label={t(label)}
            onClick={() => setTab(tab === id ? null : id)}
          >
            <Icon size={18} aria-hidden />
          </button>
        ))}
        {tab && (
          <button
            type="button"
            className="rail-button"
            title={t('panel.close')}
            aria-label={t('panel.close')}
            onClick={() => setTab(null)}
          >
            <PanelRightClose size={18} aria-hidden />
          </button>
        )}
      </nav>
    </div>
  );
}
