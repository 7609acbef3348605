// Why an upload was refused; the HTTP layer turns each reason into its status and JSON error.

export type RefusalReason = 'too_large' | 'unsupported' | 'map_gone';

export class MediaRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'MediaRefused';
  }
}
