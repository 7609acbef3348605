// "Export" in the map header: PNG and PDF open the options dialog; JSON, CSV and the bundle (the map
// with its media, made by the server) download at once.
import { useState } from 'react';
import { Download } from 'lucide-react';
import { useStore } from 'zustand';
import { useMap } from '../state/session';
import { useUi } from '../state/uiStore';
import { useT } from '../i18n';
import { ExportDialog, type DialogFormat } from './ExportDialog';
import { exportCsvFile, exportJsonFile } from './exportFiles';
import { downloadBlob, fileBaseName } from './download';
import { fetchBundle } from '../sync/api';
import './export.css';

export function ExportMenu() {
  const { doc, store, mapId, mapKey } = useMap();
  const title = useStore(store, (state) => state.meta.title);
  const notify = useUi((state) => state.notify);
  const t = useT();
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<DialogFormat | null>(null);
  const name = title || t('map.untitled');

  const quick = (format: 'json' | 'csv') => {
    setOpen(false);
    try {
      const fileName = format === 'json' ? exportJsonFile(doc, name) : exportCsvFile(doc, name, t);
      notify(t('export.saved', { file: fileName }), 'info');
    } catch (error) {
      notify(t('export.failed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  };
  const bundle = async () => {
    setOpen(false);
    const fileName = `${fileBaseName(name)}.percorso.zip`;
    try {
      downloadBlob(await fetchBundle(mapId, mapKey), fileName);
      notify(t('export.saved', { file: fileName }), 'info');
    } catch (error) {
      notify(t('export.failed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  };
  const choose = (format: DialogFormat) => {
    setOpen(false);
    setDialog(format);
  };

  return (
    <div className="toolbar-menu">
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((value) => !value)}>
        <Download size={16} aria-hidden /> {t('export.button')}
      </button>
      {open && (
        <div className="menu is-right" role="menu" aria-label={t('export.button')}>
          <button type="button" role="menuitem" onClick={() => choose('png')}>
            {t('export.png')}
          </button>
          <button type="button" role="menuitem" onClick={() => choose('pdf')}>
            {t('export.pdf')}
          </button>
          <button type="button" role="menuitem" onClick={() => quick('json')}>
            {t('export.json')}
          </button>
          <button type="button" role="menuitem" onClick={() => void bundle()}>
            {t('export.bundle')}
          </button>
          <button type="button" role="menuitem" onClick={() => quick('csv')}>
            {t('export.csv')}
          </button>
        </div>
      )}
      {dialog && <ExportDialog format={dialog} onClose={() => setDialog(null)} />}
    </div>
  );
}
