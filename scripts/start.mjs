// `npm start`: builds the web app and bundles the server (buildServer.mjs) when either is missing or
// older than its sources, then runs the one server process (app, HTTP API and websocket sync on one
// port) in this same process.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT as root, buildServer, newestMtime } from './buildServer.mjs';

const builtIndex = join(root, 'dist', 'index.html');

const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'].map((p) =>
  newestMtime(join(root, p)),
);
if (!existsSync(builtIndex) || statSync(builtIndex).mtimeMs < Math.max(...sources)) {
  console.log('Building the web app (vite build)…');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}

const server = await buildServer();
await import(pathToFileURL(server).href);
