// The right sidebar's tabs. Each panel is one component; add yours here (one line).
import type { ComponentType } from 'react';
import type { LucideIcon } from 'lucide-react';
import {
  Activity,
  Footprints,
  Grid3x3,
  Gauge,
  History,
  Lightbulb,
  ListTree,
  MessagesSquare,
  SlidersHorizontal,
  SquareUser,
  UserRoundCheck,
} from 'lucide-react';
import type { SidebarTab } from '../state/uiStore';
import type { MessageKey } from '../i18n';
import { Inspector } from './Inspector';
import { InsightPanel } from './insight/InsightPanel';
import { MetricDefsPanel } from './metrics/MetricDefsPanel';
import { CommentsPanel } from './comments/CommentsPanel';
import { VersionsPanel } from './versions/VersionsPanel';
import { OwnersPanel } from './people/OwnersPanel';
import { PersonasPanel } from './people/PersonasPanel';
import { ObservedPanel } from './observed/ObservedPanel';
import { OutlinePanel } from './outline/OutlinePanel';
import { ActivityPanel } from './history/ActivityPanel';
import { CensusPanel } from './census/CensusPanel';

export interface PanelSpec {
  id: SidebarTab;
  label: MessageKey;
  icon: LucideIcon;
  component: ComponentType;
}

export const PANELS: PanelSpec[] = [
  { id: 'inspector', label: 'panel.inspector', icon: SlidersHorizontal, component: Inspector },
  { id: 'insight', label: 'insight.title', icon: Lightbulb, component: InsightPanel },
  { id: 'census', label: 'census.title', icon: Grid3x3, component: CensusPanel },
  { id: 'observed', label: 'observed.title', icon: Footprints, component: ObservedPanel },
  { id: 'metrics', label: 'metrics.panel', icon: Gauge, component: MetricDefsPanel },
  { id: 'comments', label: 'comments.panel', icon: MessagesSquare, component: CommentsPanel },
  { id: 'owners', label: 'owners.title', icon: UserRoundCheck, component: OwnersPanel },
  { id: 'personas', label: 'personas.title', icon: SquareUser, component: PersonasPanel },
  { id: 'versions', label: 'versions.panel', icon: History, component: VersionsPanel },
  { id: 'activity', label: 'activity.title', icon: Activity, component: ActivityPanel },
  { id: 'outline', label: 'outline.title', icon: ListTree, component: OutlinePanel },
];
