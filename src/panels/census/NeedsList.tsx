// The map's customer needs: add, rename, describe, prioritise, remove (with a confirmation; undo
// brings a removed need back with its references).
import { memo, useState } from 'react';
import { Trash2 } from 'lucide-react';
import {
  NEED_PRIORITIES,
  addNeed,
  removeNode,
  setLabel,
  setNeedDetails,
  type NeedNode,
  type NeedPriority,
} from '../../model';
import { useMap } from '../../state/session';
import { useT, type MessageKey } from '../../i18n';
import { TextField } from '../../ui/fields';
import { AddByName, ConfirmRemove } from '../people/PeopleBits';

export const NeedsList = memo(function NeedsList({
  needs,
  servedBy,
}: {
  needs: readonly NeedNode[];
  /** Need id → how many channels serve it. */
  servedBy: ReadonlyMap<string, number>;
}) {
  const t = useT();
  const { doc, readOnly, run } = useMap();
  return (
    <section className="people-section" data-testid="needs-list">
      {needs.length === 0 && <p className="hint">{t('census.noNeeds')}</p>}
      <ul className="needs-list">
        {needs.map((need) => (
          <NeedRow key={need.id} need={need} servedBy={servedBy.get(need.id) ?? 0} />
        ))}
      </ul>
      {!readOnly && (
        <AddByName
          label={t('census.addNeedName')}
          button={t('census.addNeed')}
          onAdd={(label) => run(() => addNeed(doc, { label }))}
        />
      )}
    </section>
  );
});

function NeedRow({ need, servedBy }: { need: NeedNode; servedBy: number }) {
  const t = useT();
  const { doc, readOnly, run } = useMap();
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="need-row" aria-label={need.label}>
      <div className="need-row-main">
        <TextField
          value={need.label}
          allowEmpty={false}
          maxLength={200}
          readOnly={readOnly}
          ariaLabel={t('census.need')}
          onCommit={(label) => run(() => setLabel(doc, need.id, label))}
        />
        <select
          aria-label={t('census.priority')}
          value={need.priority}
          disabled={readOnly}
          onChange={(event) =>
            run(() => setNeedDetails(doc, need.id, { priority: event.target.value as NeedPriority }))
          }
        >
          {NEED_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`census.priority.${p}` as MessageKey)}
            </option>
          ))}
        </select>
        {!readOnly && (
          <button
            type="button"
            className="icon-button"
            aria-label={t('census.removeNeed', { need: need.label })}
            title={t('census.removeNeed', { need: need.label })}
            onClick={() => setConfirming(true)}
          >
            <Trash2 size={14} aria-hidden />
          </button>
        )}
      </div>
      <TextField
        value={need.description}
        multiline
        readOnly={readOnly}
        placeholder={t('census.description')}
        ariaLabel={t('census.description')}
        onCommit={(description) => run(() => setNeedDetails(doc, need.id, { description }))}
      />
      <p className={`small ${servedBy === 0 ? 'need-gap' : 'muted'}`}>{t('census.servedBy', { count: servedBy })}</p>
      {confirming && (
        <ConfirmRemove
          question={t('census.confirmRemoveNeed', { need: need.label })}
          detail={t('census.confirmRemoveNeedDetail')}
          onConfirm={() => run(() => removeNode(doc, need.id))}
          onCancel={() => setConfirming(false)}
        />
      )}
    </li>
  );
}
