// UI-only state (never written to the doc): which label is being edited, transient messages.
import { create } from 'zustand';

export interface Toast {
  id: number;
  text: string;
  tone: 'error' | 'info';
}

/** The tabs of the right sidebar; panels register themselves in src/panels/registry.tsx. */
export type SidebarTab =
  'inspector' | 'comments' | 'owners' | 'personas' | 'insight' | 'metrics' | 'versions' | 'observed';

/** The cards' key metrics when nobody chose (shown only where a touchpoint has a value). */
export const DEFAULT_CARD_METRICS: readonly string[] = ['csat', 'dropoff'];

/** Reading the map for one owner or one persona: everything else dims. */
export type MapFocus = { kind: 'owner'; id: string } | { kind: 'persona'; id: string } | null;

interface UiState {
  editingNodeId: string | null;
  toasts: Toast[];
  /** The open sidebar tab, or null when the sidebar is closed. */
  sidebarTab: SidebarTab | null;
  focus: MapFocus;
  /** The metric that heat-colours touchpoints, channels and stages (and the export's legend), or null. */
  colorBy: string | null;
  /** The one or two metric keys the touchpoint cards show. */
  cardMetrics: readonly string[];
  /** Mount every node, not only those in view (an export is drawing the whole map). */
  renderAllNodes: boolean;
  /** A stage holding touchpoints that the person asked to delete: the canvas asks what to do with them. */
  stageToDelete: string | null;
  askToDeleteStage: (id: string | null) => void;
  setRenderAllNodes: (on: boolean) => void;
  setColorBy: (key: string | null) => void;
  setCardMetrics: (keys: readonly string[]) => void;
  setSidebarTab: (tab: SidebarTab | null) => void;
  setFocus: (focus: MapFocus) => void;
  startEditing: (id: string | null) => void;
  notify: (text: string, tone?: Toast['tone']) => void;
  dismiss: (id: number) => void;
}

let nextToastId = 1;

export const useUi = create<UiState>((set) => ({
  editingNodeId: null,
  toasts: [],
  sidebarTab: null,
  focus: null,
  colorBy: null,
  cardMetrics: DEFAULT_CARD_METRICS,
  renderAllNodes: false,
  stageToDelete: null,
  askToDeleteStage: (stageToDelete) => set({ stageToDelete }),
  setRenderAllNodes: (renderAllNodes) => set({ renderAllNodes }),
  setColorBy: (colorBy) => set({ colorBy }),
  setCardMetrics: (keys) => set({ cardMetrics: keys.slice(0, 2) }),
  setSidebarTab: (tab) => set({ sidebarTab: tab }),
  setFocus: (focus) => set({ focus }),
  startEditing: (id) => set({ editingNodeId: id }),
  notify: (text, tone = 'error') => {
    const id = nextToastId++;
    set((state) => ({ toasts: [...state.toasts.slice(-3), { id, text, tone }] }));
    setTimeout(() => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })), 5000);
  },
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
}));
