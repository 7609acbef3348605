// How the observed panels name a step of a path: a touchpoint by its label, an unmapped activity by
// the text of the log, the virtual ends by a word.
import type { JourneyNode } from '../../model';
import { END, START, UNMAPPED_PREFIX } from '../../sync/observedApi';
import type { Translate } from '../../i18n';

export function stepName(id: string, nodes: ReadonlyMap<string, JourneyNode>, t: Translate): string {
  if (id === START) return t('observed.start');
  if (id === END) return t('observed.end');
  if (id.startsWith(UNMAPPED_PREFIX)) return `“${id.slice(UNMAPPED_PREFIX.length)}”`;
  return nodes.get(id)?.label ?? id;
}
