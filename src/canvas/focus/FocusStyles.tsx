// Dims everything outside the map focus with one injected stylesheet (rules on React Flow's node
// and edge wrappers by id), so focusing or unfocusing re-renders this component, not the nodes.
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useMap } from '../../state/session';
import { useUi } from '../../state/uiStore';
import { dimmedFor, dimmingCss } from './dimming';

export function FocusStyles() {
  const { store } = useMap();
  const focus = useUi((state) => state.focus);
  const nodes = useStore(store, (state) => state.modelNodes);
  const edges = useStore(store, (state) => state.edges);
  const css = useMemo(() => (focus ? dimmingCss(dimmedFor(nodes, focus, edges)) : ''), [focus, nodes, edges]);
  if (!css) return null;
  return <style data-testid="focus-styles">{css}</style>;
}
