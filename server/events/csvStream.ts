// A CSV body read as it streams in, through papaparse's Node stream reader: records come out in
// chunks, and while the consumer works on one the request stream is paused, so a file of any size
// needs the memory of a few chunks. `,` or `;` is detected from the first chunk; BOM and CRLF are
// accepted.
import type { Readable } from 'node:stream';
import Papa from 'papaparse';

/** Longest line accepted: a body without line ends must not be buffered whole while papaparse waits for one. */
export const CSV_LINE_MAX = 1024 * 1024;

export class CsvLineTooLong extends Error {
  constructor() {
    super(`A line of the CSV is longer than ${CSV_LINE_MAX} characters`);
    this.name = 'CsvLineTooLong';
  }
}

/** Yields the records (the header row first) chunk by chunk; throws if the stream fails. */
export async function* csvRecords(stream: Readable): AsyncGenerator<string[][]> {
  stream.setEncoding('utf8'); // a multi-byte character split between two chunks stays whole
  const queue: string[][][] = [];
  let done = false;
  let failure: Error | null = null;
  let parser: Papa.Parser | null = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };

  Papa.parse<string[]>(stream as unknown as File, {
    delimitersToGuess: [',', ';'],
    skipEmptyLines: false,
    beforeFirstChunk: (chunk: string) => (chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk),
    chunk: (results, p) => {
      parser = p;
      queue.push(results.data);
      // hold the parser and the request until the consumer has written this chunk
      p.pause();
      stream.pause();
      notify();
    },
    complete: () => {
      done = true;
      notify();
    },
    error: (err: Error) => {
      failure = err;
      notify();
    },
  });
  let sinceLineEnd = 0;
  const watchLines = (chunk: string): void => {
    const end = chunk.lastIndexOf('\n');
    sinceLineEnd = end >= 0 ? chunk.length - end - 1 : sinceLineEnd + chunk.length;
    if (sinceLineEnd > CSV_LINE_MAX && !failure) {
      failure = new CsvLineTooLong();
      stream.off('data', watchLines);
      stream.pause();
      notify();
    }
  };
  stream.on('data', watchLines);
  stream.once('error', (err) => {
    failure = err;
    notify();
  });
  stream.once('aborted', () => {
    failure = new Error('the request was aborted');
    notify();
  });

  for (;;) {
    if (failure) throw failure;
    const records = queue.shift();
    if (records) {
      yield records;
      if (queue.length === 0 && !done) {
        stream.resume();
        (parser as Papa.Parser | null)?.resume();
      }
      continue;
    }
    if (done) return;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}
