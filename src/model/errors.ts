// The one error type of the model: commands validate everything before they write, so a thrown
// ModelError always means "nothing was written".

export type ModelErrorCode =
  | 'invalid-id'
  | 'invalid-label'
  | 'invalid-value'
  | 'not-found'
  | 'wrong-kind'
  | 'duplicate'
  | 'self-loop'
  | 'forbidden'; // the caller may not do this (e.g. edit another user's comment)

export class ModelError extends Error {
  readonly code: ModelErrorCode;

  constructor(code: ModelErrorCode, message: string) {
    super(message);
    this.name = 'ModelError';
    this.code = code;
  }
}

export function isModelError(e: unknown): e is ModelError {
  return e instanceof ModelError;
}
