import { useEffect, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { catalog, findService } from '../../../../shared/catalog/catalog';
import { iinProblem } from '../../../../shared/identity/iin';
import type { Language } from '../../../../shared/i18n/messages';
import { useAppServices } from '../../app/appContext';
import { TextField } from '../../app/TextField';
import { useErrorText } from '../../app/useErrorText';
import type { RequestRow } from '../../db/database';
import { SignDialog } from '../signing/SignDialog';
import { readFileBase64 } from './readFileBase64';
import { attachDocument, PAPER_DOCUMENTS_FIELD, removeDocument, saveDraft, type DraftPatch } from './requestDrafts';
import { SubmissionState } from './SubmissionState';

const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

export function RequestEditor({ requestId, onBack }: { requestId: string; onBack(): void }) {
  const { db } = useAppServices();
  // null = no such request (e.g. a stale "reopen" pointer), undefined = still loading.
  const request = useLiveQuery(async () => (await db.requests.get(requestId)) ?? null, [requestId]);
  useEffect(() => {
    if (request === null) onBack();
  }, [request]);
  if (!request) return null;
  return request.status === 'draft' ? <DraftForm request={request} onBack={onBack} /> : <SubmittedRequest request={request} onBack={onBack} />;
}

function DraftForm({ request, onBack }: { request: RequestRow; onBack(): void }) {
  const { t, i18n } = useTranslation();
  const { db, host } = useAppServices();
  const errorText = useErrorText();
  // Local copy for typing; every change is also written to Dexie at once.
  const [draft, setDraft] = useState<DraftPatch & Pick<RequestRow, 'applicantIin' | 'applicant' | 'form' | 'serviceId' | 'requestKind'>>(() => ({
    serviceId: request.serviceId,
    requestKind: request.requestKind,
    applicantIin: request.applicantIin,
    applicant: request.applicant,
    form: request.form,
  }));
  const documents = useLiveQuery(() => db.documents.where('requestId').equals(request.id).sortBy('addedAt'), [request.id]) ?? [];
  const [showErrors, setShowErrors] = useState(false);
  const [attachError, setAttachError] = useState('');
  const [signing, setSigning] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const language = i18n.language as Language;

  const update = (patch: DraftPatch) => {
    setDraft((current) => ({ ...current, ...patch }));
    void saveDraft(db, request.id, patch);
  };
  const setApplicant = (name: keyof RequestRow['applicant']) => (value: string) => update({ applicant: { ...draft.applicant, [name]: value } });

  const service = findService(draft.serviceId);
  const iinIssue = iinProblem(draft.applicantIin);
  const problems = {
    iin: iinIssue ? t(`iin.${iinIssue}`) : '',
    surname: draft.applicant.surname.trim() ? '' : t('request.required'),
    givenName: draft.applicant.givenName.trim() ? '' : t('request.required'),
    documents: documents.length > 0 ? '' : t('request.noDocuments'),
  };
  const complete = Object.values(problems).every((problem) => !problem);
  // The IIN's problem shows as soon as all 12 digits are typed; the others wait for an attempt to sign.
  const iinShown = showErrors || draft.applicantIin.length >= 12 ? problems.iin : '';
  const shown = (problem: string) => (showErrors ? problem : '');

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
      const firstInvalid = (['iin', 'surname', 'givenName'] as const).find((name) => problems[name]);
      document.getElementById(firstInvalid ? `request-${firstInvalid}` : 'request-attach')?.focus();
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
      <header className="request-header">
        <h1>
          {t('request.title')} <span className="mono">{request.localNumber}</span>
        </h1>
        <span className="badge">{t(`status.${request.status}`)}</span>
      </header>
      <div className="field">
        <label htmlFor="request-service">{t('request.service')}</label>
        <select id="request-service" value={draft.serviceId} onChange={(event) => update({ serviceId: event.target.value })}>
          {catalog.services.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.name[language]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="request-kind">{t('request.kind')}</label>
        <select id="request-kind" value={draft.requestKind} onChange={(event) => update({ requestKind: event.target.value })}>
          {service?.kinds.map((kind) => (
            <option key={kind.id} value={kind.id}>
              {kind.name[language]}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t('request.applicant')}</legend>
        <TextField id="request-iin" label={t('request.applicantIin')} value={draft.applicantIin} onChange={(value) => update({ applicantIin: value.replace(/\s/g, '') })} inputMode="numeric" maxLength={12} error={iinShown} required autoFocus />
        <TextField id="request-surname" label={t('request.surname')} value={draft.applicant.surname} onChange={setApplicant('surname')} error={shown(problems.surname)} required />
        <TextField id="request-givenName" label={t('request.givenName')} value={draft.applicant.givenName} onChange={setApplicant('givenName')} error={shown(problems.givenName)} required />
        <TextField id="request-patronymic" label={t('request.patronymic')} value={draft.applicant.patronymic} onChange={setApplicant('patronymic')} />
      </fieldset>
      <fieldset>
        <legend>{t('request.documents')}</legend>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.form[PAPER_DOCUMENTS_FIELD] === 'yes'}
            onChange={(event) => update({ form: { ...draft.form, [PAPER_DOCUMENTS_FIELD]: event.target.checked ? 'yes' : 'no' } })}
          />
          {t('request.paperPresented')}
        </label>
        <ul className="documents" aria-label={t('request.documents')}>
          {documents.map((document) => (
            <li key={document.id}>
              <span>{document.fileName}</span> <span className="muted">{Math.ceil(document.size / 1024)} KB</span>{' '}
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
        {(attachError || shown(problems.documents)) && (
          <p className="error" role="alert">
            {attachError || problems.documents}
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
      {signing && <SignDialog request={request} onClose={() => setSigning(false)} />}
    </main>
  );
}

function SubmittedRequest({ request, onBack }: { request: RequestRow; onBack(): void }) {
  const { t } = useTranslation();
  const { db } = useAppServices();
  const documents = useLiveQuery(() => db.documents.where('requestId').equals(request.id).toArray(), [request.id]) ?? [];
  const backButton = useRef<HTMLButtonElement>(null);
  useEffect(() => backButton.current?.focus(), []);
  return (
    <main className="card">
      <header className="request-header">
        <h1>
          {t('request.title')} <span className="mono">{request.localNumber}</span>
        </h1>
        <span className="badge" data-testid="request-status">
          {t(`status.${request.status}`)}
        </span>
      </header>
      <dl className="facts">
        <dt>{t('request.registrationNumber')}</dt>
        <dd data-testid="registration-number">{request.registrationNumber ?? t('request.awaitingRegistration')}</dd>
        <dt>{t('request.applicant')}</dt>
        <dd>
          {request.applicant.surname} {request.applicant.givenName} {request.applicant.patronymic} · <span className="mono">{request.applicantIin}</span>
        </dd>
        <dt>{t('request.documents')}</dt>
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
