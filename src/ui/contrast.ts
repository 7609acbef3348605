// Text on a colour someone picked (a persona's avatar): white or black, whichever reads better
// (WCAG 2 contrast), so every colour of the picker — and any #rrggbb a file brings — stays legible.

// pure black and white: for any colour one of them reaches at least 4.58:1 (they tie at luminance 0.18)
const DARK = '#000000';
const LIGHT = '#ffffff';

function channel(hex: string, at: number): number {
  const c = parseInt(hex.slice(at, at + 2), 16) / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a #rrggbb colour (0 black … 1 white); 0.5 for anything else. */
export function luminance(hex: string): number {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return 0.5;
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The text colour with the higher contrast on `background`. */
export function readableTextOn(background: string): string {
  return contrastRatio(LIGHT, background) >= contrastRatio(DARK, background) ? LIGHT : DARK;
}
