// Who is signed in (GET /api/me), loaded once per page and refreshed after signing in or out.
import { create } from 'zustand';
import { fetchMe, type Me } from '../../sync/accountsApi';

interface AccountState {
  /** undefined while loading; null when the server could not be asked (offline: behave as a guest). */
  me: Me | null | undefined;
  load(): Promise<void>;
  set(me: Me): void;
}

export const useAccount = create<AccountState>((set) => ({
  me: undefined,
  load: async () => {
    try {
      set({ me: await fetchMe() });
    } catch {
      set({ me: null });
    }
  },
  set: (me) => set({ me }),
}));

let started = false;
/** Starts the first load (idempotent); components call it on mount. */
export function ensureAccountLoaded(): void {
  if (started) return;
  started = true;
  void useAccount.getState().load();
}
