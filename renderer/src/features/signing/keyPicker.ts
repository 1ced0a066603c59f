/** What the key picker says about a key in one line, and which key it offers first. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyChoice } from '../../../../shared/host/hostApi';
import type { Language } from '../../../../shared/i18n/messages';

/** The key the operator most likely means: one known to sign for them, else a signing key by its name, else any that may. */
export function preselectedKey(keys: readonly KeyChoice[]): string {
  const usable = keys.filter((key) => key.refusal === null);
  return (usable.find((key) => key.certificate && key.kind === 'sign') ?? usable.find((key) => key.kind === 'sign') ?? usable[0])?.id ?? '';
}

/** NCA names files by the 40-hex key identifier; its first characters tell files apart, the rest only widens the list. */
export const shortFileName = (fileName: string): string => fileName.replace(/([0-9a-f]{8})[0-9a-f]{24,}/i, '$1…');

/** A date of a certificate as the operator's language writes it, on Almaty's calendar. */
export const certificateDate = (iso: string, language: Language): string => new Date(iso).toLocaleDateString(language, { timeZone: 'Asia/Almaty' });

/** The option's text: the owner, algorithm and end of validity once known; before that the kind and file from its name. */
export function useKeyLabel(): (key: KeyChoice) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (key: KeyChoice) => {
      const language = i18n.language as Language;
      const algorithm = key.algorithm ? t(`sign.algorithm_${key.algorithm}`) : null;
      const parts = key.certificate
        ? [key.certificate.commonName, algorithm, t('sign.keyUntil', { date: certificateDate(key.certificate.validTo, language) })]
        : [t(`sign.kind_${key.kind}`), algorithm, shortFileName(key.fileName)];
      return parts.filter(Boolean).join(' · ');
    },
    [t, i18n],
  );
}
