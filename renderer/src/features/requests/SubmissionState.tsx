import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { retryableStates, type OutboxEntry, type OutboxErrorKind } from '../../../../shared/sync/outbox';
import { useAppServices } from '../../app/appContext';
import type { MessageKey } from '../../i18n/i18n';
import { PaperActions } from '../papers/PaperActions';

export const LAST_ERROR_TEXT: Record<OutboxErrorKind, MessageKey> = {
  transient: 'request.errorTransient',
  unreachable: 'request.errorUnreachable',
  permanent: 'request.errorPermanent',
  auth: 'sync.errorAuth',
  upload_expired: 'sync.errorUploadExpired',
  checksum_mismatch: 'sync.errorChecksum',
  registry_mismatch: 'sync.errorRegistryMismatch',
  result_invalid: 'sync.errorResultInvalid',
};


/** Where the request is on its way out and back: state, last error in the gateway's own words, result. */
export function SubmissionState({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const { db, sync } = useAppServices();
  const entry = useLiveQuery(() => db.outbox.where('requestId').equals(requestId).first(), [db, requestId]);
  if (!entry) return null;
  return (
    <section data-testid="submission-state" data-state={entry.state} aria-label={t('sync.state')}>
      <dl className="facts">
        <dt>{t('sync.state')}</dt>
        <dd data-testid="outbox-state">{t(`sync.state_${entry.state}`)}</dd>
        {entry.payload.attachments.length > 0 && !['submitted', 'completed', 'rejected'].includes(entry.state) && (
          <>
            <dt>{t('request.attachments')}</dt>
            <dd>{t('sync.uploaded', { done: entry.uploaded.length, total: entry.payload.attachments.length })}</dd>
          </>
        )}
        {entry.attempts > 0 && (
          <>
            <dt>{t('request.attempts')}</dt>
            <dd>{entry.attempts}</dd>
          </>
        )}
        {entry.lastError && !['submitted', 'completed', 'rejected'].includes(entry.state) && (
          <>
            <dt>{t('request.lastError')}</dt>
            <dd className="error">
              <div>{t(LAST_ERROR_TEXT[entry.lastError.kind])}</div>
              {/* The gateway's own words, verbatim, for the supervisor and the help desk. */}
              <div className="mono muted">{entry.lastError.detail}</div>
            </dd>
          </>
        )}
        {(entry.state === 'retry_wait' || entry.state === 'auth_required') && (
          <>
            <dt>{t('request.nextAttempt')}</dt>
            <dd>{new Date(entry.nextAttemptAt).toLocaleTimeString()}</dd>
          </>
        )}
      </dl>
      {retryableStates.includes(entry.state) && (
        <button type="button" data-testid="retry-now" onClick={() => void sync.engine.retryNow(entry.id)}>
          {t('sync.retryNow')}
        </button>
      )}
      {entry.result && <ResultView entry={entry} result={entry.result} />}
    </section>
  );
}

function ResultView({ entry, result }: { entry: OutboxEntry; result: NonNullable<OutboxEntry['result']> }) {
  const { t } = useTranslation();
  const paper = { kind: 'result' as const, produce: async () => ({ sha256: result.documentSha256, fileName: `${entry.registrationNumber ?? entry.id}-${result.fileName}` }) };
  return (
    <section className="card" data-testid="result" data-kind={result.kind} aria-label={t('sync.result')}>
      <h3>{t(result.kind === 'license' ? 'sync.license' : 'sync.refusal')}</h3>
      <dl className="facts">
        {result.licenseNumber && (
          <>
            <dt>{t('sync.licenseNumber')}</dt>
            <dd data-testid="license-number">{result.licenseNumber}</dd>
          </>
        )}
        <dt>{t('sync.signedBy')}</dt>
        <dd>{result.signedBy}</dd>
      </dl>
      {result.grounds && result.grounds.length > 0 && (
        <>
          <h4>{t('sync.grounds')}</h4>
          <ul>
            {result.grounds.map((ground) => (
              <li key={ground.code}>
                {ground.text} <span className="muted">({ground.basis})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <PaperActions requestId={entry.requestId} paper={paper} />
    </section>
  );
}
