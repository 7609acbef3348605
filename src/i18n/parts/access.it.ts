// Italian strings of offline use, accessibility names and the outline; every key of accessEn must be here.
import type { accessEn } from './access.en';

export const accessIt: Record<keyof typeof accessEn, string> = {
  'offline.fromCopy':
    'Offline: stai lavorando sulla copia di questa mappa salvata in questo browser. Le modifiche restano qui e vengono unite quando il server torna raggiungibile.',
  'offline.reconnecting':
    'Offline: il server non è raggiungibile. Le modifiche restano in questo browser e vengono unite al suo ritorno.',
};
