// Avatar text on any persona colour meets WCAG AA (4.5:1).
import { describe, expect, it } from 'vitest';
import { PERSONA_COLORS } from '../../src/model';
import { contrastRatio, readableTextOn } from '../../src/ui/contrast';

describe('readableTextOn', () => {
  it('gives every palette colour (and black, white, a mid grey) text with at least 4.5:1', () => {
    for (const bg of [...PERSONA_COLORS, '#000000', '#ffffff', '#777777', '#d1495b']) {
      expect(contrastRatio(readableTextOn(bg), bg), bg).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('knows the reference ratios', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#d1495b')).toBeCloseTo(4.36, 2); // what axe measured with white text
  });
});
