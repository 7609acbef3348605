// Lint rules, including the layering of docs/ARCHITECTURE.md enforced as import bans.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const networkAndUi = [
  'react',
  'react-dom',
  'react-dom/*',
  '@xyflow/*',
  'dexie',
  'dexie-react-hooks',
  'y-websocket',
  'y-indexeddb',
  'ws',
  'zustand',
  'zustand/*',
  '@tiptap/*',
  'node:*',
  'fs',
  'http',
  'net',
];

/** The model's import ban for files at one depth of src/model; `outside` matches a path leaving it. */
function modelRule(files, outside) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: networkAndUi, message: 'src/model is pure: no React, React Flow, Dexie, network or Node APIs.' },
            { regex: outside, message: 'src/model may not import other layers of src/.' },
          ],
        },
      ],
    },
  };
}

/**
 * The client's layers, top to bottom: app → canvas, panels, export → state, ui → sync, db → i18n,
 * model. Each folder lists the folders above it (or beside it, for panels and export), which it may
 * not import.
 */
const LAYERS_ABOVE = {
  canvas: ['panels', 'export', 'app'],
  panels: ['export', 'app'],
  export: ['panels', 'app'],
  state: ['canvas', 'panels', 'export', 'app'],
  ui: ['canvas', 'panels', 'export', 'app'],
  sync: ['state', 'ui', 'canvas', 'panels', 'export', 'app'],
  db: ['state', 'ui', 'canvas', 'panels', 'export', 'app'],
  i18n: ['sync', 'db', 'state', 'ui', 'canvas', 'panels', 'export', 'app'],
};

/** The import ban of one client layer, one config per folder depth (a relative path climbs out exactly that far). */
function layerRules(layer, above) {
  const banned = `(${above.join('|')})(/|$)`;
  return [1, 2, 3, 4].map((depth) => ({
    files: [`src/${layer}/${'*/'.repeat(depth - 1)}*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./){${depth}}${banned}`,
              message: `src/${layer} may not import ${above.join(', ')}: layers import downward only (docs/ARCHITECTURE.md).`,
            },
          ],
        },
      ],
    },
  }));
}

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-server',
      'dist-bench',
      'node_modules',
      'data',
      'coverage',
      'bench/results',
      '.tmp',
      'tests/e2e/artifacts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  // The pure journey model: yjs and small pure libraries only. Its folders may import each other
  // (`../schema` from src/model/commands/), but a relative path may not climb out of src/model.
  modelRule(['src/model/*.ts'], '^\\.\\./(?!model(/|$))'),
  modelRule(['src/model/*/*.ts'], '^\\.\\./\\.\\./(?!model(/|$))'),
  modelRule(['src/model/*/*/**/*.ts'], '^(\\.\\./){3}'),
  ...Object.entries(LAYERS_ABOVE).flatMap(([layer, above]) => layerRules(layer, above)),
  {
    // The server may use src/model and nothing else of src/.
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+src/(?!model(/|$))',
              message: 'server/ may import src/model and nothing else of src/.',
            },
            {
              group: ['react', 'react-dom', '@xyflow/*', 'dexie', 'zustand'],
              message: 'server/ does not use browser libraries.',
            },
          ],
        },
      ],
    },
  },
);
