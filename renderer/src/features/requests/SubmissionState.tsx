import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useAppServices } from '../../app/appContext';

const LAST_ERROR_TEXT = { transient: 'request.errorTransient', unreachable: 'request.errorUnreachable', permanent: 'request.errorPermanent' } as const;

/** Where the request is on its way out: attempts, the last error in the gateway's own words, the next try. */
export function SubmissionState({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const { db } = useAppServices();
  const entry = useLiveQuery(() => db.outbox.where('requestId').equals(requestId).first(), [requestId]);
  if (!entry || entry.state === 'submitted') return null;
  return (
    <dl className="facts" data-testid="submission-state">
      <dt>{t('request.attempts')}</dt>
      <dd>{entry.attempts}</dd>
      {entry.lastError && (
        <>
          <dt>{t('request.lastError')}</dt>
          <dd className="error">
            <div>{t(LAST_ERROR_TEXT[entry.lastError.kind])}</div>
            {/* The gateway's own words, verbatim, for the supervisor and the help desk. */}
            <div className="mono muted">{entry.lastError.detail}</div>
          </dd>
        </>
      )}
      {entry.state === 'retry_wait' && (
        <>
          <dt>{t('request.nextAttempt')}</dt>
          <dd>{new Date(entry.nextAttemptAt).toLocaleTimeString()}</dd>
        </>
      )}
    </dl>
  );
}
