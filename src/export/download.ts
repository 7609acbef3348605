// Saving a file from the browser: an object URL on a temporary link (works in every browser we
// support, and playwright sees it as a download).

/** A safe file name from a map title: letters, digits, spaces, dashes and underscores kept. */
export function fileBaseName(title: string): string {
  const cleaned = title
    .normalize('NFKC')
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\p{Cc}+/gu, ' ') // control characters
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
  return cleaned || 'journey';
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // revoke later: some browsers read the URL after click() returns
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Thrown by long exports when the person cancels; the dialog shows no error for it. */
export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
    this.name = 'ExportCancelled';
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ExportCancelled();
}

/** Lets the browser paint (progress) and handle a click on Cancel between heavy steps. */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Steps a long export reports (the dialog names them). */
export type ExportStep = 'prepare' | 'render' | 'encode' | 'pdf';
export type Progress = (fraction: number, step: ExportStep) => void;
