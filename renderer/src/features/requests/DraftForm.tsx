import { useEffect, useEffectEvent, useMemo, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { RequestKind, Service } from '../../../../shared/catalog/catalogSchema';
import { formFor } from '../../../../shared/forms/catalogForms';
import { validateForm } from '../../../../shared/forms/evaluateForm';
import { fieldDomId, formFields, type FormDefinition, type FormValues } from '../../../../shared/forms/formSchema';
import { problemTexts } from '../../../../shared/forms/formTexts';
import type { Language } from '../../../../shared/i18n/messages';
import { checklistCompleteness } from '../../../../shared/request/checklistCompleteness';
import { useAppServices, useSession } from '../../app/appContext';
import { useErrorText } from '../../app/useErrorText';
import type { RequestRow } from '../../db/database';
import { CatalogForm } from '../forms/CatalogForm';
import { RefuseDialog } from '../intake/RefuseDialog';
import { RegistryNote } from '../intake/RegistryNote';
import { PaymentNote } from '../intake/PaymentNote';
import { ReviewSummary } from '../intake/ReviewSummary';
import { useApplicantRegistry } from '../intake/useApplicantRegistry';
import { paymentBlocks, usePaymentCheck } from '../intake/usePaymentCheck';
import { SignDialog } from '../signing/SignDialog';
import { readFileBase64 } from './readFileBase64';
import { attachDocument, removeDocument, saveDraftForm } from './requestDrafts';
import { useChangedFieldsAudit } from '../audit/useAuditRelay';
import { ChecklistDocuments } from './ChecklistDocuments';
import { CorrectionPanel } from '../stopped/CorrectionPanel';
import { RequestHeading } from './RequestHeading';

const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

/**
 * A request being taken: applicant (from the registry when online), the catalog form, the checklist documents and
 * the fee; Ctrl+Enter reviews and signs; an incomplete package can be refused with a receipt instead, by its own
 * button and never by the keys that sign.
 */
export function DraftForm({ request, service, kind, onBack }: { request: RequestRow; service: Service; kind: RequestKind; onBack(): void }) {
  const { t, i18n } = useTranslation();
  const { db, host, info } = useAppServices();
  const { operator } = useSession();
  const errorText = useErrorText();
  const language = i18n.language as Language;
  const form = useMemo(() => formFor(service, kind.id), [service, kind.id]) as FormDefinition;
  // The answers typed so far; each change is written to Dexie at once, so nothing is lost.
  const [values, setValues] = useState<FormValues>(request.form);
  const [fill, setFill] = useState<FormValues | undefined>();
  const documents = useLiveQuery(() => db.documents.where('requestId').equals(request.id).sortBy('addedAt'), [db, request.id]) ?? [];
  const [showErrors, setShowErrors] = useState(false);
  const [attachError, setAttachError] = useState('');
  const [dialog, setDialog] = useState<'sign' | 'refuse' | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const registry = useApplicantRegistry(request.id, values, setFill, request.correction !== undefined);
  const payment = usePaymentCheck(values);

  const problems = validateForm(form, values);
  const completeness = checklistCompleteness(service, kind, values, documents);
  const formComplete = Object.keys(problems).length === 0 && !paymentBlocks(payment);

  // Start where the work is: the first required field still empty (usually the applicant's IIN).
  const focusFirstEmpty = useEffectEvent(() => {
    const first = formFields(form).find((field) => problems[field.id] === 'required');
    document.getElementById(first ? fieldDomId(first.id) : 'request-attach')?.focus();
  });
  useEffect(() => focusFirstEmpty(), [form.id]);

  const noteChangedFields = useChangedFieldsAudit(request.id);
  const onFormChange = (next: FormValues) => {
    noteChangedFields(values, next);
    setValues(next);
    void saveDraftForm(db, request.id, next);
  };

  async function attach(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    setAttachError('');
    for (const file of files) {
      try {
        if (!ACCEPTED_TYPES.includes(file.type)) {
          setAttachError(`${file.name}: ${t('request.attachHint')}`);
          continue;
        }
        const contentBase64 = await readFileBase64(file).catch(() => {
          throw new Error('fileRead');
        });
        const stored = await host.call('documents.put', { contentBase64 });
        await attachDocument(db, request.id, { ...stored, fileName: file.name, mimeType: file.type });
      } catch (failure) {
        setAttachError(`${file.name}: ${failure instanceof Error && failure.message === 'fileRead' ? t('errors.fileRead') : errorText(failure)}`);
      }
    }
  }

  function startSigning() {
    setShowErrors(true);
    if (!formComplete) {
      const firstInvalid = formFields(form).find((field) => problems[field.id]);
      document.getElementById(fieldDomId(firstInvalid?.id ?? 'paymentReference'))?.focus();
      return;
    }
    if (!completeness.complete) {
      // The way on is to complete the package, never the refusal: Enter after Ctrl+Enter must not refuse (issue 20).
      document.getElementById(`scan-open-${completeness.missing[0]!.id}`)?.focus();
      return;
    }
    setDialog('sign');
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      startSigning();
    }
  }

  return (
    <main className="card" onKeyDown={onKeyDown}>
      <RequestHeading request={request} service={service} kind={kind} />
      <CorrectionPanel request={request} registry={registry} values={values} fill={setFill} />
      <CatalogForm
        form={form}
        language={language}
        values={values}
        onChange={onFormChange}
        showErrors={showErrors}
        problemText={(code) => problemTexts[code][language]}
        fill={fill}
        notes={{ [registry.fieldId]: <RegistryNote registry={registry} />, paymentReference: <PaymentNote check={payment} /> }}
      />
      <fieldset>
        <legend>{t('request.attachments')}</legend>
        <ChecklistDocuments requestId={request.id} kind={kind} documents={documents} completeness={completeness} />
        <ul className="documents" aria-label={t('request.attachments')}>
          {documents.filter((document) => !document.checklistItemId).map((document) => (
            <li key={document.id}>
              <span>{document.fileName}</span> <span className="muted">{t('units.kilobytes', { amount: Math.ceil(document.size / 1024) })}</span>{' '}
              <button type="button" className="link" onClick={() => void removeDocument(db, document.id)}>
                {t('request.remove')}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" id="request-attach" onClick={() => fileInput.current?.click()}>
          {t('request.attach')}
        </button>
        <input ref={fileInput} id="request-file" type="file" accept={ACCEPTED_TYPES.join(',')} multiple hidden onChange={(event) => void attach(event)} />
        <span className="muted"> {t('request.attachHint')}</span>
        {attachError && (
          <p className="error" role="alert">
            {attachError}
          </p>
        )}
        {showErrors && !completeness.complete && (
          <p className="error" role="alert" data-testid="package-incomplete">
            {t('intake.incomplete', { items: completeness.missing.map((item) => item.name[language]).join('; ') })}
          </p>
        )}
      </fieldset>
      <div className="actions">
        <button type="button" className="secondary" onClick={onBack}>
          {t('request.back')}
        </button>
        {!completeness.complete && !request.correction && (
          <button type="button" id="request-refuse" className="secondary" onClick={() => setDialog('refuse')}>
            {t('intake.refuse')}
          </button>
        )}
        <button type="button" id="request-sign" onClick={startSigning}>
          {t('request.toSigning')} (Ctrl+Enter)
        </button>
      </div>
      {dialog === 'sign' && (
        <SignDialog
          request={request}
          form={form}
          review={
            <ReviewSummary
              service={service}
              kind={kind}
              form={form}
              values={values}
              completeness={completeness}
              looseFiles={documents.filter((document) => !document.checklistItemId).map((document) => document.fileName)}
              registry={registry}
              payment={payment}
              signer={{ fullName: operator.fullName, iin: operator.iin, office: info.office.name }}
            />
          }
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'refuse' && (
        <RefuseDialog
          request={request}
          missing={completeness.missing}
          onClose={() => {
            setDialog(null);
            document.getElementById('request-refuse')?.focus();
          }}
        />
      )}
    </main>
  );
}
