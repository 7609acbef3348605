// Copies a text to the clipboard and says so; where the clipboard is refused, selects the text's
// element instead so the person can copy it by hand.
import { useState } from 'react';
import { Check, Copy } from 'lucide-react';
import { useT } from '../../i18n';

export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      window.prompt(label, text);
    }
  };
  return (
    <button type="button" onClick={() => void copy()} aria-label={label} title={label}>
      {copied ? <Check size={14} aria-hidden /> : <Copy size={14} aria-hidden />}{' '}
      {copied ? t('settings.copied') : t('settings.copy')}
    </button>
  );
}
