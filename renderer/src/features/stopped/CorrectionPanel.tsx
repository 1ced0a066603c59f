import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { FormValues } from '../../../../shared/forms/formSchema';
import { useAppServices, useSession } from '../../app/appContext';
import { useErrorText } from '../../app/useErrorText';
import type { RequestRow } from '../../db/database';
import { cancelCorrection } from '../../db/stoppedRequests';
import { registryFill } from '../intake/applicantFromRegistry';
import type { ApplicantRegistry } from '../intake/useApplicantRegistry';
import { LAST_ERROR_TEXT } from '../requests/SubmissionState';
import { stoppedErrorText } from './stoppedErrorText';

/**
 * Over the form of a request being corrected: what stopped it, the registry's data beside what was typed at
 * acceptance, and the registry's data a key press away (never filled in unasked: the IIN may be the typo).
 */
export function CorrectionPanel({ request, registry, values, fill }: { request: RequestRow; registry: ApplicantRegistry; values: FormValues; fill(values: FormValues): void }) {
  const { t } = useTranslation();
  const { db } = useAppServices();
  const { operator } = useSession();
  const errorText = useErrorText();
  const [error, setError] = useState('');
  const useRegistryButton = useRef<HTMLButtonElement>(null);
  const correction = request.correction;
  const corrected = useLiveQuery(async () => (request.corrects ? await db.requests.get(request.corrects) : undefined), [db, request.corrects]);
  const stoppedBy = correction?.stoppedBy;
  const { lookup } = registry;
  const offered = lookup.state === 'found' && !registry.verified;
  const registryNow = lookup.state === 'found' ? (lookup.record.kind === 'individual' ? `${lookup.record.record.surname} ${lookup.record.record.givenName}` : lookup.record.record.name) : undefined;

  // The registry's answer arrives after the form has focused itself: the first thing to decide is whether to take it.
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (offered && !focused) {
      setFocused(true);
      useRegistryButton.current?.focus();
    }
  }, [offered, focused]);

  if (!correction) return null;
  return (
    <section className="card notice" data-testid="correction" aria-labelledby="correction-title">
      <h3 id="correction-title">{t('stopped.correctingTitle')}</h3>
      <p>{request.corrects ? t('stopped.newRequestHint', { number: corrected?.localNumber ?? '' }) : t('stopped.correctingHint')}</p>
      {stoppedBy && (
        <dl className="facts">
          <dt>{t('stopped.stoppedBecause')}</dt>
          <dd>{t(LAST_ERROR_TEXT[stoppedBy.kind])}</dd>
          {(stoppedBy.registry !== undefined || registryNow !== undefined) && (
            <>
              <dt>{t('stopped.registrySays')}</dt>
              <dd data-testid="correction-registry">{registryNow ?? stoppedBy.registry}</dd>
            </>
          )}
          {stoppedBy.typed !== undefined && (
            <>
              <dt>{t('stopped.typedAtAcceptance')}</dt>
              <dd data-testid="correction-typed">{stoppedBy.typed}</dd>
            </>
          )}
          {stoppedBy.registry === undefined && (
            <>
              <dt />
              <dd className="mono muted">{stoppedBy.detail}</dd>
            </>
          )}
        </dl>
      )}
      <div className="actions">
        {offered && lookup.state === 'found' && (
          <button
            type="button"
            id="correction-use-registry"
            ref={useRegistryButton}
            onClick={() => {
              fill(registryFill(lookup.record, values));
              // This button goes once the names match; the next step is signing again.
              document.getElementById('request-sign')?.focus();
            }}
          >
            {t('stopped.useRegistry')}
          </button>
        )}
        <button
          type="button"
          id="correction-cancel"
          className="secondary"
          onClick={() =>
            void cancelCorrection(db, request.id, operator.id).catch((failure: unknown) => setError(stoppedErrorText(t, errorText, failure)))
          }
        >
          {t('stopped.cancelCorrection')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
