// A number field that keeps a draft while focused and commits on Enter or blur (one command per
// edit). Reads spreadsheet-style numbers in either decimal convention ("4,5" and "4.5").
import { useEffect, useState } from 'react';
import { parseNumber } from '../model';
import { useLanguage } from '../i18n';

interface Props {
  value: number | null;
  label: string;
  onCommit: (value: number | null) => void;
  /** Shown when the text is not a number. */
  onInvalid: (text: string) => void;
  readOnly?: boolean;
  placeholder?: string;
  testId?: string;
}

export function NumberInput({ value, label, onCommit, onInvalid, readOnly, placeholder, testId }: Props) {
  const language = useLanguage((state) => state.language);
  const shown =
    value === null
      ? ''
      : new Intl.NumberFormat(language, { maximumFractionDigits: 6, useGrouping: false }).format(value);
  const [draft, setDraft] = useState(shown);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setDraft(shown);
  }, [shown, focused]);
  const commit = () => {
    const text = draft.trim();
    if (text === shown) return;
    if (text === '') return onCommit(null);
    const n = parseNumber(text, { decimalComma: language === 'it' });
    if (n === null) return onInvalid(text);
    onCommit(n);
  };
  return (
    <input
      aria-label={label}
      inputMode="decimal"
      value={draft}
      readOnly={readOnly}
      placeholder={placeholder}
      data-testid={testId}
      onFocus={() => setFocused(true)}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={() => {
        setFocused(false);
        if (!readOnly) commit();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') (event.target as HTMLInputElement).blur();
        if (event.key === 'Escape') setDraft(shown);
      }}
    />
  );
}
