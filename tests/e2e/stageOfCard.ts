// Which stage column a card is drawn in, read from the DOM (the e2e tests' check of where a card landed).
import type { Page } from 'playwright-core';

/** The name of the stage whose column holds the centre of the card labelled `card`, or null. */
export async function stageOfCard(page: Page, card: string): Promise<string | null> {
  return page.evaluate((label) => {
    const box = [...document.querySelectorAll('[data-testid="touchpoint"]')]
      .find((el) => el.textContent?.includes(label))
      ?.getBoundingClientRect();
    if (!box) return null;
    const x = box.left + box.width / 2;
    for (const stage of document.querySelectorAll('.react-flow__node-stage')) {
      const r = stage.getBoundingClientRect();
      if (x >= r.left && x <= r.right) return stage.querySelector('.stage-title')?.textContent ?? null;
    }
    return null;
  }, card);
}
