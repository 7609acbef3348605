// Two emotion curves overlaid on the stages: A solid with round markers, B dashed with square
// markers (so colour is never the only cue); the stages where they differ most are hatched.
import { useId } from 'react';
import type { CompareRow, ChartPoint } from './comparisonView';

const W = 720;
const H = 210;
const PAD = { left: 30, right: 8, top: 22, bottom: 30 };
const EMOTIONS = [2, 1, 0, -1, -2];

const xAt = (fraction: number) => PAD.left + fraction * (W - PAD.left - PAD.right);
const yAt = (emotion: number) => PAD.top + ((2 - emotion) / 4) * (H - PAD.top - PAD.bottom);
const path = (points: ChartPoint[]) =>
  points.map((p, i) => `${i ? 'L' : 'M'}${xAt(p.x).toFixed(1)},${yAt(p.emotion).toFixed(1)}`).join(' ');

export interface CurveStyle {
  color: string;
  name: string;
}

export function PersonaCurves({
  rows,
  pointsA,
  pointsB,
  a,
  b,
  label,
}: {
  rows: CompareRow[];
  pointsA: ChartPoint[];
  pointsB: ChartPoint[];
  a: CurveStyle;
  b: CurveStyle;
  label: string;
}) {
  const hatch = `hatch-${useId().replace(/:/g, '')}`;
  const band = (W - PAD.left - PAD.right) / Math.max(rows.length, 1);
  const maxChars = Math.max(4, Math.floor(band / 7));
  return (
    <svg
      className="persona-curves"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={label}
      data-testid="persona-curves"
    >
      <defs>
        <pattern id={hatch} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
          <rect width="8" height="8" fill="#fff4dc" />
          <line x1="0" y1="0" x2="0" y2="8" stroke="#e69f00" strokeWidth="2.5" strokeOpacity="0.45" />
        </pattern>
      </defs>
      {rows.map((row, i) => (
        <g key={row.stageId}>
          {row.mostDifferent && (
            <rect
              x={PAD.left + i * band}
              y={PAD.top - 14}
              width={band}
              height={H - PAD.top - PAD.bottom + 14}
              fill={`url(#${hatch})`}
              data-most-different
            />
          )}
          {i > 0 && (
            <line
              x1={PAD.left + i * band}
              x2={PAD.left + i * band}
              y1={PAD.top - 14}
              y2={H - PAD.bottom}
              className="curves-divider"
            />
          )}
          {row.mostDifferent && (
            <text x={PAD.left + (i + 0.5) * band} y={PAD.top - 4} className="curves-most" textAnchor="middle">
              ≠
            </text>
          )}
          <text x={PAD.left + (i + 0.5) * band} y={H - 10} className="curves-stage" textAnchor="middle">
            {row.label.length > maxChars ? `${row.label.slice(0, maxChars - 1)}…` : row.label}
            <title>{row.label}</title>
          </text>
        </g>
      ))}
      {EMOTIONS.map((e) => (
        <g key={e}>
          <line
            x1={PAD.left}
            x2={W - PAD.right}
            y1={yAt(e)}
            y2={yAt(e)}
            className={e === 0 ? 'curves-zero' : 'curves-grid'}
          />
          <text x={PAD.left - 6} y={yAt(e) + 4} className="curves-axis" textAnchor="end">
            {e > 0 ? `+${e}` : e < 0 ? `−${-e}` : '0'}
          </text>
        </g>
      ))}
      <path d={path(pointsA)} fill="none" stroke={a.color} strokeWidth="2.5" strokeLinejoin="round" data-curve="a" />
      <path
        d={path(pointsB)}
        fill="none"
        stroke={b.color}
        strokeWidth="2.5"
        strokeDasharray="7 5"
        strokeLinejoin="round"
        data-curve="b"
      />
      {pointsA.map((p, i) => (
        <circle key={`a${i}`} cx={xAt(p.x)} cy={yAt(p.emotion)} r="5" fill={a.color} stroke="#fff" strokeWidth="1.5" />
      ))}
      {pointsB.map((p, i) => (
        // Hollow, so A's round point still shows where both curves meet.
        <rect
          key={`b${i}`}
          x={xAt(p.x) - 5.5}
          y={yAt(p.emotion) - 5.5}
          width="11"
          height="11"
          fill="none"
          stroke={b.color}
          strokeWidth="2.5"
        />
      ))}
    </svg>
  );
}

/** A legend sample of one curve: its line and marker, as drawn in the chart. */
export function CurveKey({ color, dashed }: { color: string; dashed: boolean }) {
  return (
    <svg className="curve-key" width="34" height="12" viewBox="0 0 34 12" aria-hidden>
      <line
        x1="1"
        x2="33"
        y1="6"
        y2="6"
        stroke={color}
        strokeWidth="2.5"
        strokeDasharray={dashed ? '7 5' : undefined}
      />
      {dashed ? (
        <rect x="12.5" y="1.5" width="9" height="9" fill="#fff" stroke={color} strokeWidth="2.5" />
      ) : (
        <circle cx="17" cy="6" r="5" fill={color} stroke="#fff" strokeWidth="1.5" />
      )}
    </svg>
  );
}

/** Just the marker of a curve (round for A, square for B), beside a number. */
export function CurveMarker({ color, square }: { color: string; square: boolean }) {
  return (
    <svg className="curve-marker" width="12" height="12" viewBox="0 0 12 12" aria-hidden>
      {square ? (
        <rect x="1.5" y="1.5" width="9" height="9" fill="none" stroke={color} strokeWidth="2.5" />
      ) : (
        <circle cx="6" cy="6" r="5" fill={color} />
      )}
    </svg>
  );
}
