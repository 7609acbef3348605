// "Map settings" in the header (editors only): the ingest key of the metrics API and the webhooks
// that receive the map's metric alerts.
import { useState } from 'react';
import { Settings } from 'lucide-react';
import { useT } from '../../i18n';
import { Modal } from '../../ui/Modal';
import { IngestKeySection } from './IngestKeySection';
import { WebhooksSection } from './WebhooksSection';

export function MapSettingsButton({ editorKey }: { editorKey?: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  if (!editorKey) return null;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} title={t('settings.title')}>
        <Settings size={16} aria-hidden /> {t('settings.button')}
      </button>
      {open && (
        <Modal title={t('settings.title')} onClose={() => setOpen(false)} testId="map-settings">
          <IngestKeySection editorKey={editorKey} />
          <WebhooksSection editorKey={editorKey} />
        </Modal>
      )}
    </>
  );
}
