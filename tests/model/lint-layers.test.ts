// The layering of the client is enforced by ESLint (eslint.config.js): for a file in each layer, an
// import of a layer above it fails lint and an import of a layer below it passes. Linted through
// ESLint's Node API with the repository's own config, as `npx eslint .` does.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The import-ban messages ESLint reports for `source` as if it were the file at `filePath`. */
async function importBans(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

// [file, an upward (or sideways) import it may not make, a downward import it may make]
const CASES: ReadonlyArray<[string, string, string]> = [
  [
    'src/state/example.ts',
    "import { JourneyCanvas } from '../canvas/JourneyCanvas';",
    "import { roots } from '../model';",
  ],
  [
    'src/state/metrics/example.ts',
    "import { Sidebar } from '../../panels/Sidebar';",
    "import { useMap } from '../session';",
  ],
  [
    'src/state/example.ts',
    "import { ExportMenu } from '../export/ExportMenu';",
    "import { Modal } from '../ui/Modal';",
  ],
  ['src/ui/example.tsx', "import { MapPage } from '../app/MapPage';", "import { useMap } from '../state/session';"],
  ['src/ui/example.tsx', "import '../canvas/focus/focus.css';", "import './metrics.css';"],
  ['src/canvas/example.tsx', "import { Sidebar } from '../panels/Sidebar';", "import { Modal } from '../ui/Modal';"],
  [
    'src/canvas/nodes/example.tsx',
    "import { ExportMenu } from '../../export/ExportMenu';",
    "import { LAYOUT } from '../../state/layout';",
  ],
  [
    'src/canvas/example.tsx',
    "export { MapCanvas } from '../app/MapCanvas';",
    "import { useMediaUrl } from '../sync/useMediaUrl';",
  ],
  [
    'src/panels/example.tsx',
    "import { ExportMenu } from '../export/ExportMenu';",
    "import { JourneyCanvas } from '../canvas/JourneyCanvas';",
  ],
  [
    'src/panels/people/example.tsx',
    "import { ErrorBoundary } from '../../app/ErrorBoundary';",
    "import { ErrorBoundary } from '../../ui/ErrorBoundary';",
  ],
  [
    'src/export/example.ts',
    "import { EMOTIONS } from '../panels/EmotionScale';",
    "import { EMOTIONS } from '../ui/EmotionScale';",
  ],
  [
    'src/export/example.ts',
    "import { MapPage } from '../app/MapPage';",
    "import { MEDIUM_STYLE } from '../state/channelStyle';",
  ],
  ['src/sync/example.ts', "import { useMap } from '../state/session';", "import { db } from '../db/db';"],
  ['src/sync/example.ts', "import { Modal } from '../ui/Modal';", "import { roots } from '../model';"],
  ['src/db/example.ts', "import { useUi } from '../state/uiStore';", "import { t } from '../i18n';"],
  ['src/i18n/example.ts', "import { db } from '../db/db';", "import { en } from './en';"],
];

describe('ESLint forbids upward imports between the client layers', () => {
  it.each(CASES)('%s may not %s', async (file, upward) => {
    const bans = await importBans(file, `${upward}\n`);
    expect(bans).toHaveLength(1);
    expect(bans[0]).toMatch(/layers import downward only/);
  });

  it.each(CASES)('%s may %s', async (file, _upward, downward) => {
    expect(await importBans(file, `${downward}\n`)).toEqual([]);
  });

  it('keeps the pure model and the server rules', async () => {
    expect(await importBans('src/model/example.ts', "import { useUi } from '../state/uiStore';\n")).toHaveLength(1);
    expect(await importBans('src/model/example.ts', "import { create } from 'zustand';\n")).toHaveLength(1);
    expect(await importBans('server/example.ts', "import { useMap } from '../src/state/session';\n")).toHaveLength(1);
    expect(await importBans('server/example.ts', "import { roots } from '../src/model';\n")).toEqual([]);
  });

  it("lets the model's folders import each other with ../, but no path may leave src/model", async () => {
    expect(await importBans('src/model/commands/example.ts', "import { ROOT } from '../schema';\n")).toEqual([]);
    expect(await importBans('src/model/kinds/example.ts', "import { CHANNEL_KIND } from './channel';\n")).toEqual([]);
    expect(
      await importBans('src/model/commands/example.ts', "import { useMap } from '../../state/session';\n"),
    ).toHaveLength(1);
    expect(await importBans('src/model/exchange/example.ts', "import { t } from '../../i18n';\n")).toHaveLength(1);
    expect(await importBans('src/model/example.ts', "import { LAYOUT } from '../state/layout';\n")).toHaveLength(1);
  });
});
