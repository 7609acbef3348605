// The option fields of the export dialog, one small form per format.
import { useT, type MessageKey } from '../i18n';
import type { PaperSize } from './pdf';

export interface PngChoice {
  scale: number;
  transparent: boolean;
}

export interface PdfChoice {
  layout: PaperSize | 'poster';
  posterPaper: PaperSize;
  columns: number;
  version: string;
  appendix: boolean;
  scale: number;
}

const SCALES = [1, 2, 4];

function Radios<T extends string | number>({
  legend,
  name,
  options,
  value,
  onChange,
}: {
  legend: string;
  name: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className="export-radios">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={String(option.value)}>
          <input type="radio" name={name} checked={option.value === value} onChange={() => onChange(option.value)} />{' '}
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

function ScaleField({
  value,
  onChange,
  legend,
}: {
  value: number;
  onChange: (scale: number) => void;
  legend: MessageKey;
}) {
  const t = useT();
  return (
    <Radios
      legend={t(legend)}
      name="export-scale"
      options={SCALES.map((s) => ({ value: s, label: `${s}×` }))}
      value={value}
      onChange={onChange}
    />
  );
}

export function PngOptionsFields({ value, onChange }: { value: PngChoice; onChange: (value: PngChoice) => void }) {
  const t = useT();
  return (
    <>
      <ScaleField legend="export.scale" value={value.scale} onChange={(scale) => onChange({ ...value, scale })} />
      <Radios
        legend={t('export.background')}
        name="export-background"
        options={[
          { value: 'white', label: t('export.background.white') },
          { value: 'transparent', label: t('export.background.transparent') },
        ]}
        value={value.transparent ? 'transparent' : 'white'}
        onChange={(background) => onChange({ ...value, transparent: background === 'transparent' })}
      />
      <p className="muted export-hint">{t('export.png.hint')}</p>
    </>
  );
}

export function PdfOptionsFields({ value, onChange }: { value: PdfChoice; onChange: (value: PdfChoice) => void }) {
  const t = useT();
  return (
    <>
      <Radios
        legend={t('export.layout')}
        name="export-layout"
        options={[
          { value: 'a4', label: t('export.layout.a4') },
          { value: 'a3', label: t('export.layout.a3') },
          { value: 'poster', label: t('export.layout.poster') },
        ]}
        value={value.layout}
        onChange={(layout) => onChange({ ...value, layout })}
      />
      {value.layout === 'poster' && (
        <div className="export-row">
          <label>
            {t('export.poster.paper')}{' '}
            <select
              value={value.posterPaper}
              onChange={(event) => onChange({ ...value, posterPaper: event.target.value === 'a3' ? 'a3' : 'a4' })}
            >
              <option value="a4">A4</option>
              <option value="a3">A3</option>
            </select>
          </label>
          <label>
            {t('export.poster.columns')}{' '}
            <select
              value={value.columns}
              onChange={(event) => onChange({ ...value, columns: Number(event.target.value) })}
            >
              {[2, 3, 4, 5, 6].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <ScaleField legend="export.quality" value={value.scale} onChange={(scale) => onChange({ ...value, scale })} />
      <label className="export-text">
        {t('export.version')}
        <input
          value={value.version}
          maxLength={120}
          placeholder={t('export.version.placeholder')}
          onChange={(event) => onChange({ ...value, version: event.target.value })}
        />
      </label>
      <label className="export-check">
        <input
          type="checkbox"
          checked={value.appendix}
          onChange={(event) => onChange({ ...value, appendix: event.target.checked })}
        />{' '}
        {t('export.appendix')}
      </label>
    </>
  );
}
