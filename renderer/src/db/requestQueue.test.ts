import { afterEach, describe, expect, it } from 'vitest';
import type { QabylDatabase } from './database';
import { queueSignedRequest, QueueRefusedError } from './requestQueue';
import { attachment, draftRequest, openTestDb, signer } from './testDb.testkit';

const id = '0195a1b2-0000-7000-8000-000000000001';
const now = Date.UTC(2025, 2, 14, 6, 30);
const queue = (db: QabylDatabase) =>
  queueSignedRequest(db, { requestId: id, signedXml: '<signed/>', signer, attachments: [attachment], operatorId: 'op-1', now });

let db: QabylDatabase;
afterEach(() => db?.close());

describe('queueSignedRequest', () => {
  it('queues the request, creates its outbox entry and logs the event together', async () => {
    db = openTestDb();
    await db.requests.add(draftRequest(id));

    await queue(db);

    expect(await db.requests.get(id)).toMatchObject({ status: 'queued', signedXml: '<signed/>', signer, updatedAt: new Date(now).toISOString() });
    expect(await db.outbox.get(id)).toEqual({
      id,
      requestId: id,
      state: 'queued',
      attempts: 0,
      nextAttemptAt: now,
      enqueuedAt: now,
      updatedAt: now,
      uploaded: [],
      commitSent: false,
      // Typed, not confirmed by the registry: checked at sync before anything is sent.
      applicantVerified: false,
      payload: {
        signedXml: '<signed/>',
        attachments: [attachment],
        verifyApplicant: { kind: 'individual', iin: '900101300012', surname: 'Сейітов', givenName: 'Асхат' },
      },
    });
    const events = await db.events.toArray();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ requestId: id, type: 'request.queued', operatorId: 'op-1', at: new Date(now).toISOString() });
  });

  it("asks for the ЕНИС check of a representative's power of attorney, and none for a registry-confirmed applicant", async () => {
    db = openTestDb();
    const form = { hasRepresentative: 'yes', representativeIin: '850515300016', powerOfAttorneyNumber: '12345671' };
    await db.requests.add(draftRequest(id, { form, applicantVerified: true }));

    await queue(db);

    expect((await db.outbox.get(id))?.payload).toMatchObject({ verifyPowerOfAttorney: { number: '12345671', principal: '900101300012', agentIin: '850515300016', onDay: '2025-03-14' } });
    expect((await db.outbox.get(id))?.payload.verifyApplicant).toBeUndefined();
    expect((await db.outbox.get(id))?.applicantVerified).toBe(false);
  });

  it('writes nothing when the outbox write fails', async () => {
    db = openTestDb();
    await db.requests.add(draftRequest(id));
    db.outbox.hook('creating', () => {
      throw new Error('QuotaExceededError');
    });

    await expect(queue(db)).rejects.toThrow('QuotaExceededError');

    expect((await db.requests.get(id))?.status).toBe('draft');
    expect((await db.requests.get(id))?.signedXml).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
  });

  it('never queues the same request twice', async () => {
    db = openTestDb();
    await db.requests.add(draftRequest(id));
    await queue(db);

    await expect(queue(db)).rejects.toMatchObject({ reason: 'not_draft' });

    expect(await db.outbox.count()).toBe(1);
    expect(await db.events.count()).toBe(1);
  });

  it('refuses a draft that already has an outbox entry, leaving it untouched', async () => {
    db = openTestDb();
    await db.requests.add(draftRequest(id));
    await queue(db);
    await db.requests.update(id, { status: 'draft' });

    const refusal = await queue(db).catch((e: unknown) => e);

    expect(refusal).toBeInstanceOf(QueueRefusedError);
    expect(refusal).toMatchObject({ reason: 'already_queued' });
    expect((await db.requests.get(id))?.status).toBe('draft');
    expect(await db.events.count()).toBe(1);
  });

  it('refuses a package that leaves out a document attached while signing, writing nothing', async () => {
    db = openTestDb();
    await db.requests.add(draftRequest(id));
    const document = { requestId: id, fileName: 'passport.pdf', mimeType: 'application/pdf', size: 10, addedAt: '2025-03-14T06:00:00.000Z' };
    await db.documents.bulkAdd([{ id: 'signed', sha256: attachment.sha256, ...document }, { id: 'late', sha256: 'b'.repeat(64), ...document }]);

    await expect(queue(db)).rejects.toMatchObject({ reason: 'documents_changed' });

    expect((await db.requests.get(id))?.status).toBe('draft');
    expect(await db.outbox.count()).toBe(0);
    await db.documents.delete('late');
    await queue(db);
    expect((await db.requests.get(id))?.status).toBe('queued');
  });

  it('refuses an unknown request', async () => {
    db = openTestDb();
    await expect(queue(db)).rejects.toMatchObject({ reason: 'not_found' });
  });
});
