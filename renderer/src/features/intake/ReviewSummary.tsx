import { useTranslation } from 'react-i18next';
import type { RequestKind, Service } from '../../../../shared/catalog/catalogSchema';
import { APPLICANT_LEGAL_ENTITY, PAYMENT_BY_RECEIPT } from '../../../../shared/forms/catalogForms';
import { YES, type FormValues } from '../../../../shared/forms/formSchema';
import type { Language } from '../../../../shared/i18n/messages';
import type { Completeness } from '../../../../shared/request/checklistCompleteness';
import { ItemPresenceText } from './ItemPresenceText';
import type { ApplicantRegistry } from './useApplicantRegistry';
import type { PaymentCheck } from './usePaymentCheck';

/** The last look before signing: what will be signed and handed in, read back in one place. */
export function ReviewSummary({ service, kind, values, completeness, registry, payment }: { service: Service; kind: RequestKind; values: FormValues; completeness: Completeness; registry: ApplicantRegistry; payment: PaymentCheck }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const legal = values.applicantType === APPLICANT_LEGAL_ENTITY;
  const name = legal ? values.organisationName : [values.surname, values.givenName, values.patronymic].filter(Boolean).join(' ');
  const paidBy = values.paymentMethod === PAYMENT_BY_RECEIPT ? t('intake.paidByReceipt') : values.paymentReference ? t('intake.paidByGateway', { reference: values.paymentReference }) : '';
  return (
    <section aria-label={t('intake.review')} data-testid="review">
      <h3>{t('intake.review')}</h3>
      <dl className="facts">
        <dt>{t('request.service')}</dt>
        <dd>
          {service.name[language]} · {kind.name[language]}
        </dd>
        <dt>{t('request.applicant')}</dt>
        <dd>
          {name} · <span className="mono">{legal ? values.bin : values.iin}</span> · {t(registry.verified ? 'intake.verified' : 'intake.unverified')}
        </dd>
        {values.hasRepresentative === YES && (
          <>
            <dt>{t('intake.representative')}</dt>
            <dd>
              {values.representativeFullName} · <span className="mono">{values.representativeIin}</span> · {t('intake.powerOfAttorney', { number: values.powerOfAttorneyNumber })}
            </dd>
          </>
        )}
        {paidBy && (
          <>
            <dt>{t('intake.payment')}</dt>
            <dd>
              {paidBy}
              {payment.state === 'found' && <> · {t('intake.payment_paid_short')}</>}
            </dd>
          </>
        )}
        <dt>{t('request.documents')}</dt>
        <dd>
          <ul className="plain">
            {completeness.items
              .filter((presence) => presence.scanned || presence.onPaper)
              .map((presence) => (
                <li key={presence.item.id}>
                  {presence.item.name[language]}: <ItemPresenceText presence={presence} />
                </li>
              ))}
          </ul>
        </dd>
      </dl>
    </section>
  );
}
