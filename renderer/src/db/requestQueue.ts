/**
 * Moving a signed request into the outbox (architecture step 8, research R1 "transactional enqueue"):
 * the request's status, its outbox entry and the audit event are written together or not at all.
 */
import { APPLICANT_LEGAL_ENTITY } from '../../../shared/forms/catalogForms';
import { YES } from '../../../shared/forms/formSchema';
import { newOutboxEntry, transition, type ApplicantToVerify, type OutboxAttachment, type PowerOfAttorneyToVerify } from '../../../shared/sync/outbox';
import type { QabylDatabase, RequestRow, SignerRow } from './database';

export interface QueueSignedRequest {
  requestId: string;
  signedXml: string;
  signer: SignerRow;
  attachments: OutboxAttachment[];
  operatorId: string;
  now: number;
}

export class QueueRefusedError extends Error {
  constructor(
    readonly requestId: string,
    readonly reason: 'not_found' | 'not_draft' | 'already_queued' | 'documents_changed' | 'correction_ended',
  ) {
    super(`request ${requestId} cannot be queued: ${reason}`);
    this.name = 'QueueRefusedError';
  }
}

export async function queueSignedRequest(db: QabylDatabase, input: QueueSignedRequest): Promise<void> {
  const { requestId, signedXml, signer, attachments, operatorId, now } = input;
  const at = new Date(now).toISOString();
  await db.transaction('rw', [db.requests, db.documents, db.outbox, db.events], async () => {
    const request = await db.requests.get(requestId);
    if (!request) throw new QueueRefusedError(requestId, 'not_found');
    if (request.status !== 'draft') throw new QueueRefusedError(requestId, 'not_draft');
    const existing = await db.outbox.get(requestId);
    // A corrected package never sent replaces the held one under the same id; a corrected one the gateway may hold goes as a new request.
    const replacing = request.correction !== undefined && request.corrects === undefined;
    if (replacing && existing?.state !== 'correcting') throw new QueueRefusedError(requestId, 'correction_ended');
    // A draft with an outbox entry means something went wrong earlier; sending it twice would be worse.
    if (!replacing && existing !== undefined) throw new QueueRefusedError(requestId, 'already_queued');
    // A document attached while the operator was signing is not in the signed package; queued, it would never be sent.
    const signed = new Set(attachments.map((attachment) => attachment.sha256));
    if ((await db.documents.where('requestId').equals(requestId).toArray()).some((document) => !signed.has(document.sha256))) throw new QueueRefusedError(requestId, 'documents_changed');

    // A corrected request keeps the moment it was first accepted: the applicant's receipt and the deadlines count from it.
    const acceptedAt = request.correction && request.acceptedAt ? request.acceptedAt : at;
    await db.requests.update(requestId, { status: 'queued', signedXml, signer, acceptedAt, updatedAt: at, correction: undefined });
    const verifyApplicant = applicantToVerify(request);
    const verifyPowerOfAttorney = powerOfAttorneyToVerify(request, request.correction && request.acceptedAt ? request.acceptedAt : at);
    const payload = { signedXml, attachments, ...(verifyApplicant ? { verifyApplicant } : {}), ...(verifyPowerOfAttorney ? { verifyPowerOfAttorney } : {}) };
    // add(), not put(): the primary key is the last guard against a second entry for the same submission.
    if (replacing && existing) await db.outbox.put(transition.replaced(existing, payload, now));
    else await db.outbox.add(newOutboxEntry({ id: requestId, requestId, now, payload, ...(request.corrects ? { corrects: request.corrects } : {}) }));
    if (request.corrects) await supersede(db, request.corrects, requestId, now, operatorId);
    await db.events.add({
      requestId,
      at,
      type: 'request.queued',
      operatorId,
      data: { signerSerialNumber: signer.serialNumber, attachments: attachments.length },
    });
    if (request.correction) {
      await db.events.add({ requestId, at, type: 'request.corrected', operatorId, data: { mode: replacing ? 'replace' : 'supersede', ...(request.corrects ? { corrects: request.corrects } : {}), ...(request.signer ? { replacedSigner: request.signer.serialNumber } : {}) } });
    }
  });
}

/** The request a correction replaces as a new submission is settled, and points at the one that went instead. */
async function supersede(db: QabylDatabase, oldId: string, byId: string, now: number, operatorId: string): Promise<void> {
  const held = await db.outbox.get(oldId);
  if (held?.state !== 'correcting') throw new QueueRefusedError(byId, 'correction_ended');
  const at = new Date(now).toISOString();
  await db.outbox.put(transition.superseded(held, byId, now));
  await db.requests.update(oldId, { status: 'superseded', correctedBy: byId, updatedAt: at });
  await db.events.add({ requestId: oldId, at, type: 'request.superseded', operatorId, data: { by: byId } });
}

/** An applicant the registry has not confirmed (typed offline) is checked against it at sync. */
function applicantToVerify(request: RequestRow): ApplicantToVerify | undefined {
  if (request.applicantVerified) return undefined;
  if (request.form.applicantType === APPLICANT_LEGAL_ENTITY) return { kind: 'legalEntity', bin: request.applicantIin, name: request.applicant.surname };
  return { kind: 'individual', iin: request.applicantIin, surname: request.applicant.surname, givenName: request.applicant.givenName };
}

/** A representative's power of attorney is always checked in ЕНИС before the request goes out. */
function powerOfAttorneyToVerify(request: RequestRow, at: string): PowerOfAttorneyToVerify | undefined {
  const { hasRepresentative, powerOfAttorneyNumber, representativeIin } = request.form;
  if (hasRepresentative !== YES || !powerOfAttorneyNumber || !representativeIin) return undefined;
  return { number: powerOfAttorneyNumber, principal: request.applicantIin, agentIin: representativeIin, onDay: at.slice(0, 10) };
}
