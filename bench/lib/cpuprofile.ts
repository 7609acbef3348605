// Where a V8 CPU profile (Node's --cpu-prof, or Chromium's Profiler domain) spends its time: the
// functions with the most self time and with the most total time (self + callees), by name and
// place. Also runnable on a file: npx tsx bench/lib/cpuprofile.ts PROFILE.cpuprofile [N]
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

type CallFrame = CpuProfile['nodes'][number]['callFrame'];
/** Maps a generated place (url, 0-based line and column) to its original `source:line`, or null. */
export type Resolve = (url: string, line: number, column: number) => { source: string; line: number } | null;

function shortUrl(url: string): string {
  return url.replace(/^.*\/(node_modules|src|server|bench|assets)\//, '$1/').replace(/^file:\/\//, '');
}

export function summarizeProfile(
  profile: CpuProfile,
  top = 20,
  resolve?: Resolve,
): { text: string; lines: string[]; totalMs: number } {
  const original = (frame: CallFrame) =>
    resolve && frame.url ? resolve(frame.url, frame.lineNumber, frame.columnNumber) : null;
  const place = (frame: CallFrame): string => {
    const at = original(frame);
    if (at) return `${frame.functionName || '(anonymous)'} ${shortUrl(at.source)}:${at.line}`;
    const url = shortUrl(frame.url);
    return `${frame.functionName || '(anonymous)'} ${url}${url ? `:${frame.lineNumber + 1}` : ''}`;
  };
  const fileOf = (frame: CallFrame): string | null => {
    const at = original(frame);
    const file = at ? shortUrl(at.source) : frame.url ? shortUrl(frame.url) : null;
    if (!file) return null;
    const pkg = /^node_modules\/((@[^/]+\/)?[^/]+)/.exec(file);
    return pkg ? `node_modules/${pkg[1]}` : file;
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const time = new Map<number, number>();
  profile.samples.forEach((id, i) => time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const files = new Map<string, number>();
  let all = 0;
  let idle = 0;
  for (const [id, us] of time) {
    const node = byId.get(id);
    if (!node) continue;
    all += us;
    const key = place(node.callFrame);
    if (node.callFrame.functionName === '(idle)') idle += us;
    self.set(key, (self.get(key) ?? 0) + us);
    const seen = new Set<string>();
    const seenFiles = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)?.callFrame ?? node.callFrame;
      const k = place(frame);
      if (!seen.has(k)) {
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + us);
      }
      const f = fileOf(frame);
      if (f && !seenFiles.has(f)) {
        seenFiles.add(f);
        files.set(f, (files.get(f) ?? 0) + us);
      }
    }
  }
  const busy = all - idle;
  const rows = (m: Map<string, number>) =>
    [...m]
      .filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(root)') && !k.startsWith('(program)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([k, us]) =>
          `${(us / 1000).toFixed(0).padStart(6)} ms ${((100 * us) / Math.max(1, busy)).toFixed(1).padStart(5)} %  ${k}`,
      );
  const lines = [
    `busy ${(busy / 1000).toFixed(0)} ms of ${(all / 1000).toFixed(0)} ms sampled`,
    '-- self time by function',
    ...rows(self),
    '-- total time (with callees) by function',
    ...rows(total),
    '-- total time (with callees) by file or package',
    ...rows(files),
  ];
  return { text: lines.join('\n'), lines, totalMs: all / 1000 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: tsx bench/lib/cpuprofile.ts PROFILE.cpuprofile [TOP]');
  console.log(
    summarizeProfile(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, Number(process.argv[3] ?? 30)).text,
  );
}
