/**
 * The bad-input corpus (issue 8): inputs an operator, a file, a key, a certificate or the gateway can throw at the
 * workstation, each with the message the operator must then read. Cases are data; badInput.test.ts runs them.
 */
import i18next from 'i18next';
import { languages, type Language } from '../../shared/i18n/messages';
import { errorMessageOf } from '../../renderer/src/app/errorMessage';
import { i18nOptions, type MessageKey } from '../../renderer/src/i18n/i18n';

export const areas = ['form', 'file', 'key', 'certificate', 'gateway', 'catalog', 'settings', 'queue'] as const;
export type Area = (typeof areas)[number];

/** The issue asks for at least 60 cases, and at least 8 in each of the first five areas. */
export const MIN_CASES = 60;
export const minimumPerArea: Partial<Record<Area, number>> = { form: 8, file: 8, key: 8, certificate: 8, gateway: 8 };

/** What the operator is shown: the message key the UI picks, and its text in each language. */
export interface Outcome {
  key: string;
  texts: Record<Language, string>;
}

/** Valid text that looks dangerous (markup, SQL): taken as typed, kept verbatim, shown as text. */
export const KEPT = 'kept';

export interface BadInputCase<Context> {
  id: string;
  area: Area;
  description: string;
  /** The message key the operator must be shown, or KEPT. */
  expected: string;
  run(context: Context): Promise<Outcome>;
  /** A good call of the same kind, on the same workstation, that must still succeed afterwards. */
  stillWorks(context: Context): Promise<void>;
}

const translators = Object.fromEntries(
  await Promise.all(
    languages.map(async (language) => {
      const instance = i18next.createInstance();
      await instance.init({ ...i18nOptions, lng: language });
      // Cases name keys as data, some deliberately not messages (`unclassified.…`): those read back as the key itself.
      return [language, (key: string, values?: Record<string, unknown>) => instance.t(key as MessageKey, values ?? {})] as const;
    }),
  ),
) as Record<Language, (key: string, values?: Record<string, unknown>) => string>;

/** A message key read the way the renderer reads it (the same i18next resources and options). */
export function uiMessage(key: string, values?: Record<string, unknown>): Outcome {
  return { key, texts: Object.fromEntries(languages.map((language) => [language, translators[language](key, values)])) as Record<Language, string> };
}

/** A failed call as the renderer says it (useErrorText): the host's refusal, or the unexpected-error text. */
export function failureOutcome(error: unknown): Outcome {
  const { key, values } = errorMessageOf(error);
  return uiMessage(key, values);
}

/** What the operator reads after an action: nothing to read when it went through, else its failure's message. */
export async function outcomeOf(action: Promise<unknown>): Promise<Outcome> {
  try {
    await action;
    return { key: ACCEPTED, texts: { kk: '', ru: '', en: '' } };
  } catch (error) {
    return failureOutcome(error);
  }
}

/** The action went through: right for nothing in this corpus but KEPT text. */
export const ACCEPTED = 'accepted';

export const kept = (): Outcome => ({ key: KEPT, texts: { kk: '', ru: '', en: '' } });

/** The texts the corpus must never fall back to: they say nothing about what was wrong. */
export const genericTexts = (language: Language): string[] => [translators[language]('errors.unexpected'), translators[language]('errors.bridge.internal')];
