// The creator's browser fills a new map from the template chosen on the home page (`?template=ID`
// in the map's URL), once: after the first sync, only if the map has no stages and no templateId
// yet. The id is taken off the URL first, and a module-level set guards against React StrictMode
// running the effect twice (and against a reload applying it again).
import { useEffect } from 'react';
import { applyTemplate, readMeta, stagesInOrder, templateById } from '../../model';
import { useMap } from '../../state/session';
import { useLanguage } from '../../i18n';

const applied = new Set<string>();

export const TEMPLATE_PARAM = 'template';

/** The map's URL with the chosen template (none for blank). */
export function mapUrlWithTemplate(mapId: string, templateId: string): string {
  return templateId === 'blank' ? `/map/${mapId}` : `/map/${mapId}?${TEMPLATE_PARAM}=${encodeURIComponent(templateId)}`;
}

function useApplyTemplate(synced: boolean): void {
  const { mapId, doc, readOnly, run } = useMap();
  const language = useLanguage((state) => state.language);
  useEffect(() => {
    if (!synced) return;
    const url = new URL(window.location.href);
    const templateId = url.searchParams.get(TEMPLATE_PARAM);
    if (!templateId) return;
    url.searchParams.delete(TEMPLATE_PARAM);
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    if (readOnly || applied.has(mapId) || !templateById(templateId)) return;
    applied.add(mapId);
    if (stagesInOrder(doc).length > 0 || readMeta(doc).templateId) return;
    run(() => applyTemplate(doc, templateId, language));
  }, [synced, mapId, doc, readOnly, run, language]);
}

/** Rendered inside the map's context; `synced`: the first sync with the server is done. */
export function ApplyChosenTemplate({ synced }: { synced: boolean }): null {
  useApplyTemplate(synced);
  return null;
}
