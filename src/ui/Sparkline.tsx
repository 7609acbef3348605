// A metric's recent history as a tiny inline SVG line (no chart library): oldest left, newest right,
// the newest point marked. Its label says how many values and their range, for screen readers.
import { memo } from 'react';
import type { MetricPoint } from '../model';

interface Props {
  points: readonly MetricPoint[];
  width?: number;
  height?: number;
  label: string;
}

export const Sparkline = memo(function Sparkline({ points, width = 96, height = 26, label }: Props) {
  if (points.length < 2) return null;
  const values = points.map((p) => p.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1; // a flat history draws a flat line in the middle
  const pad = 3;
  const x = (i: number) => pad + (i / (points.length - 1)) * (width - 2 * pad);
  const y = (v: number) => (max === min ? height / 2 : pad + (1 - (v - min) / span) * (height - 2 * pad));
  const d = values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const last = values.length - 1;
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      data-testid="sparkline"
    >
      <title>{label}</title>
      <path className="sparkline-line" d={d} />
      <circle className="sparkline-dot" cx={x(last)} cy={y(values[last] ?? 0)} r={2.5} />
    </svg>
  );
});
