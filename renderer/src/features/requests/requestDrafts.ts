/**
 * A request from its first keystroke to signing lives as a draft row in Dexie, so a closed window or a
 * crash loses nothing; every change is written as it is made.
 */
import type { HostResult, OperatorProfile } from '../../../../shared/host/hostApi';
import { APPLICANT_INDIVIDUAL, APPLICANT_LEGAL_ENTITY } from '../../../../shared/forms/catalogForms';
import { relevantValues } from '../../../../shared/forms/evaluateForm';
import type { FormDefinition, FormValues } from '../../../../shared/forms/formSchema';
import type { RequestDocument } from '../../../../shared/request/requestDocument';
import type { QabylDatabase, RequestRow } from '../../db/database';
import { nextLocalNumber } from '../../db/localNumbers';

export interface NewDraft {
  operatorId: string;
  officeCode: string;
  catalogVersion: string;
  serviceId: string;
  kindId: string;
  now: Date;
}

export async function createDraft(db: QabylDatabase, options: NewDraft): Promise<RequestRow> {
  return db.transaction('rw', db.requests, db.meta, db.events, async () => {
    const at = options.now.toISOString();
    const row: RequestRow = {
      id: crypto.randomUUID(),
      localNumber: await nextLocalNumber(db, options.officeCode, options.now.getTime()),
      catalogVersion: options.catalogVersion,
      serviceId: options.serviceId,
      requestKind: options.kindId,
      operatorId: options.operatorId,
      ...applicantColumns({ applicantType: APPLICANT_INDIVIDUAL }),
      form: { applicantType: APPLICANT_INDIVIDUAL },
      status: 'draft',
      createdAt: at,
      updatedAt: at,
    };
    await db.requests.add(row);
    await db.events.add({ requestId: row.id, at, type: 'request.created', operatorId: options.operatorId });
    return row;
  });
}

const isLegalEntity = (values: FormValues) => values.applicantType === APPLICANT_LEGAL_ENTITY;

/** The list columns, derived from the form answers each time they change (the store derives its search keys from them). */
export function applicantColumns(values: FormValues): Pick<RequestRow, 'applicantIin' | 'applicant'> {
  const applicant = isLegalEntity(values)
    ? { surname: values.organisationName ?? '', givenName: '', patronymic: '' }
    : { surname: values.surname ?? '', givenName: values.givenName ?? '', patronymic: values.patronymic ?? '' };
  return { applicantIin: (isLegalEntity(values) ? values.bin : values.iin) ?? '', applicant };
}

/** Writes the form answers of a draft; a request that has left the draft state is never altered from here. */
export async function saveDraftForm(db: QabylDatabase, id: string, values: FormValues): Promise<void> {
  await db.transaction('rw', db.requests, async () => {
    const current = await db.requests.get(id);
    if (current?.status !== 'draft') return;
    await db.requests.update(id, { form: values, ...applicantColumns(values), updatedAt: new Date().toISOString() });
  });
}

export async function attachDocument(
  db: QabylDatabase,
  requestId: string,
  stored: { sha256: string; size: number; fileName: string; mimeType: string; checklistItemId?: string; pageCount?: number },
): Promise<void> {
  const at = new Date().toISOString();
  await db.transaction('rw', db.documents, db.events, async () => {
    await db.documents.add({ id: crypto.randomUUID(), requestId, ...stored, addedAt: at });
    await db.events.add({ requestId, at, type: 'document.attached', data: { sha256: stored.sha256, fileName: stored.fileName, ...(stored.checklistItemId ? { checklistItemId: stored.checklistItemId } : {}) } });
  });
}

export async function removeDocument(db: QabylDatabase, documentId: string): Promise<void> {
  await db.documents.delete(documentId);
}

export async function buildRequestDocument(
  db: QabylDatabase,
  request: RequestRow,
  form: FormDefinition,
  operator: OperatorProfile,
  office: HostResult<'app.info'>['office'],
): Promise<RequestDocument> {
  const documents = await db.documents.where('requestId').equals(request.id).sortBy('addedAt');
  const values = relevantValues(form, request.form);
  const applicant: RequestDocument['applicant'] = isLegalEntity(values)
    ? { kind: 'legalEntity', bin: values.bin ?? '', name: values.organisationName ?? '' }
    : { kind: 'individual', iin: values.iin ?? '', surname: values.surname ?? '', givenName: values.givenName ?? '', patronymic: values.patronymic ?? '' };
  return {
    submissionId: request.id,
    localNumber: request.localNumber,
    catalogVersion: request.catalogVersion,
    serviceId: request.serviceId,
    requestKind: request.requestKind,
    office,
    operator: { iin: operator.iin, fullName: operator.fullName },
    applicant,
    form: values,
    attachments: documents.map(({ sha256, fileName, mimeType, size }) => ({ sha256, fileName, mimeType, size })),
    createdAt: request.createdAt,
  };
}

/** Whether the registry confirmed the applicant as typed; an unconfirmed one is checked against it at sync. */
export async function recordApplicantVerified(db: QabylDatabase, id: string, verified: boolean): Promise<void> {
  await db.transaction('rw', db.requests, async () => {
    const current = await db.requests.get(id);
    if (current?.status !== 'draft' || Boolean(current.applicantVerified) === verified) return;
    await db.requests.update(id, { applicantVerified: verified });
  });
}

/**
 * Refusal to accept at the window (seed 004 Table 3): the package is incomplete, the applicant gets a receipt
 * naming what is missing, and the request is closed here; it is never queued.
 */
export async function refuseIntake(db: QabylDatabase, id: string, missingItemIds: string[], operatorId: string): Promise<void> {
  const at = new Date().toISOString();
  await db.transaction('rw', db.requests, db.events, async () => {
    const current = await db.requests.get(id);
    if (current?.status !== 'draft') return;
    await db.requests.update(id, { status: 'not_accepted', updatedAt: at });
    await db.events.add({ requestId: id, at, type: 'request.not_accepted', operatorId, data: { missing: missingItemIds } });
  });
}
