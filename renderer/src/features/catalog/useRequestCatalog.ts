import { useEffect, useState } from 'react';
import type { CatalogData } from '../../../../shared/catalog/catalogSchema';
import { useAppServices } from '../../app/appContext';
import { useErrorText } from '../../app/useErrorText';

/** The catalog a request was taken under: the current one, or an older version the host still keeps. */
export function useRequestCatalog(version: string): { catalog: CatalogData | null; error: string } {
  const { host, catalog: current } = useAppServices();
  const errorText = useErrorText();
  const [older, setOlder] = useState<{ catalog: CatalogData | null; error: string }>({ catalog: null, error: '' });
  useEffect(() => {
    if (version === current.version) return;
    host.call('catalog.get', { version }).then(
      (catalog) => setOlder({ catalog, error: '' }),
      (failure) => setOlder({ catalog: null, error: errorText(failure) }),
    );
  }, [host, errorText, version, current.version]);
  return version === current.version ? { catalog: current, error: '' } : older;
}
