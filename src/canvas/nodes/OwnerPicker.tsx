// The owner picker in a stage header: lists the map's owners, or none.
import { memo } from 'react';
import { useStore } from 'zustand';
import { useMap } from '../../state/session';
import { useT } from '../../i18n';

export const OwnerPicker = memo(function OwnerPicker({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const { store } = useMap();
  const owners = useStore(store, (state) => state.owners);
  const t = useT();
  return (
    <select
      className={`owner-picker nodrag ${value ? '' : 'is-missing'}`}
      aria-label={t('stage.ownerPicker')}
      value={value ?? ''}
      onChange={(event) => onChange(event.target.value || null)}
    >
      {/* an exported picture prints the state, not the invitation to change it */}
      <option value="" data-export-text={t('stage.unowned')}>
        {t(owners.length ? 'stage.assignOwner' : 'stage.noOwnersYet')}
      </option>
      {owners.map((owner) => (
        <option key={owner.id} value={owner.id} title={owner.role}>
          {owner.name}
        </option>
      ))}
    </select>
  );
});
