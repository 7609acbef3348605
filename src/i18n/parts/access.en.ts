// English strings of offline use, accessibility names and the outline (merged by src/i18n/en.ts).
export const accessEn = {
  // the offline notice over an open map (src/app/OfflineNotice.tsx)
  'offline.fromCopy':
    'Offline: you are working on the copy of this map kept in this browser. Your changes stay here and are merged when the server is reachable again.',
  'offline.reconnecting':
    'Offline: the server cannot be reached. Your changes stay in this browser and are merged when it is back.',
  // accessible names of the canvas's cards (src/canvas/a11y/nodeNames.ts)
  'a11y.touchpoint': 'Touchpoint “{label}”, stage {stage}, channel {channel}',
  'a11y.touchpointNoChannel': 'Touchpoint “{label}”, stage {stage}, no channel',
  'a11y.noStage': 'none',
  'a11y.stage': 'Stage “{label}”, owner {owner}, touchpoints: {n}',
  'a11y.stageNoOwner': 'Stage “{label}”, no owner, touchpoints: {n}',
  'a11y.channel': 'Channel “{label}”, {medium}',
  'a11y.owner': 'Owner “{name}”',
  'a11y.note': 'Note “{text}”',
  'a11y.listItem': '{list}, item {n}',
  'a11y.previewOf': 'Preview “{name}”',
} as const;
