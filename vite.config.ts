import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './scripts/vitePrecompress.ts';
import { devServiceWorkerRemover, offlineServiceWorker } from './scripts/viteOffline.ts';

// In development the API and websocket sync run in the Node server (scripts/dev.mjs starts it on
// DEV_API_PORT); Vite proxies to it so the browser talks to one origin, as in production.
const apiPort = Number(process.env.DEV_API_PORT ?? 5174);

export default defineConfig({
  // precompress: .br and .gz siblings in dist/, build only; offlineServiceWorker: dist/sw.js (scripts/viteOffline.ts)
  plugins: [react(), precompress(), offlineServiceWorker(), devServiceWorkerRemover()],
  server: {
    port: 5173,
    proxy: {
      '/api': `http://127.0.0.1:${apiPort}`,
      '/sync': { target: `ws://127.0.0.1:${apiPort}`, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
