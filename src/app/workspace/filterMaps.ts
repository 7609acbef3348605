// Search and order for the workspace's map list: pure, so the home page stays a thin view.
import type { WorkspaceMap } from '../../sync/workspaceApi';

export type MapOrder = 'updated' | 'title' | 'owner';

const ownerName = (map: WorkspaceMap) => map.createdBy?.name ?? '';

/** Maps whose title or owner contains every word of `query` (case- and accent-insensitive), in `order`. */
export function filterMaps(maps: readonly WorkspaceMap[], query: string, order: MapOrder): WorkspaceMap[] {
  const fold = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  const found = maps.filter((map) => {
    const haystack = fold(`${map.title} ${ownerName(map)}`);
    return words.every((word) => haystack.includes(word));
  });
  const byTitle = (a: WorkspaceMap, b: WorkspaceMap) => a.title.localeCompare(b.title);
  const compare: Record<MapOrder, (a: WorkspaceMap, b: WorkspaceMap) => number> = {
    updated: (a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || byTitle(a, b),
    title: byTitle,
    owner: (a, b) => ownerName(a).localeCompare(ownerName(b)) || byTitle(a, b),
  };
  return [...found].sort(compare[order]);
}
