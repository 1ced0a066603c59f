import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestKind, Service } from '../../../../shared/catalog/catalogSchema';
import { paperMarkId } from '../../../../shared/forms/catalogForms';
import { relevantFields } from '../../../../shared/forms/evaluateForm';
import { storedValue, YES, type FormDefinition, type FormField, type FormValues } from '../../../../shared/forms/formSchema';
import type { Language } from '../../../../shared/i18n/messages';
import type { Completeness } from '../../../../shared/request/checklistCompleteness';
import { ItemPresenceText } from './ItemPresenceText';
import type { ApplicantRegistry } from './useApplicantRegistry';
import type { PaymentCheck } from './usePaymentCheck';

const PAPER_MARK = paperMarkId('');
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface ReviewSigner {
  fullName: string;
  iin: string;
  office: string;
}

/**
 * The last look before signing: every answer the signature covers, read back in one place. The rows are the form's
 * relevant fields with their stored answers, the same selection buildRequestDocument signs, so a field the catalog
 * adds shows here without a change; paper marks are read back with the documents they stand for. Then the
 * documents, and the operator and office the signed XML names.
 */
export function ReviewSummary({
  service,
  kind,
  form,
  values,
  completeness,
  looseFiles,
  registry,
  payment,
  signer,
}: {
  service: Service;
  kind: RequestKind;
  form: FormDefinition;
  values: FormValues;
  completeness: Completeness;
  /** File names of documents attached outside the checklist: signed too. */
  looseFiles: string[];
  registry: ApplicantRegistry;
  payment: PaymentCheck;
  signer: ReviewSigner;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const answered = new Set(relevantFields(form, values).map((field) => field.id));

  function answerText(field: FormField, value: string): ReactNode {
    if (value === '') return t('intake.answerEmpty');
    switch (field.type) {
      case 'select':
        return field.choices?.find((choice) => choice.value === value)?.label[language] ?? value;
      case 'boolean':
        return t(value === YES ? 'intake.answerYes' : 'intake.answerNo');
      case 'date':
        return ISO_DAY.test(value) ? new Date(`${value}T12:00:00+05:00`).toLocaleDateString(language, { timeZone: 'Asia/Almaty' }) : value;
      case 'iin':
      case 'bin':
      case 'phone':
        return <span className="mono">{value}</span>;
      default:
        return value;
    }
  }

  /** What else the screen knows about an answer: the registry's word on the applicant, the gateway's on the fee. */
  function noteOn(field: FormField): ReactNode {
    if (field.id === 'iin' || field.id === 'bin') return <> · {t(registry.verified ? 'intake.verified' : 'intake.unverified')}</>;
    if (field.id === 'paymentReference' && payment.state === 'found') return <> · {t('intake.payment_paid_short')}</>;
    return null;
  }

  const sections = form.sections
    .map((section) => ({ section, fields: section.fields.filter((field) => answered.has(field.id) && !field.id.startsWith(PAPER_MARK)) }))
    .filter(({ fields }) => fields.length > 0);

  return (
    <section aria-label={t('intake.review')} data-testid="review">
      <h3>{t('intake.review')}</h3>
      <p className="muted small">{t('intake.reviewCovers')}</p>
      <dl className="facts">
        <dt>{t('request.service')}</dt>
        <dd>
          {service.name[language]} · {kind.name[language]}
        </dd>
      </dl>
      {sections.map(({ section, fields }) => (
        <section key={section.id} aria-label={section.title[language]}>
          <h4>{section.title[language]}</h4>
          <dl className="facts">
            {fields.map((field) => (
              <Fragment key={field.id}>
                <dt>{field.label[language]}</dt>
                <dd data-field={field.id}>
                  {answerText(field, storedValue(values, field.id) ?? '')}
                  {noteOn(field)}
                </dd>
              </Fragment>
            ))}
          </dl>
        </section>
      ))}
      <dl className="facts">
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
        {looseFiles.length > 0 && (
          <>
            <dt>{t('intake.otherFiles')}</dt>
            <dd>
              <ul className="plain">
                {looseFiles.map((fileName, index) => (
                  <li key={index}>{fileName}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>{t('intake.signer')}</dt>
        <dd>
          {signer.fullName} · <span className="mono">{signer.iin}</span> · {signer.office}
        </dd>
      </dl>
    </section>
  );
}
