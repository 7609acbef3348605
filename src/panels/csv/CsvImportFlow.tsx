// One CSV file through the import: parse, map (prefilled by suggestCsvMapping), preview the plan
// live (planCsvImport writes nothing) and apply the valid rows in one transaction (applyCsvImport).
import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { CircleCheck, Palette } from 'lucide-react';
import {
  CsvError,
  applyCsvImport,
  csvNameKey,
  isModelError,
  parseCsv,
  planCsvImport,
  suggestCsvMapping,
  type CsvApplyResult,
  type CsvImportPlan,
  type CsvMapping,
  type ParsedCsv,
} from '../../model';
import { useMap } from '../../state/session';
import { useMetricText } from '../../state/metrics/format';
import { useUi } from '../../state/uiStore';
import { useT } from '../../i18n';
import { Modal } from '../../ui/Modal';
import { CsvMappingForm } from './CsvMappingForm';
import { CsvPreview } from './CsvPreview';
import { CsvNameMatches } from './CsvNameMatches';
import { loadPicks, savePicks } from './csvPicks';
import { rememberMapping, withRememberedMapping } from './csvLastMapping';
import type { CsvFile } from './csvImportStore';

type Parsed = { csv: ParsedCsv; error?: undefined } | { csv?: undefined; error: string };

function parse(text: string): Parsed {
  try {
    return { csv: parseCsv(text) };
  } catch (error) {
    if (error instanceof CsvError) return { error: error.reason };
    if (isModelError(error)) return { error: 'empty-csv' };
    throw error;
  }
}

export function CsvImportFlow({ file, title, onClose }: { file: CsvFile; title: string; onClose: () => void }) {
  const { doc, store, run, mapId } = useMap();
  const t = useT();
  const text = useMetricText();
  const defs = useStore(store, (state) => state.metricDefs);
  // the preview follows the map: a node renamed or added meanwhile is matched at once
  const nodes = useStore(store, (state) => state.modelNodes);
  const parsed = useMemo(() => parse(file.text), [file.text]);
  const headerOf = (column: number) => parsed.csv?.headers[column] ?? '';
  // the first guess, once per file (the person corrects it from there)
  const [suggestion] = useState(() =>
    parsed.csv && parsed.csv.rows.length > 0 ? suggestCsvMapping(doc, parsed.csv) : null,
  );
  const [switchedFrom, setSwitchedFrom] = useState(suggestion?.switchedFrom);
  const [mapping, setMappingState] = useState<CsvMapping | null>(() => {
    if (!suggestion) return null;
    const { nodeScore: _score, switchedFrom: _switched, ...suggested } = suggestion;
    const start = parsed.csv ? withRememberedMapping(mapId, parsed.csv, suggested) : suggested;
    return { ...start, picks: loadPicks(mapId, headerOf(start.nodeColumn)) };
  });
  // another node column: its own remembered picks
  const setMapping = (next: CsvMapping) =>
    setMappingState(
      mapping && next.nodeColumn !== mapping.nodeColumn
        ? { ...next, picks: loadPicks(mapId, headerOf(next.nodeColumn)) }
        : next,
    );
  const pick = (name: string, nodeId: string | null) => {
    if (!mapping) return;
    const picks = { ...mapping.picks };
    if (nodeId) picks[csvNameKey(name)] = nodeId;
    else delete picks[csvNameKey(name)];
    savePicks(mapId, headerOf(mapping.nodeColumn), picks);
    setMappingState({ ...mapping, picks });
  };
  const [result, setResult] = useState<CsvApplyResult | null>(null);
  const defsByKey = useMemo(() => new Map(defs.map((d) => [d.key, d])), [defs]);
  const plan = useMemo<CsvImportPlan | null>(() => {
    if (!parsed.csv || !mapping) return null;
    try {
      return planCsvImport(doc, parsed.csv, mapping);
    } catch (error) {
      if (isModelError(error)) return null;
      throw error;
    }
    // nodes and defs are not read here but the plan depends on them: re-plan when the map changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, parsed, mapping, nodes, defs]);

  const apply = () => {
    if (!plan) return;
    let applied: CsvApplyResult | undefined;
    if (run(() => (applied = applyCsvImport(doc, plan))) && applied) {
      if (parsed.csv && mapping) rememberMapping(mapId, parsed.csv, mapping);
      setResult(applied);
    }
  };
  const firstKey = mapping?.metricColumns[0]?.key;
  const firstDef = firstKey === undefined ? undefined : defsByKey.get(firstKey);
  const colourBy = () => {
    if (firstKey) useUi.getState().setColorBy(firstKey);
    onClose();
  };

  if (result) {
    return (
      <Modal
        title={title}
        onClose={onClose}
        testId="csv-dialog"
        footer={
          <>
            {firstDef && (
              <button type="button" onClick={colourBy}>
                <Palette size={15} aria-hidden /> {t('csv.colourBy', { metric: text.label(firstDef) })}
              </button>
            )}
            <button type="button" className="primary" onClick={onClose}>
              {t('csv.done')}
            </button>
          </>
        }
      >
        <div className="csv-state" role="status">
          <CircleCheck size={28} color="#1f7a4d" aria-hidden />
          <strong>{t('csv.imported', { n: result.applied })}</strong>
          {result.skipped > 0 && <span>{t('csv.skipped', { n: result.skipped })}</span>}
          {result.errors.length > 0 && <span>{t('csv.refusedAtApply', { n: result.errors.length })}</span>}
        </div>
      </Modal>
    );
  }

  const problem = parsed.error ?? (parsed.csv?.rows.length === 0 ? 'no-rows' : null);
  const ready = plan?.items.length ?? 0;
  return (
    <Modal
      title={title}
      onClose={onClose}
      testId="csv-dialog"
      footer={
        <>
          {plan && <span className="footer-note">{t('csv.footer', { n: ready })}</span>}
          <button type="button" onClick={onClose}>
            {t('csv.cancel')}
          </button>
          {!problem && (
            <button type="button" className="primary" disabled={ready === 0} onClick={apply}>
              {t('csv.apply', { n: ready })}
            </button>
          )}
        </>
      }
    >
      {problem ? (
        <div className="csv-state" role="alert">
          {t(problem === 'unterminated-quote' ? 'csv.badQuote' : problem === 'no-rows' ? 'csv.noRows' : 'csv.empty')}
        </div>
      ) : parsed.csv && mapping ? (
        <>
          <p className="field-hint">
            {t('csv.lead', { rows: parsed.csv.rows.length, columns: parsed.csv.headers.length })}
          </p>
          <CsvMappingForm csv={parsed.csv} mapping={mapping} defs={defs} onChange={setMapping} />
          {switchedFrom !== undefined && switchedFrom !== mapping.nodeColumn && (
            <p className="csv-switched" role="status">
              {t('csv.switched', { meant: headerOf(switchedFrom), used: headerOf(mapping.nodeColumn) })}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setMapping({
                    ...mapping,
                    nodeColumn: switchedFrom,
                    metricColumns: mapping.metricColumns.filter((mc) => mc.column !== switchedFrom),
                  });
                  setSwitchedFrom(undefined);
                }}
              >
                {t('csv.useColumn', { column: headerOf(switchedFrom) })}
              </button>
            </p>
          )}
          {plan && <CsvNameMatches names={plan.names} mapping={mapping} nodes={nodes} onPick={pick} />}
          {mapping.metricColumns.length === 0 && <p className="metric-error">{t('csv.pickMetric')}</p>}
          {plan && <CsvPreview csv={parsed.csv} mapping={mapping} plan={plan} defs={defsByKey} nodes={nodes} />}
        </>
      ) : null}
    </Modal>
  );
}
