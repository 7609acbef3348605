// "Import contact log": pick a CSV, map its columns (customer, time, touchpoint, channel; the rest
// become attributes), preview the first rows against the map's touchpoints, then upload it with
// progress (the file streams from the disk: only its header row is rewritten) and show the result
// with the rows the server refused.
import { useRef, useState } from 'react';
import { FileUp, Loader2 } from 'lucide-react';
import { CsvError, isModelError, parseCsv, type ParsedCsv } from '../../model';
import { useMap } from '../../state/session';
import { useObserved } from '../../state/observed/observedStore';
import { uploadEvents, type ImportResult } from '../../sync/observedApi';
import { useT } from '../../i18n';
import { Modal } from '../../ui/Modal';
import {
  headerEnd,
  missingFields,
  rewrittenHeader,
  suggestLogMapping,
  withHeader,
  type LogMapping,
} from './contactLog';
import { LogMappingForm } from './LogMappingForm';
import { LogPreview } from './LogPreview';
import { ImportSummary } from './ImportSummary';

/** The head of the file read for the mapping and the preview. */
const HEAD_BYTES = 64 * 1024;

type Step =
  | { kind: 'reading'; name: string }
  | { kind: 'problem'; name: string; message: string }
  | { kind: 'mapping'; file: File; csv: ParsedCsv; bodyStart: number; mapping: LogMapping }
  | { kind: 'uploading'; file: File; progress: number; controller: AbortController }
  | { kind: 'done'; name: string; result: ImportResult }
  | { kind: 'failed'; name: string; message: string };

async function readHead(
  file: File,
): Promise<{ csv: ParsedCsv; bodyStart: number } | { problem: 'empty' | 'no-header' | 'bad-quote' }> {
  const bytes = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const bodyStart = headerEnd(bytes) ?? (file.size <= HEAD_BYTES ? bytes.length : null);
  if (bodyStart === null) return { problem: 'no-header' };
  // whole lines only: the head may end in the middle of a row
  const lastBreak = bytes.lastIndexOf(0x0a);
  const text = new TextDecoder().decode(
    file.size <= HEAD_BYTES || lastBreak < 0 ? bytes : bytes.slice(0, lastBreak + 1),
  );
  try {
    return { csv: parseCsv(text), bodyStart };
  } catch (error) {
    if (error instanceof CsvError && error.reason === 'unterminated-quote') return { problem: 'bad-quote' };
    if (isModelError(error)) return { problem: 'empty' };
    throw error;
  }
}

export function ContactLogImportButton() {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [step, setStep] = useState<Step | null>(null);
  const open = async (file: File) => {
    setStep({ kind: 'reading', name: file.name });
    try {
      const head = await readHead(file);
      if ('problem' in head)
        return setStep({ kind: 'problem', name: file.name, message: t(`observed.import.${head.problem}`) });
      setStep({ kind: 'mapping', file, ...head, mapping: suggestLogMapping(head.csv.headers) });
    } catch {
      setStep({ kind: 'problem', name: file.name, message: t('observed.import.unreadable') });
    }
  };
  return (
    <>
      <button type="button" onClick={() => input.current?.click()} data-testid="contact-log-button">
        <FileUp size={15} aria-hidden /> {t('observed.import.button')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".csv,.txt,text/csv"
        hidden
        data-testid="contact-log-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void open(file);
        }}
      />
      {step && <ContactLogDialog step={step} setStep={setStep} onClose={() => setStep(null)} />}
    </>
  );
}

function ContactLogDialog({
  step,
  setStep,
  onClose,
}: {
  step: Step;
  setStep: (step: Step) => void;
  onClose: () => void;
}) {
  const t = useT();
  const { mapId, mapKey } = useMap();
  const [hash, setHash] = useState(false);
  const close = () => {
    if (step.kind === 'uploading') step.controller.abort();
    onClose();
  };
  const upload = (file: File, csv: ParsedCsv, bodyStart: number, mapping: LogMapping) => {
    const controller = new AbortController();
    const body = withHeader(file, rewrittenHeader(csv.headers, mapping, csv.delimiter), bodyStart);
    setStep({ kind: 'uploading', file, progress: 0, controller });
    uploadEvents(mapId, mapKey, body, {
      hashCustomers: hash,
      signal: controller.signal,
      onProgress: (progress) =>
        !controller.signal.aborted && setStep({ kind: 'uploading', file, progress, controller }),
    }).then(
      (result) => {
        setStep({ kind: 'done', name: file.name, result });
        void useObserved.getState().refresh();
      },
      (error: unknown) =>
        !controller.signal.aborted &&
        setStep({ kind: 'failed', name: file.name, message: error instanceof Error ? error.message : String(error) }),
    );
  };
  const name = 'name' in step ? step.name : step.file.name;
  const title = t('observed.import.titleFile', { name });
  const closeButton = (
    <button type="button" onClick={close}>
      {step.kind === 'done' ? t('csv.done') : t('csv.cancel')}
    </button>
  );

  if (step.kind === 'mapping') {
    const missing = missingFields(step.mapping);
    return (
      <Modal
        title={title}
        onClose={close}
        testId="contact-log-dialog"
        footer={
          <>
            <label className="observed-hash">
              <input type="checkbox" checked={hash} onChange={(e) => setHash(e.target.checked)} />{' '}
              {t('observed.import.hash')}
            </label>
            {closeButton}
            <button
              type="button"
              className="primary"
              disabled={missing.length > 0}
              onClick={() => upload(step.file, step.csv, step.bodyStart, step.mapping)}
            >
              {t('observed.import.send')}
            </button>
          </>
        }
      >
        <LogMappingForm csv={step.csv} mapping={step.mapping} onChange={(mapping) => setStep({ ...step, mapping })} />
        {missing.length > 0 && (
          <p className="metric-error">
            {t('observed.import.missing', { fields: missing.map((f) => t(`observed.field.${f}`)).join(', ') })}
          </p>
        )}
        <LogPreview csv={step.csv} mapping={step.mapping} />
      </Modal>
    );
  }
  return (
    <Modal title={title} onClose={close} testId="contact-log-dialog" footer={closeButton}>
      {step.kind === 'reading' && (
        <div className="csv-state" aria-busy="true">
          <Loader2 size={22} className="spin" aria-hidden />
          {t('csv.reading')}
        </div>
      )}
      {(step.kind === 'problem' || step.kind === 'failed') && (
        <div className="csv-state" role="alert">
          {step.message}
        </div>
      )}
      {step.kind === 'uploading' && (
        <div className="csv-state" aria-busy="true">
          <progress
            max={1}
            value={step.progress}
            data-testid="contact-log-progress"
            aria-label={t('observed.import.sending')}
          />
          {t('observed.import.progress', { n: Math.round(step.progress * 100) })}
        </div>
      )}
      {step.kind === 'done' && <ImportSummary result={step.result} />}
    </Modal>
  );
}
