import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/i18n/messages';
import { useAppServices, useSession } from '../../app/appContext';
import { useErrorText } from '../../app/useErrorText';
import { readFileBase64 } from '../requests/readFileBase64';
import { durationText } from './durationText';

/** The services this workstation offers, where each came from, and (for the administrator) loading a signed update. */
export function CatalogScreen({ onBack }: { onBack(): void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { host, catalog, setCatalog } = useAppServices();
  const { operator } = useSession();
  const errorText = useErrorText();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  async function importUpdate(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    try {
      const updated = await host.call('catalog.import', { contentBase64: await readFileBase64(file) });
      setCatalog(updated);
      setMessage({ ok: true, text: t('catalog.imported', { version: updated.version }) });
    } catch (failure) {
      setMessage({ ok: false, text: errorText(failure) });
    }
  }

  return (
    <main className="card">
      <header className="request-header">
        <h1>{t('catalog.title')}</h1>
        <span className="badge" data-testid="catalog-version">
          {t('catalog.version')} {catalog.version}
        </span>
      </header>
      {operator.role === 'administrator' && (
        <p>
          <button type="button" id="catalog-import" onClick={() => fileInput.current?.click()}>
            {t('catalog.import')}
          </button>
          <input ref={fileInput} id="catalog-file" type="file" accept=".json,application/json" hidden onChange={(event) => void importUpdate(event)} />
        </p>
      )}
      {message && (
        <p className={message.ok ? 'notice' : 'error'} role="alert">
          {message.text}
        </p>
      )}
      <table className="requests">
        <thead>
          <tr>
            <th>{t('home.service')}</th>
            <th>{t('picker.kind')}</th>
            <th>{t('catalog.source')}</th>
          </tr>
        </thead>
        <tbody>
          {catalog.services.map((service) => (
            <tr key={service.id}>
              <td className="service-cell">
                {service.name[language]}
                {service.availability !== 'available' && <div className="muted small">{t('picker.unavailable')}</div>}
              </td>
              <td className="small">
                {service.kinds.map((kind) => (
                  <div key={kind.id}>
                    {kind.name[language]}
                    {kind.resultCap && <span className="muted"> · {durationText(t, kind.resultCap)}</span>}
                  </div>
                ))}
              </td>
              <td className="small muted">
                {service.source.seed}, {service.source.paragraph}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" onClick={onBack} autoFocus>
          {t('request.back')}
        </button>
      </div>
    </main>
  );
}
