// Names as a spreadsheet writes them find the map's nodes: case, accents, punctuation, small words
// and word endings do not matter; different cards stay apart.
import { describe, expect, it } from 'vitest';
import { NAME_MATCH_THRESHOLD, nameSimilarity, nameWords, rankNames } from '../../src/model/csv/nameMatch';

describe('name matching', () => {
  it('reads a name as its meaningful words', () => {
    expect(nameWords('  Chiamata al Call-Center (IVR) ')).toEqual(['chiamata', 'call', 'center', 'ivr']);
    expect(nameWords('Città e Perché')).toEqual(['citta', 'perche']);
    expect(nameWords('Di')).toEqual(['di']); // a name of small words only keeps them
  });

  it('scores the same words 1 and unrelated names 0', () => {
    expect(nameSimilarity('Assistenza telefonica', 'assistenza TELEFONICA')).toBe(1);
    expect(nameSimilarity('Recensioni online', 'Recensioni on-line')).toBeLessThan(1);
    expect(nameSimilarity('WhatsApp', 'Negozio')).toBe(0);
  });

  it('finds a node written differently, above the threshold', () => {
    for (const [written, label] of [
      ['Chiamata al call center', 'Chiamata call center'],
      ['Telefono assistenza', 'Assistenza telefonica'],
      ['E-mail di conferma ordine', 'Email conferma ordine'],
      ['Chat sul sito', 'Chat del sito'],
      ['Calls the contact center', 'Calls the contact centre'],
    ] as const) {
      expect(nameSimilarity(written, label), `${written} ~ ${label}`).toBeGreaterThanOrEqual(NAME_MATCH_THRESHOLD);
    }
  });

  it('keeps different cards apart', () => {
    for (const [a, b] of [
      ['Chat', 'Chat con operatore'],
      ['Ordine online', 'Ritiro in negozio'],
      ['Email', 'Email di reclamo'],
    ] as const) {
      expect(nameSimilarity(a, b), `${a} ≁ ${b}`).toBeLessThan(NAME_MATCH_THRESHOLD);
    }
  });

  it('ranks candidates best first and leaves out those below the threshold', () => {
    const candidates = [
      { id: 't1', label: 'Chiamata call center', kind: 'touchpoint' },
      { id: 'c1', label: 'Call center', kind: 'channel' },
      { id: 't2', label: 'Negozio', kind: 'touchpoint' },
    ];
    expect(rankNames('chiamata al call-center', candidates).map((m) => [m.id, Math.round(m.score * 100)])).toEqual([
      ['t1', 100],
      ['c1', 80],
    ]);
    expect(rankNames('Sito web', candidates)).toEqual([]);
  });
});
