// The model's numeric limits: what commands accept, what a journey file may hold and what repair
// clamps a merged document into. A leaf module, so the kind tables and the schema can both use it.

export const LIMITS = {
  /** Labels are trimmed; empty labels are refused. */
  labelMax: 200,
  textMax: 2000,
  listItemMax: 500,
  idMax: 64,
  coordinateAbsMax: 1_000_000,
  sizeMin: 20,
  sizeMax: 10_000,
} as const;

export const EMOTION_MIN = -2;
export const EMOTION_MAX = 2;
