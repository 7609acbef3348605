// Owner fields: role and e-mail (the name is the label).
import { memo } from 'react';
import { setOwnerDetails, type OwnerNode } from '../../model';
import { useMap } from '../../state/session';
import { useT } from '../../i18n';
import { Field, TextField } from '../../ui/fields';

export const OwnerFields = memo(function OwnerFields({ owner }: { owner: OwnerNode }) {
  const t = useT();
  const { doc, readOnly, run } = useMap();
  return (
    <>
      <Field label={t('inspector.role')}>
        {(id) => (
          <TextField
            id={id}
            value={owner.role}
            readOnly={readOnly}
            maxLength={200}
            onCommit={(role) => run(() => setOwnerDetails(doc, owner.id, { role }))}
          />
        )}
      </Field>
      <Field label={t('inspector.email')}>
        {(id) => (
          <TextField
            id={id}
            type="email"
            value={owner.email}
            readOnly={readOnly}
            maxLength={200}
            onCommit={(email) => run(() => setOwnerDetails(doc, owner.id, { email }))}
          />
        )}
      </Field>
    </>
  );
});
