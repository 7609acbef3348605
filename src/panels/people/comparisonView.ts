// The persona comparison as the dialog draws it: one row per stage (touchpoint labels only A /
// both / only B, mean emotions, most-different mark) and both emotion curves on a shared x axis.
import type * as Y from 'yjs';
import { comparePersonas, journeyPath, type JourneyNode, type PersonaCurvePoint } from '../../model';

export interface CompareRow {
  stageId: string;
  label: string;
  color: string;
  onlyA: string[];
  both: string[];
  onlyB: string[];
  emotionA: number | null;
  emotionB: number | null;
  mostDifferent: boolean;
}

export interface ChartPoint {
  /** 0..1 across the chart: stages get equal bands, a stage's touchpoints spread evenly in its band. */
  x: number;
  emotion: number;
}

export interface ComparisonView {
  rows: CompareRow[];
  pointsA: ChartPoint[];
  pointsB: ChartPoint[];
}

export function comparisonView(
  doc: Y.Doc,
  nodes: ReadonlyMap<string, JourneyNode>,
  a: string,
  b: string,
): ComparisonView {
  const cmp = comparePersonas(doc, a, b);
  const labelOf = (id: string) => nodes.get(id)?.label ?? id;
  const most = new Set(cmp.mostDifferent);
  const rows = cmp.stages.map((s): CompareRow => {
    const stage = nodes.get(s.stageId);
    return {
      stageId: s.stageId,
      label: stage?.label ?? s.stageId,
      color: stage?.kind === 'stage' ? stage.color : '#999999',
      onlyA: s.onlyA.map(labelOf),
      both: s.both.map(labelOf),
      onlyB: s.onlyB.map(labelOf),
      emotionA: s.emotionA,
      emotionB: s.emotionB,
      mostDifferent: most.has(s.stageId),
    };
  });
  // A touchpoint met by both sits at the same x on both curves: x follows the journey path order of
  // every touchpoint either persona meets, within its stage's band.
  const order = new Map(journeyPath(doc).map((tp, i) => [tp.id, i]));
  const xOf = new Map<string, number>();
  const n = Math.max(cmp.stages.length, 1);
  cmp.stages.forEach((s, band) => {
    const ids = [...s.onlyA, ...s.both, ...s.onlyB].sort((p, q) => (order.get(p) ?? 0) - (order.get(q) ?? 0));
    ids.forEach((id, k) => xOf.set(id, (band + (k + 0.5) / ids.length) / n));
  });
  // Touchpoints without a stage are in no band (and in no row): the chart leaves them out.
  const points = (curve: PersonaCurvePoint[]) =>
    curve.flatMap((p) => {
      const x = xOf.get(p.touchpointId);
      return x === undefined ? [] : [{ x, emotion: p.emotion }];
    });
  return { rows, pointsA: points(cmp.curveA), pointsB: points(cmp.curveB) };
}

/** An emotion for reading: signed, one decimal when it is a mean, a real minus sign; '—' for none. */
export function formatEmotion(value: number | null): string {
  if (value === null) return '—';
  const text = Number.isInteger(value) ? String(Math.abs(value)) : Math.abs(value).toFixed(1);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : '0';
}
