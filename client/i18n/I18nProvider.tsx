import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Messages } from './id';
import { loadLocale, messagesFor, saveLocale, type Locale } from './locale';

interface I18nValue {
  locale: Locale;
  messages: Messages;
  setLocale(locale: Locale): void;
}

const I18nContext = createContext<I18nValue | null>(null);

/** Provides the chosen locale and its catalogue to our UI. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => loadLocale(window.localStorage));
  const setLocale = useCallback((next: Locale) => {
    saveLocale(window.localStorage, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<I18nValue>(
    () => ({ locale, messages: messagesFor(locale), setLocale }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current locale, its messages and a setter. */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (value === null) throw new Error('useI18n outside <I18nProvider>');
  return value;
}
