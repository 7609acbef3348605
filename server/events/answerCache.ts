// Flows answers already computed, per map, filter and everything the answer depends on (the events'
// version, the node each key resolves to): a map opened by a team asks the same flows many times
// between two imports. `designed` is left out of the key and set on the way out, as the map's
// edges change without the events changing.
import type { Flows } from './flows';

/** Answers kept (each a few KiB: nodes, edges, variants). */
const ANSWERS = 64;

export class AnswerCache {
  private readonly answers = new Map<string, Flows>();

  get(key: string): Flows | undefined {
    const found = this.answers.get(key);
    if (found) {
      // most recently used last
      this.answers.delete(key);
      this.answers.set(key, found);
    }
    return found;
  }

  set(key: string, flows: Flows): void {
    this.answers.delete(key);
    this.answers.set(key, flows);
    while (this.answers.size > ANSWERS) this.answers.delete(this.answers.keys().next().value!);
  }

  /** Drops a map's answers (its events were deleted). */
  forget(space: number): void {
    for (const key of this.answers.keys()) if (key.startsWith(`${space}|`)) this.answers.delete(key);
  }
}

/** The key of one flows answer; every part is length-prefixed, so two different inputs never share one. */
export function answerKey(parts: { space: number; version: number; nodeOfKey: string[]; filter: string[] }): string {
  const field = (text: string): string => `${text.length}:${text}`;
  return `${parts.space}|${parts.version}|${parts.nodeOfKey.map(field).join('')}|${parts.filter.map(field).join('')}`;
}
