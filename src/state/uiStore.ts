// UI-only state (never written to the doc): which label is being edited, transient messages.
import { create } from 'zustand';

export interface Toast {
  id: number;
  text: string;
  tone: 'error' | 'info';
  /** One button beside the text (e.g. "Use mine"); the toast then stays longer. */
  action?: ToastAction;
}

export interface ToastAction {
  label: string;
  run: () => void;
}

const TOAST_MS = 5000;
/** Long enough to read a lost text and decide. */
const TOAST_WITH_ACTION_MS = 20000;

/** The tabs of the right sidebar; panels register themselves in src/panels/registry.tsx. */
export type SidebarTab =
  | 'inspector'
  | 'comments'
  | 'owners'
  | 'personas'
  | 'insight'
  | 'census'
  | 'metrics'
  | 'versions'
  | 'activity'
  | 'observed'
  | 'outline';

/** The cards' key metrics when nobody chose (shown only where a touchpoint has a value). */
export const DEFAULT_CARD_METRICS: readonly string[] = ['csat', 'dropoff'];

/** Reading the map for one owner or one persona: everything else dims. */
export type MapFocus = { kind: 'owner'; id: string } | { kind: 'persona'; id: string } | null;

interface UiState {
  editingNodeId: string | null;
  /** The node whose label this person is typing in a panel (the inspector), for presence. */
  renamingInPanel: string | null;
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
  /** The node just added whose name is being typed: its first rename joins the add's undo step. */
  namingNewNodeId: string | null;
  /** Opens the rename box of a node just added. */
  startNaming: (id: string) => void;
  notify: (text: string, tone?: Toast['tone'], action?: ToastAction) => void;
  dismiss: (id: number) => void;
}

let nextToastId = 1;

export const useUi = create<UiState>((set) => ({
  editingNodeId: null,
  renamingInPanel: null,
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
  // editing another label (or this one again, later) is an ordinary rename of its own
  startEditing: (id) => set(id === null ? { editingNodeId: null } : { editingNodeId: id, namingNewNodeId: null }),
  namingNewNodeId: null,
  startNaming: (id) => set({ editingNodeId: id, namingNewNodeId: id }),
  notify: (text, tone = 'error', action) => {
    const id = nextToastId++;
    set((state) => ({ toasts: [...state.toasts.slice(-3), { id, text, tone, ...(action && { action }) }] }));
    const shownFor = action ? TOAST_WITH_ACTION_MS : TOAST_MS;
    setTimeout(() => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })), shownFor);
  },
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
}));
