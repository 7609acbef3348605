// The CSV import dialog: reading → mapping and preview → result, with clear states for a file that
// is not a CSV, cannot be read, is empty or has no data rows.
import { Loader2 } from 'lucide-react';
import { useT } from '../../i18n';
import { Modal } from '../../ui/Modal';
import { useCsvImport } from './csvImportStore';
import { CsvImportFlow } from './CsvImportFlow';

export function CsvImportDialog() {
  const t = useT();
  const { status, file, problem, close } = useCsvImport();
  if (status === 'idle') return null;
  const title = file ? t('csv.titleFile', { name: file.name }) : t('csv.title');
  if (status === 'ready' && file)
    return <CsvImportFlow key={file.name + file.text.length} file={file} title={title} onClose={close} />;
  return (
    <Modal
      title={title}
      onClose={close}
      testId="csv-dialog"
      footer={
        <button type="button" onClick={close}>
          {t('metrics.close')}
        </button>
      }
    >
      {status === 'reading' ? (
        <div className="csv-state" aria-busy="true">
          <Loader2 size={22} className="spin" aria-hidden />
          {t('csv.reading')}
        </div>
      ) : (
        <div className="csv-state" role="alert">
          {problem &&
            t(
              problem.reason === 'not-csv'
                ? 'csv.notCsv'
                : problem.reason === 'too-large'
                  ? 'csv.tooLarge'
                  : 'csv.unreadable',
              { name: problem.name },
            )}
        </div>
      )}
    </Modal>
  );
}
