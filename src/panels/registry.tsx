// The right sidebar's tabs. Each panel is one component; add yours here (one line).
import type { ComponentType } from 'react';
import type { LucideIcon } from 'lucide-react';
import { SlidersHorizontal } from 'lucide-react';
import type { SidebarTab } from '../state/uiStore';
import type { MessageKey } from '../i18n';
import { Inspector } from './Inspector';

export interface PanelSpec {
  id: SidebarTab;
  label: MessageKey;
  icon: LucideIcon;
  component: ComponentType;
}

export const PANELS: PanelSpec[] = [{ id: 'inspector', label: 'panel.inspector', icon: SlidersHorizontal, component: Inspector }];
