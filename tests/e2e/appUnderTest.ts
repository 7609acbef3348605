// The usual setting of a browser test file: one Debian Chromium and one Percorso server serving the
// built app, started before the file's tests and closed after them.
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/helpers/testServer';
import { DIST, launchChromium } from './browser';

export interface AppUnderTest {
  readonly browser: Browser;
  readonly server: TestServer;
}

/** Registers the file's beforeAll/afterAll; read `browser` and `server` inside the tests. */
export function appUnderTest(): AppUnderTest {
  let browser: Browser | undefined;
  let server: TestServer | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    server = await startTestServer({ distDir: DIST }, 'file');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (!value) throw new Error('the browser and server start in beforeAll');
    return value;
  };
  return {
    get browser() {
      return started(browser);
    },
    get server() {
      return started(server);
    },
  };
}
