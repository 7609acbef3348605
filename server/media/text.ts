// Decides, while the bytes stream past, whether an upload is inert text: valid UTF-8, no NUL, and not
// markup (HTML, SVG, XML, a script tag) that a browser could be talked into rendering.
import { TextDecoder } from 'node:util';

/** How much decoded text is kept to look for markup. */
const HEAD_CHARS = 1024;
const MARKUP = /<(?:!doctype|html|head|body|script|svg|iframe|\?xml)/i;

export class TextSniffer {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  private possible = true;
  private head = '';

  feed(chunk: Uint8Array): void {
    if (!this.possible) return; // binary files fail within the first chunk and cost nothing after
    if (chunk.includes(0)) {
      this.possible = false;
      return;
    }
    try {
      const text = this.decoder.decode(chunk, { stream: true });
      if (this.head.length < HEAD_CHARS) this.head += text.slice(0, HEAD_CHARS - this.head.length);
    } catch {
      this.possible = false;
    }
  }

  /** True when every byte fed is inert UTF-8 text. Call once, after the last chunk. */
  isInertText(): boolean {
    if (!this.possible) return false;
    try {
      this.decoder.decode(); // throws on a truncated multi-byte sequence at the end
    } catch {
      return false;
    }
    const start = this.head.replace(/^\ufeff/, '').trimStart();
    return !start.startsWith('<') && !MARKUP.test(this.head);
  }
}
