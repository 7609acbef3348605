// The service worker that lets a map visited before open with the browser offline or the server down
// (Workbox through vite-plugin-pwa, generateSW). It precaches the app shell and every chunk the build
// emits, lazy ones included (the Tiptap notes editor, the PDF export), and answers navigations outside
// /api and /sync with the cached index.html. It caches nothing at runtime: API answers (keys, media,
// versions) and the websocket sync always go to the network. The app registers it (src/app/offline.ts).
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export const SERVICE_WORKER_URL = '/sw.js';

/** Never served from the cache: the server's API and sync (their answers carry keys and live data). */
const NETWORK_ONLY = [/^\/api(\/|$)/, /^\/sync(\/|$)/];

export function offlineServiceWorker(): Plugin[] {
  return VitePWA({
    strategies: 'generateSW',
    filename: 'sw.js',
    injectRegister: false, // src/app/offline.ts registers it (no inline script: the CSP forbids one)
    registerType: 'prompt', // a new version waits for the app's tabs to close, so an open tab keeps its chunks
    manifest: false,
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,woff2}'], // not the .br/.gz siblings nor source maps
      maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      navigateFallback: 'index.html',
      navigateFallbackDenylist: NETWORK_ONLY,
      cleanupOutdatedCaches: true,
      runtimeCaching: [],
    },
  });
}

/**
 * In development there is no service worker; one left on this origin by a production build (same
 * port) would serve that build's cached page instead of Vite's. The browser checks /sw.js for updates
 * on every navigation: the dev server answers with a worker that unregisters itself and reloads its pages.
 */
export function devServiceWorkerRemover(): Plugin {
  const script = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    self.registration
      .unregister()
      .then(() => self.clients.matchAll({ type: 'window' }))
      .then((clients) => Promise.all(clients.map((client) => client.navigate(client.url)))),
  );
});
`;
  return {
    name: 'percorso:dev-service-worker-remover',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use(SERVICE_WORKER_URL, (_request, response) => {
        response.setHeader('content-type', 'text/javascript; charset=utf-8');
        response.setHeader('cache-control', 'no-cache');
        response.end(script);
      });
    },
  };
}
