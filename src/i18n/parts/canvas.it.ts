// Italian strings of the canvas's own dialogs; every key of canvasEn must be here (the type checks it).
import type { canvasEn } from './canvas.en';

export const canvasIt: Record<keyof typeof canvasEn, string> = {
  'stageDelete.title': 'Eliminare la fase “{name}”?',
  'stageDelete.intro': 'Contiene {n} touchpoint. Che cosa ne facciamo?',
  'stageDelete.choice': 'I suoi touchpoint',
  'stageDelete.moveTo': 'Spostali in “{name}”',
  'stageDelete.deleteToo': 'Eliminali insieme alla fase',
  'stageDelete.goesWith':
    'Con loro vengono eliminati {notes} note, {metrics} valori di metrica, {media} file multimediali e {comments} commenti.',
  'stageDelete.undoHint': 'Annulla (Ctrl+Z) ripristina tutto in un solo passo.',
  'stageDelete.confirm': 'Elimina la fase',
  'stageDelete.cancel': 'Annulla',
};
