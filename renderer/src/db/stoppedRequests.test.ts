import { afterEach, describe, expect, it } from 'vitest';
import { transition } from '../../../shared/sync/outbox';
import type { QabylDatabase } from './database';
import { createDexieOutboxStore } from './dexieOutboxStore';
import { queueSignedRequest } from './requestQueue';
import { cancelCorrection, startCorrection, StoppedRequestError, withdrawRequest } from './stoppedRequests';
import { attachment, draftRequest, openTestDb, signer } from './testDb.testkit';

const id = '0195a1b2-0000-7000-8000-0000000000c1';
const now = Date.UTC(2025, 2, 14, 6, 30);
const later = now + 3_600_000;
const mismatch = { kind: 'registry_mismatch' as const, detail: 'Жұмабаев Қайрат ≠ Басқаев Қайрат', registry: 'Жұмабаев Қайрат', typed: 'Басқаев Қайрат' };
const document = { id: 'doc-1', requestId: id, sha256: attachment.sha256, fileName: attachment.fileName, mimeType: attachment.mimeType, size: 10, addedAt: '2025-03-14T06:00:00.000Z' };
const newSigner = { ...signer, serialNumber: '4b60' };

let db: QabylDatabase;
afterEach(() => db?.close());

/** A request accepted offline and queued, then stopped: by the registry (never sent), or after a commit went out. */
async function stopped(how: 'registry' | 'afterCommit' = 'registry') {
  db = openTestDb();
  await db.requests.add(draftRequest(id, { applicant: { surname: 'Басқаев', givenName: 'Қайрат', patronymic: '' } }));
  await db.documents.add(document);
  await queueSignedRequest(db, { requestId: id, signedXml: '<signed v="1"/>', signer, attachments: [attachment], operatorId: 'op-1', now });
  const store = createDexieOutboxStore(db, { now: () => now });
  await store.update(id, (e, at) => transition.claim(e, at + 60_000, at));
  if (how === 'afterCommit') {
    await store.update(id, (e, at) => transition.uploaded(transition.applicantVerified(e, at, at), attachment.sha256, at, at));
    await store.update(id, (e, at) => transition.committing(e, at, at));
    await store.update(id, (e, at) => transition.needsAttention(e, { attempts: 1, lastError: { kind: 'permanent', httpStatus: 422, detail: 'refused' } }, at));
  } else {
    await store.update(id, (e, at) => transition.needsAttention(e, { attempts: 0, lastError: mismatch }, at));
  }
  expect((await db.requests.get(id))?.status).toBe('needs_attention');
}

const events = async (requestId: string) => (await db.events.where('requestId').equals(requestId).toArray()).map((event) => event.type);

describe('correcting a stopped request that never left', () => {
  it('reopens the same request on the form, with what stopped it, and holds its outbox entry', async () => {
    await stopped();

    const editing = await startCorrection(db, id, 'op-2', 'ALM01', later);

    expect(editing).toBe(id);
    const request = await db.requests.get(id);
    expect(request).toMatchObject({ status: 'draft', correction: { operatorId: 'op-2', stoppedBy: mismatch, previous: { applicant: { surname: 'Басқаев' }, documents: [document] } } });
    expect((await db.outbox.get(id))?.state).toBe('correcting');
    expect(await events(id)).toContain('request.correction_started');
  });

  it('re-signed, replaces the package under the same id and keeps the moment of acceptance', async () => {
    await stopped();
    const acceptedAt = (await db.requests.get(id))?.acceptedAt;
    await startCorrection(db, id, 'op-2', 'ALM01', later);
    await db.requests.update(id, { applicant: { surname: 'Жұмабаев', givenName: 'Қайрат', patronymic: '' }, applicantVerified: true });

    await queueSignedRequest(db, { requestId: id, signedXml: '<signed v="2"/>', signer: newSigner, attachments: [attachment], operatorId: 'op-2', now: later });

    const request = await db.requests.get(id);
    expect(request).toMatchObject({ status: 'queued', signedXml: '<signed v="2"/>', signer: newSigner, acceptedAt });
    expect(request?.correction).toBeUndefined();
    const entry = await db.outbox.get(id);
    expect(entry).toMatchObject({ state: 'queued', attempts: 0, nextAttemptAt: later, applicantVerified: true, commitSent: false, payload: { signedXml: '<signed v="2"/>' } });
    expect(entry?.lastError).toBeUndefined();
    expect(await db.outbox.count()).toBe(1);
    const corrected = (await db.events.where('requestId').equals(id).toArray()).find((event) => event.type === 'request.corrected');
    expect(corrected?.data).toEqual({ mode: 'replace', replacedSigner: signer.serialNumber });
  });

  it('given up, restores what was signed, documents included, and stops again', async () => {
    await stopped();
    await startCorrection(db, id, 'op-2', 'ALM01', later);
    await db.requests.update(id, { form: { address: 'typed during the correction' } });
    await db.documents.delete(document.id);

    expect(await cancelCorrection(db, id, 'op-2', later)).toBe(id);

    const request = await db.requests.get(id);
    expect(request).toMatchObject({ status: 'needs_attention', form: draftRequest(id).form });
    expect(request?.correction).toBeUndefined();
    expect(await db.documents.where('requestId').equals(id).toArray()).toEqual([document]);
    expect((await db.outbox.get(id))?.state).toBe('needs_attention');
    expect(await events(id)).toContain('request.correction_cancelled');
  });

  it('refuses to start twice, and to queue a correction that was given up meanwhile', async () => {
    await stopped();
    await startCorrection(db, id, 'op-2', 'ALM01', later);
    await expect(startCorrection(db, id, 'op-2', 'ALM01', later)).rejects.toMatchObject({ reason: 'not_stopped' });
    await db.outbox.update(id, { state: 'needs_attention' });
    await expect(queueSignedRequest(db, { requestId: id, signedXml: '<signed v="2"/>', signer, attachments: [attachment], operatorId: 'op-2', now: later })).rejects.toMatchObject({ reason: 'correction_ended' });
    expect((await db.outbox.get(id))?.payload.signedXml).toBe('<signed v="1"/>');
  });
});

describe('correcting a stopped request the gateway may hold', () => {
  it('drafts a new request linked to it; signing that settles the old one as superseded', async () => {
    await stopped('afterCommit');

    const draftId = await startCorrection(db, id, 'op-2', 'ALM01', later);

    expect(draftId).not.toBe(id);
    const draft = await db.requests.get(draftId);
    expect(draft).toMatchObject({ status: 'draft', corrects: id, form: draftRequest(id).form, localNumber: expect.stringMatching(/^ALM01-\d{8}-0001$/) });
    expect((await db.documents.where('requestId').equals(draftId).toArray()).map((row) => row.sha256)).toEqual([attachment.sha256]);
    // The old request is not on the form: it stays stopped (its entry held) until the new one is signed.
    expect((await db.requests.get(id))?.status).toBe('needs_attention');
    expect((await db.outbox.get(id))?.state).toBe('correcting');

    await queueSignedRequest(db, { requestId: draftId, signedXml: '<signed v="2"/>', signer: newSigner, attachments: [attachment], operatorId: 'op-2', now: later });

    expect(await db.outbox.get(draftId)).toMatchObject({ state: 'queued', corrects: id });
    expect(await db.outbox.get(id)).toMatchObject({ state: 'superseded', supersededBy: draftId, payload: { signedXml: '<signed v="1"/>' } });
    expect(await db.requests.get(id)).toMatchObject({ status: 'superseded', correctedBy: draftId, signedXml: '<signed v="1"/>' });
    expect(await events(id)).toContain('request.superseded');
    expect(await events(draftId)).toEqual(['request.created', 'request.queued', 'request.corrected']);
  });

  it('given up, drops the unsigned draft and stops the old request again', async () => {
    await stopped('afterCommit');
    const draftId = await startCorrection(db, id, 'op-2', 'ALM01', later);

    expect(await cancelCorrection(db, draftId, 'op-2', later)).toBe(id);

    expect(await db.requests.get(draftId)).toBeUndefined();
    expect(await db.documents.where('requestId').equals(draftId).count()).toBe(0);
    expect((await db.outbox.get(id))?.state).toBe('needs_attention');
    expect((await db.requests.get(id))?.status).toBe('needs_attention');
  });
});

describe('withdrawing a stopped request', () => {
  it('settles it with the reason; the outbox never sends it', async () => {
    await stopped();

    await withdrawRequest(db, id, 'dataError', 'op-2', later);

    expect(await db.requests.get(id)).toMatchObject({ status: 'withdrawn', withdrawal: { at: new Date(later).toISOString(), reason: 'dataError', operatorId: 'op-2' } });
    expect((await db.outbox.get(id))?.state).toBe('withdrawn');
    expect(await createDexieOutboxStore(db, { now: () => later }).listDue(later + 1e9)).toEqual([]);
    const withdrawn = (await db.events.where('requestId').equals(id).toArray()).find((event) => event.type === 'request.withdrawn');
    expect(withdrawn).toMatchObject({ operatorId: 'op-2', data: { reason: 'dataError' } });
  });

  it('refuses when the gateway may hold it, and when it is not stopped', async () => {
    await stopped('afterCommit');
    const refusal = await withdrawRequest(db, id, 'applicantRequest', 'op-2', later).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(StoppedRequestError);
    expect(refusal).toMatchObject({ reason: 'gateway_holds' });
    expect((await db.requests.get(id))?.status).toBe('needs_attention');

    await startCorrection(db, id, 'op-2', 'ALM01', later);
    await expect(withdrawRequest(db, id, 'applicantRequest', 'op-2', later)).rejects.toMatchObject({ reason: 'not_stopped' });
  });
});
