// Registers the service worker that keeps the app itself available offline (built by
// scripts/viteOffline.ts); the maps' data is kept by y-indexeddb and Dexie (src/sync, src/db).
// Only the production build has one: the dev server answers /sw.js with a worker that removes itself.

export const SERVICE_WORKER_URL = '/sw.js';

export function registerOfflineApp(
  container: ServiceWorkerContainer | undefined = navigator.serviceWorker,
  production = import.meta.env.PROD,
): void {
  if (!production || !container) return;
  // after the page has loaded, so precaching the chunks does not compete with opening the map
  const register = () => {
    container.register(SERVICE_WORKER_URL, { scope: '/' }).catch((error: unknown) => {
      console.warn('The app will not open offline: its service worker could not be registered.', error);
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
