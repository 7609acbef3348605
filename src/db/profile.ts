// Who this person is to the others on a map: a name and a colour, kept in this browser.
import { db } from './db';

export interface Profile {
  /** Stable per browser: scopes per-person undo and "edit your own comment". */
  id: string;
  name: string;
  color: string;
  /** False until the person chose their name (the app asks once). */
  chosen: boolean;
}

/** Colour-blind-friendly presence colours (Okabe–Ito and friends), distinct on white. */
export const PRESENCE_COLORS = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#e69f00',
  '#56b4e9',
  '#7a5bb5',
  '#b8860b',
] as const;

export function randomProfile(random = Math.random): Profile {
  const color = PRESENCE_COLORS[Math.floor(random() * PRESENCE_COLORS.length)] ?? PRESENCE_COLORS[0];
  const id = crypto.randomUUID();
  return { id, name: `Guest ${id.slice(0, 4).toUpperCase()}`, color, chosen: false };
}

export async function loadProfile(): Promise<Profile> {
  const stored = (await db.prefs.get('profile'))?.value as Profile | undefined;
  if (stored?.id && stored.name && stored.color) return stored;
  const fresh = randomProfile();
  await db.prefs.put({ key: 'profile', value: fresh });
  return fresh;
}

export async function saveProfile(profile: Profile): Promise<void> {
  await db.prefs.put({ key: 'profile', value: profile });
}
