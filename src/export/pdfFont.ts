// A font with the marks Helvetica lacks (✓ ✕ ∅ ≥ ≤ →) for the PDF's legend: DejaVu Sans, from the
// dejavu-fonts-ttf package (Bitstream Vera licence, DejaVu changes in the public domain), bundled with
// the app as an asset and fetched from this server only when a PDF is made. jsPDF embeds only the
// glyphs used.
import type { jsPDF } from 'jspdf';
import fontUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';

/** The name the font is registered under in a jsPDF document. */
export const SYMBOL_FONT = 'DejaVuSans';

/** The font file as base64 (what jsPDF's virtual file system holds), or null when it cannot be loaded. */
export async function loadSymbolFont(): Promise<string | null> {
  try {
    const response = await fetch(fontUrl);
    if (!response.ok) return null;
    const bytes = new Uint8Array(await response.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  } catch {
    return null; // the legend falls back to Helvetica's spellings ("v", "x")
  }
}

export function registerSymbolFont(doc: jsPDF, base64: string): void {
  doc.addFileToVFS(`${SYMBOL_FONT}.ttf`, base64);
  doc.addFont(`${SYMBOL_FONT}.ttf`, SYMBOL_FONT, 'normal');
}

/** True when the document has the symbol font. */
export function hasSymbolFont(doc: jsPDF): boolean {
  return Object.hasOwn(doc.getFontList(), SYMBOL_FONT);
}
