// The cards' boxes, which every path edge routes around, handed down by the canvas: one subscription
// to the view store instead of one per edge, so a drag frame (which changes the store's nodes, not
// the boxes) does not call hundreds of edge selectors.
import { createContext, useContext } from 'react';
import type { Obstacle } from '../../state/edgeRoute';

const NO_BOXES: readonly Obstacle[] = [];

export const CardBoxesContext = createContext<readonly Obstacle[]>(NO_BOXES);

export const useCardBoxes = (): readonly Obstacle[] => useContext(CardBoxesContext);
