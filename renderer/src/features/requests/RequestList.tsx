import { useEffect } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { findService } from '../../../../shared/catalog/catalog';
import type { Language } from '../../../../shared/i18n/messages';
import { useAppServices } from '../../app/appContext';

export function RequestList({ onOpen, onNew, onCatalog, onSettings }: { onOpen(requestId: string): void; onNew(): void; onCatalog(): void; onSettings?: () => void }) {
  const { t, i18n } = useTranslation();
  const { db, catalog } = useAppServices();
  const requests = useLiveQuery(() => db.requests.orderBy('createdAt').reverse().limit(200).toArray(), []);

  useEffect(() => {
    // Alt+N starts the next applicant's request from anywhere on the list.
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && event.key.toLowerCase() === 'n') {
        event.preventDefault();
        onNew();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onNew]);

  return (
    <main className="card">
      <header className="request-header">
        <h1>{t('home.title')}</h1>
        <span className="header-actions">
          {onSettings && (
            <button type="button" id="open-settings" className="secondary" onClick={onSettings}>
              {t('settings.title')}
            </button>
          )}
          <button type="button" id="open-catalog" className="secondary" onClick={onCatalog}>
            {t('catalog.title')}
          </button>
          <button type="button" id="new-request" onClick={onNew} autoFocus>
            {t('home.newRequest')} (Alt+N)
          </button>
        </span>
      </header>
      {requests && requests.length === 0 && <p className="muted">{t('home.empty')}</p>}
      {requests && requests.length > 0 && (
        <table className="requests">
          <thead>
            <tr>
              <th>{t('home.localNumber')}</th>
              <th>{t('home.applicant')}</th>
              <th>{t('home.service')}</th>
              <th>{t('home.status')}</th>
              <th>{t('home.registrationNumber')}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((request) => (
              <tr key={request.id}>
                <td>
                  <button type="button" className="link mono" onClick={() => onOpen(request.id)}>
                    {request.localNumber}
                  </button>
                </td>
                <td>
                  {request.applicant.surname} {request.applicant.givenName} <span className="mono muted">{request.applicantIin}</span>
                </td>
                <td className="service-cell">{findService(catalog, request.serviceId)?.name[i18n.language as Language] ?? request.serviceId}</td>
                <td>{t(`status.${request.status}`)}</td>
                <td className="mono">{request.registrationNumber ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
