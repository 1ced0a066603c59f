import i18next, { type InitOptions } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLanguage, messages, type Language, type Messages } from '../../../shared/i18n/messages';

type Section = keyof Messages & string;
/** Every message as t() takes it: 'section.key', since the resources below are flattened (keySeparator: false). */
export type MessageKey = { [S in Section]: `${S}.${keyof Messages[S] & string}` }[Section];

// t() accepts only keys that exist in kk/ru/en (one Messages type for all three), so a misspelt key fails to compile.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Record<MessageKey, string> };
    keySeparator: false;
    nsSeparator: false;
  }
}

const LANGUAGE_KEY = 'qabyl.language';

/** The operator's own choice on this machine, if they made one. */
export function storedLanguage(): Language | null {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  return isLanguage(stored) ? stored : null;
}

/** Until an operator picks a language here, the workstation's configured default applies. */
export async function applyDefaultLanguage(language: Language): Promise<void> {
  if (storedLanguage()) return;
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

/** Flattens {section: {key: text}} into {'section.key': text}, so error codes that contain dots stay one key. */
function flatten(tree: object): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [section, entries] of Object.entries(tree)) {
    for (const [key, text] of Object.entries(entries as Record<string, string>)) flat[`${section}.${key}`] = text;
  }
  return flat;
}

/** Everything but the language: the bad-input corpus builds its own instance from these to read messages as the UI does. */
export const i18nOptions: InitOptions = {
  resources: Object.fromEntries(Object.entries(messages).map(([language, translation]) => [language, { translation: flatten(translation) }])),
  fallbackLng: 'ru',
  interpolation: { escapeValue: false },
  keySeparator: false,
  nsSeparator: false,
};

export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({ ...i18nOptions, lng: storedLanguage() ?? 'kk' });
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}
