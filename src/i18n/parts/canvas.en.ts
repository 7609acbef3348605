// English strings of the canvas's own dialogs (deleting a stage that holds touchpoints).
export const canvasEn = {
  'stageDelete.title': 'Delete the stage “{name}”?',
  'stageDelete.intro': 'It holds {n} touchpoints. What should happen to them?',
  'stageDelete.choice': 'Its touchpoints',
  'stageDelete.moveTo': 'Move them to “{name}”',
  'stageDelete.deleteToo': 'Delete them too',
  'stageDelete.goesWith':
    'With them go {notes} notes, {metrics} metric values, {media} media files and {comments} comments.',
  'stageDelete.undoHint': 'Undo (Ctrl+Z) brings everything back in one step.',
  'stageDelete.confirm': 'Delete stage',
  'stageDelete.cancel': 'Cancel',
} as const;
