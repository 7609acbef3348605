// The template a new map starts from: one card per template of the model, named and described in
// the current language. Blank is the default.
import { FilePlus2, LayoutTemplate, Headset, ShoppingCart } from 'lucide-react';
import { TEMPLATES, type TemplateId } from '../../model';
import { useLanguage, useT } from '../../i18n';
import './templates.css';

const ICONS: Record<TemplateId, typeof FilePlus2> = {
  blank: FilePlus2,
  purchase: ShoppingCart,
  'omnichannel-support': Headset,
  'service-blueprint': LayoutTemplate,
};

export function TemplatePicker({
  value,
  onChange,
  disabled,
}: {
  value: TemplateId;
  onChange: (id: TemplateId) => void;
  disabled?: boolean;
}) {
  const language = useLanguage((state) => state.language);
  const t = useT();
  return (
    <fieldset className="template-picker" disabled={disabled}>
      <legend>{t('templates.label')}</legend>
      {TEMPLATES.map((template) => {
        const Icon = ICONS[template.id];
        return (
          <label key={template.id} className={`template-card ${value === template.id ? 'is-chosen' : ''}`}>
            <input
              type="radio"
              name="template"
              value={template.id}
              checked={value === template.id}
              onChange={() => onChange(template.id)}
            />
            <Icon size={18} aria-hidden />
            <span className="template-name">{template.name[language]}</span>
            <span className="template-description">{template.description[language]}</span>
          </label>
        );
      })}
    </fieldset>
  );
}
