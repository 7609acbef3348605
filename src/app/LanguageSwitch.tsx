// English / Italian switch; the choice is remembered in this browser.
import { useLanguage, useT, type Language } from '../i18n';

export function LanguageSwitch() {
  const t = useT();
  const { language, setLanguage } = useLanguage();
  return (
    <select
      className="language-switch"
      aria-label={t('app.language')}
      value={language}
      onChange={(event) => setLanguage(event.target.value as Language)}
    >
      <option value="en">English</option>
      <option value="it">Italiano</option>
    </select>
  );
}
