// "Present" in the map header: opens presentation mode (viewers too: it only reads).
import { useCallback, useState } from 'react';
import { Presentation as PresentIcon } from 'lucide-react';
import { useT } from '../../i18n';
import { Presentation } from './Presentation';

export function PresentButton() {
  const [open, setOpen] = useState(false);
  const t = useT();
  const close = useCallback(() => setOpen(false), []);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} title={t('present.hint')}>
        <PresentIcon size={16} aria-hidden /> {t('present.button')}
      </button>
      {open && <Presentation onExit={close} />}
    </>
  );
}
