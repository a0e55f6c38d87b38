import { useI18n } from '../i18n/I18nProvider';
import { LOCALES, parseLocale } from '../i18n/locale';

/** Bahasa Indonesia / English. */
export function LanguageSwitch() {
  const { locale, setLocale, messages } = useI18n();
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{messages.language}</span>
      <select
        value={locale}
        onChange={(e) => setLocale(parseLocale(e.target.value))}
        data-testid="language"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {l === 'id' ? 'Bahasa Indonesia' : 'English'}
          </option>
        ))}
      </select>
    </label>
  );
}
