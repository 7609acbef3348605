// `npm run soak`: the reliability suite (tests/reliability) at its long sizes (SOAK=1), then the
// figures every test printed, in one block. Extra arguments go to vitest (e.g. a file name).
import { spawn } from 'node:child_process';

const started = Date.now();
const figures = [];
const child = spawn(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--project', 'reliability', ...process.argv.slice(2)],
  {
    env: { ...process.env, SOAK: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
let rest = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const lines = (rest + chunk.toString()).split('\n');
  rest = lines.pop() ?? '';
  for (const line of lines)
    if (line.includes('[reliability soak]')) figures.push(line.slice(line.indexOf('[reliability soak]')).trim());
});
child.on('exit', (code) => {
  console.log(`\nsoak figures (${Math.round((Date.now() - started) / 1000)} s in all):`);
  for (const line of figures) console.log(`  ${line}`);
  process.exit(code ?? 1);
});
