/**
 * A request from its first keystroke to signing lives as a draft row in Dexie, so a closed window or a
 * crash loses nothing; every change is written as it is made.
 */
import { catalog } from '../../../../shared/catalog/catalog';
import type { HostResult, OperatorProfile } from '../../../../shared/host/hostApi';
import type { RequestDocument } from '../../../../shared/request/requestDocument';
import type { QabylDatabase, RequestRow } from '../../db/database';
import { nextLocalNumber } from '../../db/localNumbers';

export const PAPER_DOCUMENTS_FIELD = 'documentsPresentedOnPaper';

export async function createDraft(db: QabylDatabase, options: { operatorId: string; officeCode: string; now: Date }): Promise<RequestRow> {
  const service = catalog.services[0]!;
  return db.transaction('rw', db.requests, db.meta, db.events, async () => {
    const at = options.now.toISOString();
    const row: RequestRow = {
      id: crypto.randomUUID(),
      localNumber: await nextLocalNumber(db, options.officeCode, options.now.getTime()),
      catalogVersion: catalog.version,
      serviceId: service.id,
      requestKind: service.kinds[0]!.id,
      operatorId: options.operatorId,
      applicantIin: '',
      applicant: { surname: '', givenName: '', patronymic: '' },
      form: { [PAPER_DOCUMENTS_FIELD]: 'yes' },
      status: 'draft',
      createdAt: at,
      updatedAt: at,
    };
    await db.requests.add(row);
    await db.events.add({ requestId: row.id, at, type: 'request.created', operatorId: options.operatorId });
    return row;
  });
}

export type DraftPatch = Partial<Pick<RequestRow, 'serviceId' | 'requestKind' | 'applicantIin' | 'applicant' | 'form'>>;

/** Writes a change to a draft; a request that has left the draft state is never altered from here. */
export async function saveDraft(db: QabylDatabase, id: string, patch: DraftPatch): Promise<void> {
  await db.transaction('rw', db.requests, async () => {
    const current = await db.requests.get(id);
    if (current?.status !== 'draft') return;
    await db.requests.update(id, { ...patch, updatedAt: new Date().toISOString() });
  });
}

export async function attachDocument(
  db: QabylDatabase,
  requestId: string,
  stored: { sha256: string; size: number; fileName: string; mimeType: string },
): Promise<void> {
  const at = new Date().toISOString();
  await db.transaction('rw', db.documents, db.events, async () => {
    await db.documents.add({ id: crypto.randomUUID(), requestId, ...stored, addedAt: at });
    await db.events.add({ requestId, at, type: 'document.attached', data: { sha256: stored.sha256, fileName: stored.fileName } });
  });
}

export async function removeDocument(db: QabylDatabase, documentId: string): Promise<void> {
  await db.documents.delete(documentId);
}

export async function buildRequestDocument(
  db: QabylDatabase,
  request: RequestRow,
  operator: OperatorProfile,
  office: HostResult<'app.info'>['office'],
): Promise<RequestDocument> {
  const documents = await db.documents.where('requestId').equals(request.id).sortBy('addedAt');
  return {
    submissionId: request.id,
    localNumber: request.localNumber,
    catalogVersion: request.catalogVersion,
    serviceId: request.serviceId,
    requestKind: request.requestKind,
    office,
    operator: { iin: operator.iin, fullName: operator.fullName },
    applicant: { iin: request.applicantIin, ...request.applicant },
    form: request.form,
    attachments: documents.map(({ sha256, fileName, mimeType, size }) => ({ sha256, fileName, mimeType, size })),
    createdAt: request.createdAt,
  };
}
