import { useTranslation } from 'react-i18next';
import { HostCallError } from '../host/hostClient';

/** Turns any failure into a sentence in the operator's language; raw exception text never reaches the screen. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (error instanceof HostCallError) return t(`errors.${error.code}`);
    console.error(error);
    return t('errors.unexpected');
  };
}
