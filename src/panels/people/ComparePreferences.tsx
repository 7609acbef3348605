// The persona comparison's second half: each channel's preference for both personas, and the needs
// either one weighs, side by side (words and icons, never colour alone).
import { useMemo } from 'react';
import type * as Y from 'yjs';
import { comparePersonas, type ChannelPreference, type JourneyNode, type PersonaNode } from '../../model';
import { useT } from '../../i18n';
import { PREF_ICON } from '../census/NeedsMatrixView';

function Pref({ pref, share }: { pref: ChannelPreference | null; share: number | null }) {
  const t = useT();
  if (pref === null) return <span className="muted">{t('census.pref.unknown')}</span>;
  return (
    <span className={`pref-mark is-${pref}`}>
      <span aria-hidden>{PREF_ICON[pref]}</span> {t(`census.pref.${pref}`)}
      {share !== null && <span className="muted"> · {share} %</span>}
    </span>
  );
}

export function ComparePreferences({
  doc,
  nodes,
  a,
  b,
}: {
  doc: Y.Doc;
  nodes: ReadonlyMap<string, JourneyNode>;
  a: PersonaNode;
  b: PersonaNode;
}) {
  const t = useT();
  const cmp = useMemo(() => comparePersonas(doc, a.id, b.id), [doc, nodes, a.id, b.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const label = (id: string) => nodes.get(id)?.label ?? id;
  const stated = cmp.channels.filter((c) => c.a !== null || c.b !== null);
  if (stated.length === 0 && cmp.needs.length === 0) return null;
  return (
    <div className="compare-prefs" data-testid="compare-preferences">
      {stated.length > 0 && (
        <table className="compare-table">
          <caption>{t('compare.channels')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('census.col.channel')}</th>
              <th scope="col">{a.name}</th>
              <th scope="col">{b.name}</th>
            </tr>
          </thead>
          <tbody>
            {stated.map((c) => (
              <tr key={c.channelId} data-testid="compare-channel">
                <th scope="row">{label(c.channelId)}</th>
                <td>
                  <Pref pref={c.a} share={c.shareA} />
                </td>
                <td>
                  <Pref pref={c.b} share={c.shareB} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cmp.needs.length > 0 && (
        <table className="compare-table">
          <caption>{t('compare.needs')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('census.need')}</th>
              <th scope="col">{a.name}</th>
              <th scope="col">{b.name}</th>
            </tr>
          </thead>
          <tbody>
            {cmp.needs.map((n) => (
              <tr key={n.needId}>
                <th scope="row">{label(n.needId)}</th>
                <td>{n.a === null ? '—' : t('census.weight', { weight: n.a })}</td>
                <td>{n.b === null ? '—' : t('census.weight', { weight: n.b })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
