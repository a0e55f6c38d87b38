import { useI18n } from '../i18n/I18nProvider';
import { LOCALES, parseLocale } from '../i18n/locale';

/** Bahasa Indonesia / English (`compact`: ID / EN, for the board's bar). */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
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
            {compact ? l.toUpperCase() : l === 'id' ? 'Bahasa Indonesia' : 'English'}
          </option>
        ))}
      </select>
    </label>
  );
}
