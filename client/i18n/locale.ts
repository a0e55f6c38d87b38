import { en } from './en';
import { id, type Messages } from './id';

/** The languages of our UI; tldraw's own strings use the same locale codes. */
export type Locale = 'id' | 'en';

export const LOCALES: readonly Locale[] = ['id', 'en'];

const LOCALE_KEY = 'papan.locale';

/** The catalogue of a locale. */
export function messagesFor(locale: Locale): Messages {
  switch (locale) {
    case 'id':
      return id;
    case 'en':
      return en;
  }
}

/** A stored value as a locale; Bahasa Indonesia unless English was chosen. */
export function parseLocale(raw: unknown): Locale {
  return raw === 'en' ? 'en' : 'id';
}

/** The locale chosen on this device (localStorage), Bahasa Indonesia by default. */
export function loadLocale(storage: Pick<Storage, 'getItem'> | null): Locale {
  try {
    return parseLocale(storage?.getItem(LOCALE_KEY));
  } catch {
    return 'id';
  }
}

/** Remembers the chosen locale on this device. */
export function saveLocale(storage: Pick<Storage, 'setItem'> | null, locale: Locale): void {
  try {
    storage?.setItem(LOCALE_KEY, locale);
  } catch {
    // Private mode or full storage: the choice lasts for this page only.
  }
}
