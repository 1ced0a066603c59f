import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { findService } from '../../../../shared/catalog/catalog';
import type { CatalogData } from '../../../../shared/catalog/catalogSchema';
import type { Language } from '../../../../shared/i18n/messages';
import { checklistCompleteness } from '../../../../shared/request/checklistCompleteness';
import { useAppServices } from '../../app/appContext';
import type { RequestRow } from '../../db/database';
import { HandOverDialog } from '../handover/HandOverDialog';
import { ItemPresenceText } from '../intake/ItemPresenceText';
import { PaperActions } from '../papers/PaperActions';
import { acceptanceReceipt, refusalReceipt, withdrawalNotice } from '../papers/receiptPapers';
import { StoppedActions } from '../stopped/StoppedActions';
import { ProviderSteps } from './ProviderSteps';
import { RequestHeading } from './RequestHeading';
import { RequestTimeline } from './RequestTimeline';
import { SubmissionState } from './SubmissionState';

/**
 * A request after signing (or after a refusal to accept): the applicant's receipt first, then where the request
 * is, the provider's steps against their due moments, the result and its hand-over, and the whole timeline.
 */
export function SubmittedRequest({ request, catalog, onBack, onNext, onOpen }: { request: RequestRow; catalog: CatalogData; onBack(): void; onNext(): void; onOpen(requestId: string): void }) {
  const { t, i18n } = useTranslation();
  const { db, host, info } = useAppServices();
  const language = i18n.language as Language;
  const documents = useLiveQuery(() => db.documents.where('requestId').equals(request.id).toArray(), [db, request.id]) ?? [];
  const entry = useLiveQuery(() => db.outbox.get(request.id), [db, request.id]);
  const [handingOver, setHandingOver] = useState(false);
  const nextButton = useRef<HTMLButtonElement>(null);
  const service = findService(catalog, request.serviceId)!;
  const kind = service.kinds.find((candidate) => candidate.id === request.requestKind)!;
  const completeness = checklistCompleteness(service, kind, request.form, documents);
  const context = { host, db, office: info.office, service, kind };
  const refused = request.status === 'not_accepted';
  const receipt = refused ? refusalReceipt(context, request.id) : request.withdrawal ? withdrawalNotice(context, request.id) : acceptanceReceipt(context, request.id);
  // A stopped request opens on its ways out; the receipt's Print is one Tab away.
  // From the row, not the outbox entry: both change in one transaction, but the row is what chooses the paper.
  const stopped = request.status === 'needs_attention';
  const result = entry?.result;

  useEffect(() => {
    // Alt+N: the next applicant, straight from the receipt.
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && event.key.toLowerCase() === 'n') {
        event.preventDefault();
        onNext();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onNext]);

  return (
    <main className="card">
      <RequestHeading request={request} service={service} kind={kind} />
      {/* Keyed by the paper, so the withdrawal notice takes the focus when it replaces the receipt. */}
      <PaperActions key={receipt.kind} requestId={request.id} paper={receipt} autoFocus={!result && !stopped} />
      {refused && (
        <p className="notice" data-testid="not-accepted">
          {t('intake.notAcceptedNotice', { items: completeness.missing.map((item) => item.name[language]).join('; ') })}
        </p>
      )}
      <dl className="facts">
        {!refused && (
          <>
            <dt>{t('request.registrationNumber')}</dt>
            <dd data-testid="registration-number">{request.registrationNumber ?? t('request.awaitingRegistration')}</dd>
          </>
        )}
        <dt>{t('request.applicant')}</dt>
        <dd>
          {request.applicant.surname} {request.applicant.givenName} {request.applicant.patronymic} · <span className="mono">{request.applicantIin}</span> ·{' '}
          {t(request.applicantVerified ? 'intake.verified' : 'intake.unverified')}
        </dd>
        <dt>{t('request.documents')}</dt>
        <dd>
          <ul className="plain">
            {completeness.items.map((presence) => (
              <li key={presence.item.id}>
                {presence.item.name[language]}: <ItemPresenceText presence={presence} />
              </li>
            ))}
          </ul>
          {request.scansPurged && documents.some((document) => document.purgedAt) && (
            <p className="muted" data-testid="scans-removed">
              {t('storage.scansRemoved', { days: request.scansPurged.afterDays })}
            </p>
          )}
        </dd>
        {request.signer && (
          <>
            <dt>{t('request.signedBy')}</dt>
            <dd>
              {request.signer.commonName} · <span className="mono">{request.signer.iin}</span>
            </dd>
          </>
        )}
        {request.handedOverAt && (
          <>
            <dt>{t('handover.handedOverAt')}</dt>
            <dd data-testid="handed-over">{new Date(request.handedOverAt).toLocaleString(i18n.language, { timeZone: 'Asia/Almaty' })}</dd>
          </>
        )}
      </dl>
      {request.status === 'queued' && <p className="notice">{t('request.queuedNotice')}</p>}
      <SubmissionState requestId={request.id} />
      <StoppedActions request={request} entry={entry} onOpen={onOpen} />
      {result && !request.handedOverAt && (
        <button type="button" id="handover-open" onClick={() => setHandingOver(true)} autoFocus>
          {t('handover.open')}
        </button>
      )}
      {!refused && request.acceptedAt && (
        <ProviderSteps
          kind={kind}
          groundId={request.form.reissueGround}
          acceptedAt={request.acceptedAt}
          events={entry?.gatewayEvents ?? []}
          decision={result?.kind ?? null}
          handedOver={Boolean(request.handedOverAt)}
          now={Date.now()}
        />
      )}
      <RequestTimeline requestId={request.id} gatewayEvents={entry?.gatewayEvents ?? []} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onBack}>
          {t('request.back')}
        </button>
        <button type="button" ref={nextButton} id="next-applicant" onClick={onNext}>
          {t('intake.nextApplicant')} (Alt+N)
        </button>
      </div>
      {handingOver && result && (
        <HandOverDialog
          requestId={request.id}
          result={result}
          onClose={() => {
            setHandingOver(false);
            nextButton.current?.focus();
          }}
        />
      )}
    </main>
  );
}
