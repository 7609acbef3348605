// Sizes of the reliability suite: `npm test` runs the bounded sizes, `npm run soak` (SOAK=1) the long ones.
export const SOAK = process.env.SOAK === '1';

/** The bounded size in `npm test`, the long one under SOAK=1. */
export function size(bounded: number, soak: number): number {
  return SOAK ? soak : bounded;
}

/** One line of figures, printed so `npm test` and `npm run soak` logs carry them. */
export function report(what: string, figures: Record<string, unknown>): void {
  const parts = Object.entries(figures).map(
    ([k, v]) => `${k}=${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(1) : String(v)}`,
  );
  console.log(`[reliability${SOAK ? ' soak' : ''}] ${what}: ${parts.join(' ')}`);
}

export function mib(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}
