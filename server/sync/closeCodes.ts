// Websocket close codes of /sync. 4400–4499 are permanent (the stock y-websocket client stops
// reconnecting); 4500–4599 are transient (it reconnects with backoff).
export const CLOSE = {
  goingAway: { code: 1001, reason: 'server shutting down' },
  malformed: { code: 4400, reason: 'malformed message' },
  missingKey: { code: 4401, reason: 'missing key' },
  wrongKey: { code: 4403, reason: 'wrong key' },
  unknownMap: { code: 4404, reason: 'unknown map' },
  mapDeleted: { code: 4410, reason: 'map deleted' },
  keyRotated: { code: 4411, reason: 'key rotated' },
  presenceTooLarge: { code: 4413, reason: 'presence state too large' },
  tooManyPresenceIds: { code: 4413, reason: 'too many presence client ids' },
  tooManyMessages: { code: 4429, reason: 'too many messages' },
  tooManyBeforeReady: { code: 4429, reason: 'too many messages before ready' },
  tooManyConnections: { code: 4430, reason: 'too many connections' },
  loadFailed: { code: 4500, reason: 'could not load map' },
  storeFailed: { code: 4501, reason: 'could not store update' },
  // refused before any data, so the stock client backs off (it resets its backoff only once synced)
  storageUnavailable: { code: 4503, reason: 'storage cannot write' },
  // a member's role changed or their sessions were revoked: reconnect to be checked again
  accessChanged: { code: 4512, reason: 'access changed' },
} as const;

export type CloseReason = (typeof CLOSE)[keyof typeof CLOSE];
