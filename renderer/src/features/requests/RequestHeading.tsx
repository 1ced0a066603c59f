import { useTranslation } from 'react-i18next';
import type { RequestKind, Service } from '../../../../shared/catalog/catalogSchema';
import { almatyDate } from '../../../../shared/calendar/workingDays';
import { expectedResultAt } from '../../../../shared/catalog/deadlines';
import type { Language } from '../../../../shared/i18n/messages';
import type { RequestRow } from '../../db/database';
import { durationText } from '../catalog/durationText';

export function expectedDate(kind: RequestKind, request: RequestRow): string {
  try {
    const at = expectedResultAt(kind, request.status === 'draft' ? Date.now() : (request.acceptedAt ?? request.updatedAt), request.form.reissueGround);
    return at === null ? '' : almatyDate(at);
  } catch {
    return ''; // outside the years the calendar knows: say nothing rather than guess
  }
}

/** Service, kind and the expected result date if the request were submitted now (working days, Kazakhstan calendar). */
export function RequestHeading({ request, service, kind }: { request: RequestRow; service: Service; kind: RequestKind }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const expected = expectedDate(kind, request);
  return (
    <>
      <header className="request-header">
        <h1>
          {t('request.title')} <span className="mono">{request.localNumber}</span>
        </h1>
        <span className="badge" data-testid="request-status">
          {t(`status.${request.status}`)}
        </span>
      </header>
      <p className="service-line">
        <strong>{service.name[language]}</strong> · {kind.name[language]}
        {kind.resultCap && (
          <span className="muted" data-testid="expected-result">
            {' '}
            · {t('picker.resultCap', { cap: durationText(t, kind.resultCap) })}
            {expected && <> ({t(request.status === 'draft' ? 'request.expectedBy' : 'request.resultBy', { date: expected })})</>}
          </span>
        )}
      </p>
    </>
  );
}
