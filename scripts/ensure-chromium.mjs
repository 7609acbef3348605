// Browser tests drive Debian's Chromium (never a browser downloaded by a test tool). Installs the
// `chromium` package with apt-get when it is missing and we are root; otherwise explains what to do.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (existsSync(CHROMIUM)) {
  console.log(`chromium: ${CHROMIUM}`);
} else if (process.getuid?.() === 0) {
  console.log('chromium is missing: installing the Debian package "chromium" with apt-get…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
    stdio: 'inherit',
  });
  if (!existsSync(CHROMIUM)) {
    console.error(`apt-get finished but ${CHROMIUM} is still missing.`);
    process.exit(1);
  }
} else {
  console.error(
    `Browser tests need Debian's Chromium at ${CHROMIUM}. Install it as root: apt-get install -y chromium (or set CHROMIUM_PATH).`,
  );
  process.exit(1);
}
