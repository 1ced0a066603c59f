import { useTranslation } from 'react-i18next';
import { errorMessageOf } from './errorMessage';

/** Turns any failure into a sentence in the operator's language; raw exception text never reaches the screen. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    const { key, values } = errorMessageOf(error);
    if (!values) console.error(error);
    return t(key, values);
  };
}
