// The toolbar's switch for the "Observed" overlay (anyone may turn it on, viewers included).
import { Footprints } from 'lucide-react';
import { useObserved } from '../../state/observed/observedStore';
import { useT } from '../../i18n';

/** `compact`: the icon alone (the map toolbar, where width is scarce), named by its aria-label. */
export function ObservedToggle({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const on = useObserved((state) => state.on);
  const setOn = useObserved((state) => state.setOn);
  return (
    <button
      type="button"
      className={`${compact ? 'icon-button' : ''} ${on ? 'is-on' : ''}`}
      aria-pressed={on}
      aria-label={compact ? t('observed.toggle') : undefined}
      onClick={() => setOn(!on)}
      title={t('observed.toggleHint')}
      data-testid="observed-toggle"
    >
      <Footprints size={16} aria-hidden />
      {!compact && ` ${t('observed.toggle')}`}
    </button>
  );
}
