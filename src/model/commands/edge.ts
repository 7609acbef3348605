// Path edges: the customer's way from touchpoint to touchpoint.
import * as Y from 'yjs';
import { LIMITS, type Origin } from '../schema';
import { ModelError } from '../errors';
import { assertId, idOrNew } from '../ids';
import { checkText } from '../validate-input';
import { requireFreeId, requireNode, setIfChanged, write } from '../tx';
import { rootMaps } from '../doc-roots';

export interface ConnectArgs {
  source: string;
  target: string;
  label?: string;
  id?: string;
}

/** Connect two different touchpoints; at most one edge per source→target ('duplicate'). */
export function connect(doc: Y.Doc, args: ConnectArgs, origin?: Origin): string {
  const id = requireFreeId(doc, idOrNew(args.id));
  requireNode(doc, args.source, ['touchpoint'], 'source');
  requireNode(doc, args.target, ['touchpoint'], 'target');
  if (args.source === args.target) throw new ModelError('self-loop', 'an edge cannot connect a touchpoint to itself');
  const label = checkText(args.label ?? '', 'label', LIMITS.labelMax);
  const { edges } = rootMaps(doc);
  edges.forEach((e) => {
    if (e instanceof Y.Map && e.get('source') === args.source && e.get('target') === args.target) {
      throw new ModelError('duplicate', `an edge ${args.source} → ${args.target} already exists`);
    }
  });
  write(doc, origin, () => {
    const e = new Y.Map<unknown>();
    edges.set(id, e);
    e.set('source', args.source);
    e.set('target', args.target);
    e.set('kind', 'path');
    e.set('label', label);
  });
  return id;
}

function requireEdge(doc: Y.Doc, edgeId: string): Y.Map<unknown> {
  const id = assertId(edgeId, 'edge id');
  const e = rootMaps(doc).edges.get(id);
  if (!(e instanceof Y.Map)) throw new ModelError('not-found', `edge ${id} does not exist`);
  return e;
}

export function removeEdge(doc: Y.Doc, edgeId: string, origin?: Origin): void {
  requireEdge(doc, edgeId);
  const { edges } = rootMaps(doc);
  write(doc, origin, () => edges.delete(edgeId));
}

/** An edge's label may be empty (most are). */
export function setEdgeLabel(doc: Y.Doc, edgeId: string, label: string, origin?: Origin): void {
  const e = requireEdge(doc, edgeId);
  const l = checkText(label, 'label', LIMITS.labelMax);
  write(doc, origin, () => setIfChanged(e, 'label', l));
}
