// English strings of offline use, accessibility names and the outline (merged by src/i18n/en.ts).
export const accessEn = {
  // the offline notice over an open map (src/app/OfflineNotice.tsx)
  'offline.fromCopy':
    'Offline: you are working on the copy of this map kept in this browser. Your changes stay here and are merged when the server is reachable again.',
  'offline.reconnecting':
    'Offline: the server cannot be reached. Your changes stay in this browser and are merged when it is back.',
} as const;
