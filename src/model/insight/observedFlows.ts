// The shape of the observed-journeys flows answer (GET /api/maps/:id/flows): the server computes it
// (server/events/flows.ts) and the app draws it; declared once here so the two cannot drift.

/** A touchpoint id, `unmapped:<activity>`, or the virtual `start` / `end`. */
export interface FlowNode {
  id: string;
  events: number;
  cases: number;
  starts: number;
  ends: number;
}

export interface FlowEdge {
  source: string;
  target: string;
  transitions: number;
  cases: number;
  /** Time between the two contacts; null for edges from `start` or to `end`. */
  medianSeconds: number | null;
  p95Seconds: number | null;
  /** The map has a path edge source→target; null when one end is the virtual start or end. */
  designed: boolean | null;
}

export interface Flows {
  cases: number;
  events: number;
  nodes: FlowNode[];
  edges: FlowEdge[];
  variants: { path: string[]; cases: number }[];
  unmapped: { activity: string; events: number }[];
  /** Attribute names and some of their values, when the server lists them (for the filters). */
  attributes?: Record<string, string[]>;
}
