// Italian strings of the workspace's map list and trash; every key of workspaceEn must be here.
import type { workspaceEn } from './workspace.en';

export const workspaceIt: Record<keyof typeof workspaceEn, string> = {
  'workspace.heading': 'Mappe di questo spazio di lavoro',
  'workspace.loadFailed': 'Non è stato possibile caricare l’elenco.',
  'workspace.actionFailed': 'Non ha funzionato. Riprova.',
  'workspace.retry': 'Riprova',
  'workspace.search': 'Cerca per titolo o autore',
  'workspace.order': 'Ordine',
  'workspace.order.updated': 'Ultima modifica',
  'workspace.order.title': 'Titolo',
  'workspace.order.owner': 'Autore',
  'workspace.empty': 'Ancora nessuna mappa in questo spazio di lavoro. Crea la prima qui sopra.',
  'workspace.noMatch': 'Nessuna mappa corrisponde alla ricerca.',
  'workspace.edited': 'modificata {when}',
  'workspace.moveToTrash': 'Sposta {title} nel cestino',
  'workspace.moveToTrashHint': 'Sposta nel cestino (da lì si può ripristinare)',
  'workspace.trashed': '“{title}” spostata nel cestino',
  'workspace.trash': 'Cestino',
  'workspace.trashNote':
    'Le mappe nel cestino vengono eliminate per sempre dopo alcuni giorni (30, salvo diversa impostazione del server).',
  'workspace.trashEmpty': 'Il cestino è vuoto.',
  'workspace.trashedAt': 'spostata nel cestino {when}',
  'workspace.restore': 'Ripristina {title}',
  'workspace.restoreShort': 'Ripristina',
  'workspace.duplicate': 'Duplica {title}',
  'workspace.duplicateHint': 'Crea una copia di questa mappa (documento e media)',
};
