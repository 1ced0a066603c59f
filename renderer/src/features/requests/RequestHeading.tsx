import { useTranslation } from 'react-i18next';
import type { RequestKind, Service } from '../../../../shared/catalog/catalogSchema';
import type { Language } from '../../../../shared/i18n/messages';
import type { RequestRow } from '../../db/database';
import { durationText } from '../catalog/durationText';
import { expectedResultDay } from './expectedResult';

/** Service, kind and the expected result date if the request were submitted now (working days, Kazakhstan calendar). */
export function RequestHeading({ request, service, kind }: { request: RequestRow; service: Service; kind: RequestKind }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const expected = expectedResultDay(kind, request);
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
