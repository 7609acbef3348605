// The person's profile, loaded once from the browser's database and shared by every screen.
import { create } from 'zustand';
import { loadProfile, saveProfile, type Profile } from '../db/profile';

interface ProfileState {
  profile: Profile | null;
  update: (patch: Partial<Omit<Profile, 'id'>>) => Promise<void>;
}

export const useProfileStore = create<ProfileState>((set, get) => ({
  profile: null,
  update: async (patch) => {
    const current = get().profile ?? (await loadProfile());
    const next = { ...current, ...patch };
    set({ profile: next });
    await saveProfile(next);
  },
}));

let loading: Promise<void> | null = null;
export function ensureProfileLoaded(): Promise<void> {
  loading ??= loadProfile().then((profile) => useProfileStore.setState({ profile }));
  return loading;
}
