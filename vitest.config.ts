import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// One project per test layer (docs/ARCHITECTURE.md); `npm test` runs them all.
export default defineConfig({
  plugins: [react()],
  test: {
    // Vitest's default is one worker fewer than the cores: one on a 2-core CI machine, where the
    // server files mostly wait on sockets and child processes (the browser files stay one at a time)
    maxWorkers: 2,
    // A worker's files share its imported modules instead of importing the model, the app or the
    // server again for each file (the ui files 103→33 s, the server's 136→98 s, on 2 cores).
    // tests/ui/setup.ts puts the app's stores and web storage back before each file. The
    // reliability files, which crash and restart servers, keep a fresh module graph each.
    isolate: false,
    projects: [
      {
        extends: true,
        test: { name: 'model', include: ['tests/model/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          include: ['tests/ui/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['tests/ui/setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // the reliability suite (tests/reliability/README.md): bounded in `npm test`, long under SOAK=1 (`npm run soak`)
        extends: true,
        test: {
          name: 'reliability',
          include: ['tests/reliability/**/*.test.ts'],
          environment: 'node',
          testTimeout: process.env.SOAK === '1' ? 3_600_000 : 240_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          isolate: true,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
