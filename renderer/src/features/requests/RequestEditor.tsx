import { useEffect, useMemo, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { findService } from '../../../../shared/catalog/catalog';
import type { CatalogData, RequestKind, Service } from '../../../../shared/catalog/catalogSchema';
import { almatyDate } from '../../../../shared/calendar/workingDays';
import { expectedResultAt } from '../../../../shared/catalog/deadlines';
import { formFor } from '../../../../shared/forms/catalogForms';
import { validateForm } from '../../../../shared/forms/evaluateForm';
import { fieldDomId, formFields, type FormDefinition, type FormValues } from '../../../../shared/forms/formSchema';
import { problemTexts } from '../../../../shared/forms/formTexts';
import type { Language } from '../../../../shared/i18n/messages';
import { useAppServices } from '../../app/appContext';
import { useErrorText } from '../../app/useErrorText';
import type { RequestRow } from '../../db/database';
import { durationText } from '../catalog/durationText';
import { useRequestCatalog } from '../catalog/useRequestCatalog';
import { CatalogForm } from '../forms/CatalogForm';
import { SignDialog } from '../signing/SignDialog';
import { readFileBase64 } from './readFileBase64';
import { attachDocument, removeDocument, saveDraftForm } from './requestDrafts';
import { ChecklistDocuments } from './ChecklistDocuments';
import { SubmissionState } from './SubmissionState';

const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

export function RequestEditor({ requestId, onBack }: { requestId: string; onBack(): void }) {
  const { db } = useAppServices();
  // null = no such request (e.g. a stale "reopen" pointer), undefined = still loading.
  const request = useLiveQuery(async () => (await db.requests.get(requestId)) ?? null, [requestId]);
  const { catalog, error } = useRequestCatalog(request?.catalogVersion ?? '');
  useEffect(() => {
    if (request === null) onBack();
  }, [request]);
  if (!request) return null;
  if (!catalog) return error ? <main className="card"><p className="error" role="alert">{error}</p></main> : null;
  const service = findService(catalog, request.serviceId);
  const kind = service?.kinds.find((candidate) => candidate.id === request.requestKind);
  if (!service || !kind) return null;
  return request.status === 'draft' ? (
    <DraftForm request={request} service={service} kind={kind} onBack={onBack} />
  ) : (
    <SubmittedRequest request={request} catalog={catalog} onBack={onBack} />
  );
}

function expectedDate(kind: RequestKind, request: RequestRow): string {
  try {
    const at = expectedResultAt(kind, request.status === 'draft' ? Date.now() : request.updatedAt, request.form.reissueGround);
    return at === null ? '' : almatyDate(at);
  } catch {
    return ''; // outside the years the calendar knows: say nothing rather than guess
  }
}

/** Service, kind and the expected result date if the request were submitted now (working days, Kazakhstan calendar). */
function RequestHeading({ request, service, kind }: { request: RequestRow; service: Service; kind: RequestKind }) {
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

function DraftForm({ request, service, kind, onBack }: { request: RequestRow; service: Service; kind: RequestKind; onBack(): void }) {
  const { t, i18n } = useTranslation();
  const { db, host } = useAppServices();
  const errorText = useErrorText();
  const language = i18n.language as Language;
  const form = useMemo(() => formFor(service, kind.id), [service, kind.id]) as FormDefinition;
  // The answers typed so far; each change is written to Dexie at once, so nothing is lost.
  const [values, setValues] = useState<FormValues>(request.form);
  const documents = useLiveQuery(() => db.documents.where('requestId').equals(request.id).sortBy('addedAt'), [request.id]) ?? [];
  const [showErrors, setShowErrors] = useState(false);
  const [attachError, setAttachError] = useState('');
  const [signing, setSigning] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const problems = validateForm(form, values);
  const documentsProblem = documents.length > 0 ? '' : t('request.noDocuments');
  const complete = Object.keys(problems).length === 0 && !documentsProblem;

  // Start where the work is: the first required field still empty (usually the applicant's IIN).
  useEffect(() => {
    const first = formFields(form).find((field) => problems[field.id] === 'required');
    document.getElementById(first ? fieldDomId(first.id) : 'request-attach')?.focus();
  }, [form.id]);

  const onFormChange = (next: FormValues) => {
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
    if (!complete) {
      const firstInvalid = formFields(form).find((field) => problems[field.id]);
      document.getElementById(firstInvalid ? fieldDomId(firstInvalid.id) : 'request-attach')?.focus();
      return;
    }
    setSigning(true);
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
      <CatalogForm form={form} language={language} values={values} onChange={onFormChange} showErrors={showErrors} problemText={(code) => problemTexts[code][language]} />
      <fieldset>
        <legend>{t('request.attachments')}</legend>
        <ChecklistDocuments requestId={request.id} kind={kind} documents={documents} />
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
        {(attachError || (showErrors && documentsProblem)) && (
          <p className="error" role="alert">
            {attachError || documentsProblem}
          </p>
        )}
      </fieldset>
      <div className="actions">
        <button type="button" className="secondary" onClick={onBack}>
          {t('request.back')}
        </button>
        <button type="button" id="request-sign" onClick={startSigning}>
          {t('request.toSigning')} (Ctrl+Enter)
        </button>
      </div>
      {signing && <SignDialog request={request} form={form} onClose={() => setSigning(false)} />}
    </main>
  );
}

function SubmittedRequest({ request, catalog, onBack }: { request: RequestRow; catalog: CatalogData; onBack(): void }) {
  const { t } = useTranslation();
  const { db } = useAppServices();
  const documents = useLiveQuery(() => db.documents.where('requestId').equals(request.id).toArray(), [request.id]) ?? [];
  const backButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    backButton.current?.focus();
  }, []);
  const service = findService(catalog, request.serviceId)!;
  const kind = service.kinds.find((candidate) => candidate.id === request.requestKind)!;
  return (
    <main className="card">
      <RequestHeading request={request} service={service} kind={kind} />
      <dl className="facts">
        <dt>{t('request.registrationNumber')}</dt>
        <dd data-testid="registration-number">{request.registrationNumber ?? t('request.awaitingRegistration')}</dd>
        <dt>{t('request.applicant')}</dt>
        <dd>
          {request.applicant.surname} {request.applicant.givenName} {request.applicant.patronymic} · <span className="mono">{request.applicantIin}</span>
        </dd>
        <dt>{t('request.attachments')}</dt>
        <dd>{documents.map((document) => document.fileName).join(', ')}</dd>
        {request.signer && (
          <>
            <dt>{t('request.signedBy')}</dt>
            <dd>
              {request.signer.commonName} · <span className="mono">{request.signer.iin}</span>
            </dd>
          </>
        )}
      </dl>
      {request.status === 'queued' && <p className="notice">{t('request.queuedNotice')}</p>}
      <SubmissionState requestId={request.id} />
      <div className="actions">
        <button type="button" ref={backButton} onClick={onBack}>
          {t('request.back')}
        </button>
      </div>
    </main>
  );
}
