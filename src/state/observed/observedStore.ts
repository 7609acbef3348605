// The "Observed" overlay's state (UI only, never in the doc): whether it is on, its filters, the
// flows last fetched for them, the highlighted variant and the customer whose timeline is open.
// One map is open at a time; `attach` names it (and resets everything when it changes).
import { create } from 'zustand';
import { ApiError } from '../../sync/api';
import { fetchCustomer, fetchFlows, type CustomerTimeline, type FlowFilters, type Flows } from '../../sync/observedApi';

type Load<T> =
  | { status: 'idle' }
  | { status: 'loading'; data: T | null }
  | { status: 'ready'; data: T }
  | { status: 'error'; data: T | null; message: string; notFound?: boolean };

export interface ObservedState {
  source: { mapId: string; key: string } | null;
  on: boolean;
  filters: FlowFilters;
  /** Paths (steps) taken by fewer customers are hidden. */
  minCases: number;
  flows: Load<Flows>;
  /** The variant (index into flows.variants) highlighted on the map, or null. */
  variant: number | null;
  customer: { id: string; load: Load<CustomerTimeline> } | null;
  attach: (mapId: string, key: string) => void;
  setOn: (on: boolean) => void;
  setFilters: (filters: Partial<FlowFilters>) => void;
  setMinCases: (min: number) => void;
  setVariant: (index: number | null) => void;
  /** Fetches the flows again (the filters changed, or the server said new events arrived). */
  refresh: () => Promise<void>;
  openCustomer: (id: string) => Promise<void>;
  closeCustomer: () => void;
}

export const NO_FILTERS: FlowFilters = { from: '', to: '', attrs: {} };

const initial = {
  on: false,
  filters: NO_FILTERS,
  minCases: 1,
  flows: { status: 'idle' } as const,
  variant: null,
  customer: null,
};

let flowsRequest: AbortController | null = null;
let customerTicket = 0;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const useObserved = create<ObservedState>((set, get) => ({
  source: null,
  ...initial,
  attach: (mapId, key) => {
    const source = get().source;
    if (source?.mapId === mapId && source.key === key) return;
    flowsRequest?.abort();
    set({ source: { mapId, key }, ...initial });
  },
  setOn: (on) => {
    set({ on });
    if (on && get().flows.status === 'idle') void get().refresh();
  },
  setFilters: (filters) => {
    set((state) => ({ filters: { ...state.filters, ...filters }, variant: null }));
    void get().refresh();
  },
  setMinCases: (minCases) => set({ minCases: Math.max(1, Math.round(minCases)) }),
  setVariant: (variant) => set({ variant }),
  refresh: async () => {
    const { source, filters } = get();
    if (!source) return;
    flowsRequest?.abort();
    const controller = new AbortController();
    flowsRequest = controller;
    const previous = 'data' in get().flows ? (get().flows as { data: Flows | null }).data : null;
    set({ flows: { status: 'loading', data: previous } });
    try {
      const data = await fetchFlows(source.mapId, source.key, filters, controller.signal);
      if (flowsRequest !== controller) return;
      const variant = get().variant;
      set({
        flows: { status: 'ready', data },
        variant: variant !== null && variant < data.variants.length ? variant : null,
      });
    } catch (error) {
      if (flowsRequest !== controller || controller.signal.aborted) return;
      set({ flows: { status: 'error', data: previous, message: messageOf(error) } });
    }
  },
  openCustomer: async (id) => {
    const source = get().source;
    const customer = id.trim();
    if (!source || !customer) return;
    const ticket = ++customerTicket;
    set({ customer: { id: customer, load: { status: 'loading', data: null } } });
    try {
      const data = await fetchCustomer(source.mapId, source.key, customer);
      if (ticket === customerTicket) set({ customer: { id: customer, load: { status: 'ready', data } } });
    } catch (error) {
      if (ticket === customerTicket)
        set({
          customer: {
            id: customer,
            load: {
              status: 'error',
              data: null,
              message: messageOf(error),
              notFound: error instanceof ApiError && error.status === 404,
            },
          },
        });
    }
  },
  closeCustomer: () => {
    customerTicket++;
    set({ customer: null });
  },
}));

/** The flows last fetched (kept while a refresh runs or after it failed), or null. */
export const flowsOf = (state: ObservedState): Flows | null => ('data' in state.flows ? state.flows.data : null);
