// Debian's Chromium driven by playwright-core: never a browser downloaded by a test tool.
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** The built app the browser tests serve (`npm test` builds it first). */
export const DIST = path.resolve(import.meta.dirname, '../../dist');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
