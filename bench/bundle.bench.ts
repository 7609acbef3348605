// Initial JavaScript of the built app: the module scripts and modulepreloads that index.html loads,
// gzipped with zlib (level 6, the default of most servers), against the 350 KB target; the chunks
// loaded later on demand; and what the initial JavaScript is made of (from its source map).
// Builds the app first when dist/ is stale (bench/lib/dist.ts). Writes bench/results/bundle.json.
// Run: npx tsx bench/bundle.bench.ts
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { builtApp, initialScripts } from './lib/dist';
import { round, runMain, table, targetTable, writeResult, type Target } from './lib/report';
import { composition } from './lib/sourcemap';

const TARGET_KB = 350;
const kb = (bytes: number) => round(bytes / 1000, 1);

async function main(): Promise<void> {
  const { distDir, built } = builtApp();
  const initial = initialScripts(distDir);
  const all = fs
    .readdirSync(path.join(distDir, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => path.join(distDir, 'assets', name));
  const sizes = (file: string) => {
    const bytes = fs.readFileSync(file);
    return { file: path.relative(distDir, file), raw: bytes.length, gzip: zlib.gzipSync(bytes).length };
  };
  const initialSizes = initial.map(sizes);
  const lazySizes = all.filter((file) => !initial.includes(file)).map(sizes);
  const gzipTotal = initialSizes.reduce((sum, s) => sum + s.gzip, 0);
  const rawTotal = initialSizes.reduce((sum, s) => sum + s.raw, 0);

  // what the initial JavaScript is made of (generated characters per package or src folder)
  const parts = new Map<string, number>();
  for (const file of initial) {
    if (!fs.existsSync(`${file}.map`)) continue;
    for (const { group, chars } of composition(file)) parts.set(group, (parts.get(group) ?? 0) + chars);
  }
  const mapped = [...parts.values()].reduce((a, b) => a + b, 0);
  const makeup = [...parts]
    .sort((a, b) => b[1] - a[1])
    .map(([group, chars]) => ({ group, rawKB: kb(chars), share: round((100 * chars) / Math.max(1, mapped), 1) }));

  // the rich-text editor is only needed once a note is opened in the inspector
  const richText = makeup.filter((m) =>
    /^(@tiptap\/|prosemirror-|linkifyjs$|orderedmap$|rope-sequence$|w3c-keyname$)/.test(m.group),
  );
  const richTextKB = round(
    richText.reduce((sum, m) => sum + m.rawKB, 0),
    1,
  );
  const richTextShare = round(
    richText.reduce((sum, m) => sum + m.share, 0),
    1,
  );

  const files = table(
    ['file', 'loaded', 'raw', 'gzip'],
    [
      ...initialSizes.map((s) => [s.file, 'at start', `${kb(s.raw)} KB`, `${kb(s.gzip)} KB`]),
      ...lazySizes.map((s) => [s.file, 'on demand', `${kb(s.raw)} KB`, `${kb(s.gzip)} KB`]),
    ],
  );
  const top = table(
    ['part of the initial JavaScript', 'raw', 'share'],
    makeup.slice(0, 15).map((m) => [m.group, `${m.rawKB} KB`, `${m.share} %`]),
  );
  const targets: Target[] = [
    {
      name: 'initial JavaScript (gzip)',
      target: `< ${TARGET_KB} KB`,
      measured: `${kb(gzipTotal)} KB`,
      met: gzipTotal < TARGET_KB * 1000,
    },
  ];
  console.log(`bundle: ${path.relative(process.cwd(), distDir) || distDir}${built ? ' (built now)' : ''}`);
  console.log(
    `initial JavaScript: ${kb(rawTotal)} KB raw, ${kb(gzipTotal)} KB gzip in ${initialSizes.length} files\n\n${files}\n\n${top}\n`,
  );
  console.log(
    `rich-text editor (Tiptap + ProseMirror) in the initial JavaScript: ${richTextKB} KB raw, ${richTextShare} % of it\n\n${targetTable(targets)}`,
  );
  const file = writeResult('bundle', {
    distDir: path.relative(process.cwd(), distDir),
    initial: initialSizes,
    lazy: lazySizes,
    initialGzipKB: kb(gzipTotal),
    initialRawKB: kb(rawTotal),
    richTextKB,
    richTextShare,
    makeup,
    table: files,
    makeupTable: top,
    targets,
  });
  console.log(`wrote ${file}`);
}

runMain(main);
