import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessageOf } from './errorMessage';

/** Turns any failure into a sentence in the operator's language; raw exception text never reaches the screen. */
export function useErrorText(): (error: unknown) => string {
  const { i18n } = useTranslation();
  // One function for the page's life (i18n.t reads the language at call time), so effects can list it as a
  // dependency without running again when the operator switches language.
  return useCallback(
    (error: unknown) => {
      const { key, values } = errorMessageOf(error);
      if (!values) console.error(error);
      return i18n.t(key, values);
    },
    [i18n],
  );
}
