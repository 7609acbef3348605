// The built web app for the browser benchmarks. dist/ when it is newer than every source (what
// `npm start` would serve); otherwise a fresh `vite build` into .tmp/bench-dist, so a benchmark
// never rewrites dist/ under a browser test that may be using it. BENCH_DIST=DIR measures another
// build as it is (a candidate fix built from a copy of the sources, say).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './report';

const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'];

function newestMtime(file: string): number {
  if (!fs.existsSync(file)) return 0;
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(file).map((name) => newestMtime(path.join(file, name))));
}

function isFresh(distDir: string): boolean {
  const index = path.join(distDir, 'index.html');
  if (!fs.existsSync(index)) return false;
  return fs.statSync(index).mtimeMs >= Math.max(...SOURCES.map((p) => newestMtime(path.join(ROOT, p))));
}

/** A directory holding a build of the current sources (built now if needed). */
export function builtApp(): { distDir: string; built: boolean } {
  if (process.env.BENCH_DIST) return { distDir: path.resolve(process.env.BENCH_DIST), built: false };
  const dist = path.join(ROOT, 'dist');
  if (isFresh(dist)) return { distDir: dist, built: false };
  const own = path.join(ROOT, '.tmp', 'bench-dist');
  if (isFresh(own)) return { distDir: own, built: false };
  console.log('  building the web app into .tmp/bench-dist (dist/ is missing or older than the sources)…');
  try {
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--outDir',
        own,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
  } catch (err) {
    // the sources may be mid-edit; an older build still measures the app
    if (!fs.existsSync(path.join(dist, 'index.html'))) throw err;
    console.warn('  the build failed; measuring the existing dist/ instead');
    return { distDir: dist, built: false };
  }
  return { distDir: own, built: true };
}

/** The JavaScript files that index.html loads before anything else: its module scripts and modulepreloads. */
export function initialScripts(distDir: string): string[] {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const urls = new Set<string>();
  for (const match of html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)) if (match[1]) urls.add(match[1]);
  for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g))
    if (match[1]) urls.add(match[1]);
  return [...urls].map((url) => path.join(distDir, url.replace(/^\//, '')));
}
