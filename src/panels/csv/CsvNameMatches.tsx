// The names of the node column that were not found as written: each with the card it was taken to
// mean and how sure the match is, or a choice of card when nothing (or several) matched. A choice
// becomes a pick of the mapping (remembered for this map and column: csvPicks.ts).
import type { CsvMapping, CsvNameMatch, JourneyNode } from '../../model';
import { useT } from '../../i18n';

interface Props {
  names: readonly CsvNameMatch[];
  mapping: CsvMapping;
  /** The nodes a name may mean (of the column's kind when it has one). */
  nodes: ReadonlyMap<string, JourneyNode>;
  onPick: (name: string, nodeId: string | null) => void;
}

const KINDS = new Set(['touchpoint', 'channel', 'stage']);

export function CsvNameMatches({ names, mapping, nodes, onPick }: Props) {
  const t = useT();
  const shown = names.filter((n) => n.how !== 'exact');
  if (mapping.match !== 'label' || shown.length === 0) return null;
  const options = [...nodes.values()]
    .filter((n) => KINDS.has(n.kind) && (mapping.nodeKind === undefined || n.kind === mapping.nodeKind))
    .sort((a, b) => a.label.localeCompare(b.label));
  return (
    <section className="csv-names" aria-label={t('csv.names')}>
      <h3>{t('csv.names')}</h3>
      <p className="field-hint">{t('csv.namesHint')}</p>
      <table className="csv-names-table">
        <thead>
          <tr>
            <th scope="col">{t('csv.nameInFile')}</th>
            <th scope="col">{t('csv.nameOnMap')}</th>
            <th scope="col">{t('csv.nameHow')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((match) => {
            const first = new Set(match.candidates.map((c) => c.id));
            return (
              <tr key={match.name} className={`is-${match.how}`}>
                <td className="csv-name">{match.name}</td>
                <td>
                  <select
                    aria-label={t('csv.pickFor', { name: match.name })}
                    value={match.nodeId ?? ''}
                    onChange={(event) => onPick(match.name, event.target.value || null)}
                  >
                    <option value="">{t('csv.noNode')}</option>
                    {match.candidates.length > 0 && (
                      <optgroup label={t('csv.likely')}>
                        {match.candidates.map((c) => (
                          <option key={c.id} value={c.id}>
                            {c.label} ({Math.round(c.score * 100)} %)
                          </option>
                        ))}
                      </optgroup>
                    )}
                    <optgroup label={t('csv.allNodes')}>
                      {options
                        .filter((n) => !first.has(n.id))
                        .map((n) => (
                          <option key={n.id} value={n.id}>
                            {n.label}
                          </option>
                        ))}
                    </optgroup>
                  </select>
                </td>
                <td className="csv-name-how">
                  {match.how === 'similar'
                    ? t('csv.similar', { score: Math.round(match.score * 100) })
                    : match.how === 'picked'
                      ? t('csv.picked')
                      : match.how === 'ambiguous'
                        ? t('csv.ambiguous')
                        : t('csv.noMatch')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
