/**
 * The ways out of a request the sync stopped (needs attention) after the applicant left with a receipt: correct
 * and re-sign, or withdraw. Each is one transaction over the request, its held outbox entry and the timeline
 * event the audit relay carries to the host's log.
 *
 * Correcting a package the gateway cannot hold reopens this same request on the form; signing it again replaces
 * the package under the same id (requestQueue.ts). A package the gateway may hold cannot change under its id, so
 * the correction is a new request linked to it, and the old one is settled when the new one is signed.
 */
import { gatewayMayHold, stoppedStates, transition } from '../../../shared/sync/outbox';
import type { WithdrawalReason } from '../../../shared/papers/receiptContent';
import type { QabylDatabase, RequestCorrection, RequestRow } from './database';
import { nextLocalNumber } from './localNumbers';

export class StoppedRequestError extends Error {
  constructor(
    readonly requestId: string,
    readonly reason: 'not_found' | 'not_stopped' | 'gateway_holds' | 'not_correcting',
  ) {
    super(`request ${requestId}: ${reason}`);
    this.name = 'StoppedRequestError';
  }
}

async function stoppedEntry(db: QabylDatabase, requestId: string) {
  const request = await db.requests.get(requestId);
  const entry = await db.outbox.get(requestId);
  if (!request || !entry) throw new StoppedRequestError(requestId, 'not_found');
  if (!stoppedStates.includes(entry.state)) throw new StoppedRequestError(requestId, 'not_stopped');
  return { request, entry };
}

/**
 * Takes a stopped request back to the form; returns the id of the request to edit: the same one, or a new draft
 * linked to it when the gateway may hold the old package.
 */
export async function startCorrection(db: QabylDatabase, requestId: string, operatorId: string, officeCode: string, now = Date.now()): Promise<string> {
  const at = new Date(now).toISOString();
  return db.transaction('rw', [db.requests, db.documents, db.outbox, db.events, db.meta], async () => {
    const { request, entry } = await stoppedEntry(db, requestId);
    await db.outbox.put(transition.holdForCorrection(entry, now));
    const correction: RequestCorrection = { startedAt: at, operatorId, ...(entry.lastError ? { stoppedBy: entry.lastError } : {}) };
    const documents = await db.documents.where('requestId').equals(requestId).toArray();
    if (!gatewayMayHold(entry)) {
      const { form, applicant, applicantIin, applicantVerified } = request;
      const previous = { form, applicant, applicantIin, ...(applicantVerified !== undefined ? { applicantVerified } : {}), documents };
      await db.requests.update(requestId, { status: 'draft', correction: { ...correction, previous }, updatedAt: at });
      await db.events.add({ requestId, at, type: 'request.correction_started', operatorId, data: { mode: 'replace' } });
      return requestId;
    }
    const draft: RequestRow = {
      id: crypto.randomUUID(),
      localNumber: await nextLocalNumber(db, officeCode, now),
      catalogVersion: request.catalogVersion,
      serviceId: request.serviceId,
      requestKind: request.requestKind,
      operatorId,
      applicantIin: request.applicantIin,
      applicant: request.applicant,
      form: request.form,
      ...(request.applicantVerified !== undefined ? { applicantVerified: request.applicantVerified } : {}),
      status: 'draft',
      correction,
      corrects: requestId,
      createdAt: at,
      updatedAt: at,
    };
    await db.requests.add(draft);
    // The same stored files: the store is content-addressed, so the new request only needs its own rows.
    await db.documents.bulkAdd(documents.map((document) => ({ ...document, id: crypto.randomUUID(), requestId: draft.id })));
    await db.events.add({ requestId, at, type: 'request.correction_started', operatorId, data: { mode: 'supersede', by: draft.id } });
    await db.events.add({ requestId: draft.id, at, type: 'request.created', operatorId, data: { corrects: requestId } });
    return draft.id;
  });
}

/** Gives a correction up before it was signed: the stopped request is as it was; returns its id. */
export async function cancelCorrection(db: QabylDatabase, requestId: string, operatorId: string, now = Date.now()): Promise<string> {
  const at = new Date(now).toISOString();
  return db.transaction('rw', [db.requests, db.documents, db.outbox, db.events], async () => {
    const request = await db.requests.get(requestId);
    const heldId = request?.corrects ?? requestId;
    const held = await db.outbox.get(heldId);
    if (!request?.correction || request.status !== 'draft' || held?.state !== 'correcting') throw new StoppedRequestError(requestId, 'not_correcting');
    await db.outbox.put(transition.correctionCancelled(held, now));
    if (request.corrects) {
      // A draft nothing was signed for; the stopped request it would have corrected records that it was given up.
      await db.documents.where('requestId').equals(requestId).delete();
      await db.requests.delete(requestId);
      await db.events.add({ requestId: heldId, at, type: 'request.correction_cancelled', operatorId, data: { draft: requestId } });
      return heldId;
    }
    const { documents, ...previous } = request.correction.previous ?? { documents: [] };
    // What was signed comes back, documents included, so the held package and the request agree again.
    await db.documents.where('requestId').equals(requestId).delete();
    await db.documents.bulkAdd(documents);
    await db.requests.update(requestId, { ...previous, status: 'needs_attention', correction: undefined, updatedAt: at });
    await db.events.add({ requestId, at, type: 'request.correction_cancelled', operatorId });
    return requestId;
  });
}

/** The applicant takes a stopped request back; possible only while the gateway cannot hold it. */
export async function withdrawRequest(db: QabylDatabase, requestId: string, reason: WithdrawalReason, operatorId: string, now = Date.now()): Promise<void> {
  const at = new Date(now).toISOString();
  await db.transaction('rw', [db.requests, db.outbox, db.events], async () => {
    const { entry } = await stoppedEntry(db, requestId);
    if (gatewayMayHold(entry)) throw new StoppedRequestError(requestId, 'gateway_holds');
    await db.outbox.put(transition.withdrawn(entry, now));
    await db.requests.update(requestId, { status: 'withdrawn', withdrawal: { at, reason, operatorId }, updatedAt: at });
    await db.events.add({ requestId, at, type: 'request.withdrawn', operatorId, data: { reason } });
  });
}
