// Two personas side by side: their emotion curves overlaid, and per stage the touchpoints only one
// of them meets, the ones both meet, and their mean emotions; the most different stages marked.
import { useEffect, useMemo, useRef } from 'react';
import { createPortal } from 'react-dom';
import { X } from 'lucide-react';
import type { PersonaNode } from '../../model';
import { useMap } from '../../state/session';
import { useT } from '../../i18n';
import { comparisonView, formatEmotion } from './comparisonView';
import { CurveKey, CurveMarker, PersonaCurves } from './PersonaCurves';
import { PersonaAvatar } from '../../ui/PersonaAvatar';
import { useModelNodes } from './useModelNodes';
import { ComparePreferences } from './ComparePreferences';
import '../census/census.css';
import './people.css';

function Labels({ items }: { items: string[] }) {
  if (items.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="compare-tps">
      {items.map((label, i) => (
        <li key={`${i}-${label}`}>{label}</li>
      ))}
    </ul>
  );
}

export function PersonaCompareDialog({ a, b, onClose }: { a: PersonaNode; b: PersonaNode; onClose: () => void }) {
  const t = useT();
  const { doc } = useMap();
  const nodes = useModelNodes();
  const view = useMemo(() => comparisonView(doc, nodes, a.id, b.id), [doc, nodes, a.id, b.id]);
  const closeButton = useRef<HTMLButtonElement>(null);
  // Escape closes; the focus goes into the dialog and back where it was on close.
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      before?.focus?.();
    };
  }, [onClose]);
  const title = t('personas.compareTitle', { a: a.name, b: b.name });
  return createPortal(
    <div className="compare-backdrop nokey" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div className="compare-dialog" role="dialog" aria-modal="true" aria-label={title} data-testid="persona-compare">
        <header className="compare-header">
          <h2>{title}</h2>
          <button
            ref={closeButton}
            type="button"
            className="icon-button"
            aria-label={t('personas.closeCompare')}
            onClick={onClose}
          >
            <X size={18} aria-hidden />
          </button>
        </header>
        <div className="compare-body">
          <div className="compare-legend">
            {[
              { p: a, dashed: false, key: 'personas.keyA' as const },
              { p: b, dashed: true, key: 'personas.keyB' as const },
            ].map(({ p, dashed, key }) => (
              <span key={p.id} className="compare-who">
                <PersonaAvatar persona={p} size={26} />
                <strong>{p.name}</strong>
                <CurveKey color={p.color} dashed={dashed} />
                <span className="muted small">{t(key)}</span>
              </span>
            ))}
            <span className="compare-who muted small">
              <span className="hatch-key" aria-hidden>
                ≠
              </span>
              {t('personas.keyMost')}
            </span>
          </div>
          {view.rows.length === 0 ? (
            <p className="muted">{t('personas.noStages')}</p>
          ) : (
            <>
              <PersonaCurves
                rows={view.rows}
                pointsA={view.pointsA}
                pointsB={view.pointsB}
                a={{ color: a.color, name: a.name }}
                b={{ color: b.color, name: b.name }}
                label={t('personas.curvesLabel', { a: a.name, b: b.name })}
              />
              <table className="compare-table">
                <colgroup>
                  <col className="col-stage" />
                  <col />
                  <col />
                  <col />
                  <col className="col-emotion" />
                </colgroup>
                <thead>
                  <tr>
                    <th scope="col">{t('personas.stage')}</th>
                    <th scope="col">{t('personas.only', { name: a.name })}</th>
                    <th scope="col">{t('personas.both')}</th>
                    <th scope="col">{t('personas.only', { name: b.name })}</th>
                    <th scope="col" className="num">
                      {t('personas.emotion')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {view.rows.map((row) => (
                    <tr
                      key={row.stageId}
                      className={row.mostDifferent ? 'is-most-different' : undefined}
                      data-testid="compare-row"
                    >
                      <th scope="row" style={{ ['--stage-color' as string]: row.color }}>
                        <span className="compare-stage">{row.label}</span>
                        {row.mostDifferent && <span className="most-badge">≠ {t('personas.differsMost')}</span>}
                      </th>
                      <td>
                        <Labels items={row.onlyA} />
                      </td>
                      <td>
                        <Labels items={row.both} />
                      </td>
                      <td>
                        <Labels items={row.onlyB} />
                      </td>
                      <td className="num">
                        {[
                          { p: a, value: row.emotionA, dashed: false },
                          { p: b, value: row.emotionB, dashed: true },
                        ].map(({ p, value, dashed }) => (
                          <span key={p.id} className="compare-emotion">
                            <CurveMarker color={p.color} square={dashed} />
                            <span className="people-sr-only">{p.name}: </span>
                            <span className="emotion-value">{formatEmotion(value)}</span>
                          </span>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <ComparePreferences doc={doc} nodes={nodes} a={a} b={b} />
        </div>
      </div>
    </div>,
    document.body,
  );
}
