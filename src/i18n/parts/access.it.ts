// Italian strings of offline use, accessibility names and the outline; every key of accessEn must be here.
import type { accessEn } from './access.en';

export const accessIt: Record<keyof typeof accessEn, string> = {
  'offline.fromCopy':
    'Offline: stai lavorando sulla copia di questa mappa salvata in questo browser. Le modifiche restano qui e vengono unite quando il server torna raggiungibile.',
  'offline.reconnecting':
    'Offline: il server non è raggiungibile. Le modifiche restano in questo browser e vengono unite al suo ritorno.',
  'a11y.touchpoint': 'Touchpoint “{label}”, fase {stage}, canale {channel}',
  'a11y.touchpointNoChannel': 'Touchpoint “{label}”, fase {stage}, nessun canale',
  'a11y.noStage': 'nessuna',
  'a11y.stage': 'Fase “{label}”, responsabile {owner}, touchpoint: {n}',
  'a11y.stageNoOwner': 'Fase “{label}”, senza responsabile, touchpoint: {n}',
  'a11y.channel': 'Canale “{label}”, {medium}',
  'a11y.owner': 'Responsabile “{name}”',
  'a11y.note': 'Nota “{text}”',
  'a11y.listItem': '{list}, voce {n}',
  'a11y.previewOf': 'Anteprima di “{name}”',
};
