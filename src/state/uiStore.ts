// UI-only state (never written to the doc): which label is being edited, transient messages.
import { create } from 'zustand';

export interface Toast {
  id: number;
  text: string;
  tone: 'error' | 'info';
}

interface UiState {
  editingNodeId: string | null;
  toasts: Toast[];
  startEditing: (id: string | null) => void;
  notify: (text: string, tone?: Toast['tone']) => void;
  dismiss: (id: number) => void;
}

let nextToastId = 1;

export const useUi = create<UiState>((set) => ({
  editingNodeId: null,
  toasts: [],
  startEditing: (id) => set({ editingNodeId: id }),
  notify: (text, tone = 'error') => {
    const id = nextToastId++;
    set((state) => ({ toasts: [...state.toasts.slice(-3), { id, text, tone }] }));
    setTimeout(() => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })), 5000);
  },
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
}));
