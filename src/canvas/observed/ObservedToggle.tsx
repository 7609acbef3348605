// The toolbar's switch for the "Observed" overlay (anyone may turn it on, viewers included).
import { Footprints } from 'lucide-react';
import { useObserved } from '../../state/observed/observedStore';
import { useT } from '../../i18n';

export function ObservedToggle() {
  const t = useT();
  const on = useObserved((state) => state.on);
  const setOn = useObserved((state) => state.setOn);
  return (
    <button type="button" className={on ? 'is-on' : ''} aria-pressed={on} onClick={() => setOn(!on)} title={t('observed.toggleHint')} data-testid="observed-toggle">
      <Footprints size={16} aria-hidden /> {t('observed.toggle')}
    </button>
  );
}
