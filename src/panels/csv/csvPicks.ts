// The person's choices of card for names of a CSV column, remembered in this browser per map and
// per source column (its header), so the next export of the same sheet needs no picking again.
// Local storage, not the map: they describe someone's spreadsheet, not the journey.
const keyOf = (mapId: string, header: string) => `percorso.csvPicks.${mapId}.${header.trim().toLowerCase()}`;

export function loadPicks(mapId: string, header: string): Record<string, string> {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(keyOf(mapId, header)) ?? '{}');
    if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return {};
    return Object.fromEntries(
      Object.entries(stored as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return {};
  }
}

export function savePicks(mapId: string, header: string, picks: Record<string, string>): void {
  try {
    localStorage.setItem(keyOf(mapId, header), JSON.stringify(picks));
  } catch {
    // storage full or blocked: the picks last as long as the dialog
  }
}
