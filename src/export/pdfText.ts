// jsPDF's built-in fonts (Helvetica) write text in WinAnsi (Windows-1252): every Western European
// letter, € and typographic quotes, but no arrows, maths signs or emoji. Text outside it would come
// out as garbage, so it is mapped to a close WinAnsi spelling first (accents of other alphabets are
// dropped, anything else becomes "?"). The text stays real, selectable and searchable.

const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const REPLACEMENTS: Record<string, string> = {
  '→': '->',
  '←': '<-',
  '↔': '<->',
  '⇒': '=>',
  '−': '-',
  '‑': '-',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '✓': 'v',
  '✔': 'v',
  '✕': 'x',
  '✗': 'x',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  ı: 'i',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
};

function inWinAnsi(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || code === 0x0a || WIN_ANSI_EXTRA.has(ch);
}

export function pdfSafe(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ')) {
    if (inWinAnsi(ch)) out += ch;
    else if (ch in REPLACEMENTS) out += REPLACEMENTS[ch];
    else {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      if (base && [...base].every(inWinAnsi)) out += base;
      else if (/\p{Extended_Pictographic}/u.test(ch) || ch === '\u200d' || ch === '\ufe0f')
        continue; // emoji: left out
      else out += '?';
    }
  }
  return out;
}
