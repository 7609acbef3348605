// The static checks of `npm test` (the three typechecks, ESLint, Prettier), two at a time: each is
// one busy core, so on the 2-core CI machine this takes about half the time of running them in turn.
// Every check runs even if another fails; each one's output is printed once it ends.
// Arguments pick checks by the start of their names: `node scripts/checks.mjs typecheck` runs the
// three typechecks (`npm run typecheck`), `eslint prettier` the lint (`npm run lint`).
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

const bin = (name) => path.resolve(import.meta.dirname, '../node_modules/.bin', name);

/** Longest first, so the last to start is a short one. */
const CHECKS = [
  ['typecheck (app)', bin('tsc'), ['-p', 'tsconfig.app.json', '--noEmit']],
  ['typecheck (tests)', bin('tsc'), ['-p', 'tsconfig.tests.json', '--noEmit']],
  ['eslint', bin('eslint'), ['--max-warnings', '0', '.']],
  ['prettier', bin('prettier'), ['--check', '.']],
  ['typecheck (server)', bin('tsc'), ['-p', 'tsconfig.server.json', '--noEmit']],
];

function run([name, command, args]) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: path.resolve(import.meta.dirname, '..') });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (err) => output.push(Buffer.from(`${err.message}\n`)));
    child.on('close', (code) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const ok = code === 0;
      console.log(`${ok ? '✓' : '✗'} ${name} (${seconds} s)`);
      if (!ok) process.stdout.write(Buffer.concat(output));
      resolve(ok);
    });
  });
}

const picked = process.argv.slice(2);
const queue = CHECKS.filter(([name]) => picked.length === 0 || picked.some((start) => name.startsWith(start)));
if (queue.length === 0) {
  console.error(`no check is named ${picked.join(', ')}`);
  process.exit(1);
}
const results = [];
async function worker() {
  for (let check = queue.shift(); check; check = queue.shift()) results.push(await run(check));
}
const parallel = Math.max(1, Math.min(2, os.availableParallelism()));
await Promise.all(Array.from({ length: parallel }, worker));
if (results.some((ok) => !ok)) {
  console.error('static checks failed');
  process.exit(1);
}
