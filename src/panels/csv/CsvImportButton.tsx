// "Import CSV": picks a file for the import dialog (the same dialog a drop on the canvas opens).
import { useRef } from 'react';
import { FileSpreadsheet } from 'lucide-react';
import { useT } from '../../i18n';
import { useCsvImport } from './csvImportStore';
import { CsvImportDialog } from './CsvImportDialog';

export function CsvImportButton() {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => input.current?.click()}
        title={t('csv.buttonHint')}
        aria-label={t('csv.button')}
      >
        <FileSpreadsheet size={15} aria-hidden /> <span className="bar-text">{t('csv.button')}</span>
      </button>
      <input
        ref={input}
        type="file"
        accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
        hidden
        data-testid="csv-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = ''; // picking the same file again opens it again
          if (file) useCsvImport.getState().openFile(file);
        }}
      />
      <CsvImportDialog />
    </>
  );
}
