import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { retryableStates, unsentStates, type OutboxEntry } from '../../../../shared/sync/outbox';
import { useAppServices } from '../../app/appContext';
import { LAST_ERROR_TEXT } from '../requests/SubmissionState';

/** What waits first: the entries only a person can unblock, then by when they go next. */
const byUrgency = (a: OutboxEntry, b: OutboxEntry) => Number(b.state === 'needs_attention') - Number(a.state === 'needs_attention') || a.nextAttemptAt - b.nextAttemptAt;

/** Everything not yet delivered, in plain words: state, next attempt, last error, and what the operator can do. */
export function OutboxScreen({ onOpen, onBack }: { onOpen(requestId: string): void; onBack(): void }) {
  const { t, i18n } = useTranslation();
  const { db, sync } = useAppServices();
  const [details, setDetails] = useState<string | null>(null);
  const rows = useLiveQuery(async () => {
    const entries = await db.outbox.where('state').anyOf([...unsentStates]).toArray();
    const requests = await db.requests.bulkGet(entries.map((entry) => entry.requestId));
    return entries.sort(byUrgency).map((entry, i) => ({ entry, request: requests[i] }));
  }, [db]);
  const time = (ms: number) => new Date(ms).toLocaleString(i18n.language, { timeZone: 'Asia/Almaty', dateStyle: 'short', timeStyle: 'medium' });

  return (
    <main className="card" onKeyDown={(event) => event.key === 'Escape' && onBack()}>
      <header className="request-header">
        <h1>{t('outbox.title')}</h1>
        <button type="button" className="secondary" onClick={onBack} autoFocus>
          {t('request.back')} (Esc)
        </button>
      </header>
      {rows && rows.length === 0 && <p className="muted">{t('outbox.empty')}</p>}
      {rows && rows.length > 0 && (
        <table className="requests" data-testid="outbox-table">
          <thead>
            <tr>
              <th>{t('home.localNumber')}</th>
              <th>{t('home.applicant')}</th>
              <th>{t('sync.state')}</th>
              <th>{t('request.nextAttempt')}</th>
              <th>{t('request.lastError')}</th>
              <th>{t('outbox.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ entry, request }) => (
              <tr key={entry.id} data-testid="outbox-row" data-state={entry.state} className={entry.state === 'needs_attention' ? 'attention' : ''}>
                <td>
                  <button type="button" className="link mono" onClick={() => onOpen(entry.requestId)}>
                    {request?.localNumber ?? entry.requestId}
                  </button>
                </td>
                <td>
                  {request?.applicant.surname} {request?.applicant.givenName}
                </td>
                <td>{t(`sync.state_${entry.state}`)}</td>
                <td>{entry.state === 'needs_attention' ? t('outbox.waitsForPerson') : time(entry.nextAttemptAt)}</td>
                <td>
                  {entry.lastError ? t(LAST_ERROR_TEXT[entry.lastError.kind]) : ''}
                  {details === entry.id && (
                    <dl className="facts small" data-testid="outbox-details">
                      <dt>{t('request.attempts')}</dt>
                      <dd>{entry.attempts}</dd>
                      <dt>{t('outbox.enqueuedAt')}</dt>
                      <dd>{time(entry.enqueuedAt)}</dd>
                      <dt>{t('outbox.files')}</dt>
                      <dd>{t('sync.uploaded', { done: entry.uploaded.length, total: entry.payload.attachments.length })}</dd>
                      {entry.lastError && (
                        <>
                          <dt>{t('outbox.gatewaySaid')}</dt>
                          <dd className="mono">
                            {entry.lastError.httpStatus ? `HTTP ${entry.lastError.httpStatus}: ` : ''}
                            {entry.lastError.detail}
                          </dd>
                        </>
                      )}
                    </dl>
                  )}
                </td>
                <td>
                  {retryableStates.includes(entry.state) && (
                    <button type="button" onClick={() => void sync.engine.retryNow(entry.id)}>
                      {t('sync.retryNow')}
                    </button>
                  )}{' '}
                  <button type="button" className="secondary" aria-expanded={details === entry.id} onClick={() => setDetails(details === entry.id ? null : entry.id)}>
                    {t('outbox.details')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
