// The scale-out tests start their own redis-server and PostgreSQL (tests/server/helpers/services.ts).
// Installs Debian's `redis-server` and `postgresql` with apt-get when a binary is missing and we are
// root; otherwise explains what to do. The packages' own system services are never left running:
// a policy-rc.d keeps apt from starting them, and they are stopped if they run anyway.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const PG_ROOT = '/usr/lib/postgresql';

/** The directory of `initdb`/`postgres` (Debian keeps them off PATH), or null. */
export function postgresBinDir() {
  if (process.env.PG_BIN_DIR && existsSync(path.join(process.env.PG_BIN_DIR, 'initdb'))) return process.env.PG_BIN_DIR;
  if (existsSync(PG_ROOT)) {
    const versions = readdirSync(PG_ROOT)
      .filter((v) => existsSync(path.join(PG_ROOT, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(PG_ROOT, versions[0], 'bin');
  }
  return null;
}

export function redisServerPath() {
  for (const candidate of [process.env.REDIS_SERVER_PATH, '/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return null;
}

function quiet(command) {
  try {
    execSync(command, { stdio: 'ignore' });
  } catch {
    // not installed or not running: nothing to stop
  }
}

function missing() {
  const packages = [];
  if (!redisServerPath()) packages.push('redis-server');
  if (!postgresBinDir()) packages.push('postgresql');
  return packages;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const packages = missing();
  if (packages.length === 0) {
    console.log(`redis-server: ${redisServerPath()}; postgresql: ${postgresBinDir()}`);
  } else if (process.getuid?.() === 0) {
    console.log(`${packages.join(' and ')} missing: installing with apt-get (their system services are not started)…`);
    const policy = '/usr/sbin/policy-rc.d';
    const ownPolicy = !existsSync(policy);
    // exit 101 = "action forbidden": postinst scripts install the services without starting them
    if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
    try {
      execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(' ')}`, {
        stdio: 'inherit',
      });
    } finally {
      if (ownPolicy) rmSync(policy, { force: true });
    }
    // in case a service started regardless (no policy-rc.d support, or one existed that allowed it)
    quiet('service redis-server stop');
    quiet('service postgresql stop');
    const still = missing();
    if (still.length > 0) {
      console.error(`apt-get finished but ${still.join(' and ')} is still missing.`);
      process.exit(1);
    }
    console.log(`redis-server: ${redisServerPath()}; postgresql: ${postgresBinDir()}`);
  } else {
    console.error(
      `The scale-out tests need ${packages.join(' and ')}. Install as root: apt-get install -y redis-server postgresql ` +
        '(or set REDIS_SERVER_PATH / PG_BIN_DIR).',
    );
    process.exit(1);
  }
}
