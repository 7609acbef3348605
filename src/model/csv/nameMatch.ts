// Names that mean the same node, as a spreadsheet writes them: "Chiamata al call center" for the map's
// "Chiamata call center", "Telefono (assistenza)" for "Assistenza telefonica". Names are compared
// as sets of words: case, accents, punctuation and small words (articles, prepositions) are
// ignored, and two words are the same when one is the other's stem ("telefon" ~ "telefonica").
// The score is the Dice coefficient of the two word sets (2·shared / (|a| + |b|)), 1 for the same
// words: 0.75 and above means at least three quarters of the words are shared, which in tests on the
// templates' names never confused two different cards, while 0.5 did ("Chat" ~ "Chat con operatore").

/** Words that carry no meaning for telling nodes apart (Italian and English). */
const SMALL_WORDS = new Set(
  (
    'a al alla alle agli ai allo an and at by con da dal dalla dai degli dei del della delle dello di e ed ' +
    'for from gli i il in la le lo nei nel nella of on or per sul sulla the to tra un una uno via with'
  ).split(' '),
);

/** A name's meaningful words: lower case, no accents, no punctuation, small words left out. */
export function nameWords(name: string): string[] {
  const words = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\be[-\s]?mail\b/g, 'email') // "E-mail", "e mail": one word, not the conjunction "e"
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  const meaningful = words.filter((w) => !SMALL_WORDS.has(w));
  return meaningful.length > 0 ? meaningful : words;
}

const sortedLetters = (word: string) => [...word].sort().join('');

/**
 * The same word; one a stem of the other (from 4 letters: they agree on their first 6, or all of the
 * shorter); or the same letters in another order after the same first 4 ("centre" and "center").
 */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 4) return false;
  if (short.length >= 5 && short.length === long.length && short.slice(0, 4) === long.slice(0, 4))
    if (sortedLetters(short) === sortedLetters(long)) return true;
  const stem = Math.min(short.length, 6);
  return long.startsWith(short.slice(0, stem)) && short.startsWith(long.slice(0, stem));
}

/** 0..1: how much the two names share their words (Dice coefficient over word sets). */
export function nameSimilarity(a: string, b: string): number {
  const wa = [...new Set(nameWords(a))];
  const wb = [...new Set(nameWords(b))];
  if (wa.length === 0 || wb.length === 0) return 0;
  const used = new Set<number>();
  let shared = 0;
  for (const word of wa) {
    const at = wb.findIndex((other, i) => !used.has(i) && sameWord(word, other));
    if (at >= 0) {
      used.add(at);
      shared++;
    }
  }
  return (2 * shared) / (wa.length + wb.length);
}

/** A name is taken to mean a candidate from this score on (see the file's comment). */
export const NAME_MATCH_THRESHOLD = 0.75;

export interface NameCandidate {
  id: string;
  label: string;
  kind: string;
}

export interface NameMatch {
  id: string;
  label: string;
  kind: string;
  score: number;
}

/** The candidates scoring at least `threshold` for `name`, best first (ties by label). */
export function rankNames(
  name: string,
  candidates: readonly NameCandidate[],
  threshold = NAME_MATCH_THRESHOLD,
): NameMatch[] {
  return candidates
    .map((c) => ({ ...c, score: nameSimilarity(name, c.label) }))
    .filter((m) => m.score >= threshold)
    .sort((a, b) => b.score - a.score || a.label.localeCompare(b.label));
}
