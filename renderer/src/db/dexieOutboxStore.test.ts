import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { accepted, FakeClock, FakeGateway, FakeScheduler, sampleLicense } from '../../../shared/sync/fakes.testkit';
import { newOutboxEntry, transition, type OutboxEntry } from '../../../shared/sync/outbox';
import { createOutboxEngine } from '../../../shared/sync/outboxEngine';
import { QabylDatabase } from './database';
import { createDexieOutboxStore } from './dexieOutboxStore';
import { queueSignedRequest } from './requestQueue';
import { attachment, draftRequest, openTestDb, signer, testFieldKeys } from './testDb.testkit';

const ids = ['0195a1b2-0000-7000-8000-00000000000a', '0195a1b2-0000-7000-8000-00000000000b', '0195a1b2-0000-7000-8000-00000000000c'] as const;
const [idA, idB, idC] = ids;

let db: QabylDatabase;
afterEach(() => db?.close());

async function queueDraft(clock: FakeClock, id: string): Promise<void> {
  await db.requests.add(draftRequest(id));
  await queueSignedRequest(db, { requestId: id, signedXml: `<signed id="${id}"/>`, signer, attachments: [attachment], operatorId: 'op-1', now: clock.now() });
}

function entry(id: string, now: number, overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  return { ...newOutboxEntry({ id, requestId: id, now, payload: { signedXml: '<signed/>', attachments: [] } }), ...overrides };
}

const eventTypes = async () => (await db.events.orderBy('seq').toArray()).map((e) => e.type);

describe('Dexie outbox store', () => {
  it('lists due entries oldest first, polls by their own schedule, and skips the rest', async () => {
    db = openTestDb();
    const clock = new FakeClock();
    const now = clock.now();
    await db.outbox.bulkAdd([
      entry(idA, now - 1_000),
      entry(idB, now - 3_000, { state: 'retry_wait', attempts: 1, nextAttemptAt: now - 10 }),
      entry(idC, now - 5_000, { state: 'retry_wait', attempts: 1, nextAttemptAt: now + 10 }),
      entry('waiting-credentials', now - 6_000, { state: 'auth_required', nextAttemptAt: now - 1 }),
      entry('sent', now - 9_000, { state: 'submitted', registrationNumber: 'KZ-1', nextPollAt: now - 5 }),
      entry('sent-later', now - 9_000, { state: 'submitted', registrationNumber: 'KZ-2', nextPollAt: now + 500 }),
      entry('done', now - 9_000, { state: 'completed' }),
      entry('parked', now - 9_000, { state: 'needs_attention' }),
    ]);
    const store = createDexieOutboxStore(db, clock);

    expect((await store.listDue(now)).map((e) => e.id)).toEqual(['waiting-credentials', idB, idA]);
    expect((await store.listPollDue(now)).map((e) => e.id)).toEqual(['sent']);
    expect(await store.nextWakeAt()).toBe(now - 1_000);
  });

  it('recovers expired leases only, keeping what was uploaded', async () => {
    db = openTestDb();
    const clock = new FakeClock();
    const now = clock.now();
    await db.requests.bulkAdd([{ ...draftRequest(idA), status: 'queued' }, { ...draftRequest(idB), status: 'queued' }]);
    await db.outbox.bulkAdd([
      entry(idA, now - 9_000, { state: 'committing', attempts: 3, uploaded: ['f'.repeat(64)], leaseUntil: now - 1 }),
      entry(idB, now - 9_000, { state: 'uploading', leaseUntil: now + 60_000 }),
    ]);
    const store = createDexieOutboxStore(db, clock);

    expect(await store.recoverExpiredLeases(now)).toBe(1);

    const recovered = await db.outbox.get(idA);
    expect(recovered).toMatchObject({ state: 'queued', attempts: 3, uploaded: ['f'.repeat(64)], updatedAt: now });
    expect(recovered).not.toHaveProperty('leaseUntil');
    expect((await db.outbox.get(idB))?.state).toBe('uploading');
    expect(await eventTypes()).toEqual(['outbox.queued']);
    expect(await store.nextWakeAt()).toBe(now - 9_000);
    await db.outbox.delete(idA);
    expect(await store.nextWakeAt()).toBe(now + 60_000);
  });

  it('claims an entry only once', async () => {
    db = openTestDb();
    const clock = new FakeClock();
    await db.requests.add({ ...draftRequest(idA), status: 'queued' });
    await db.outbox.add(entry(idA, clock.now()));
    const store = createDexieOutboxStore(db, clock);
    const claim = () => store.update(idA, (e, now) => transition.claim(e, now + 1, now));

    const claims = await Promise.all([claim(), claim()]);

    expect(claims.map((c) => c?.state ?? null).sort()).toEqual([null, 'uploading']);
  });

  it('moves the request and the audit log with every state change, atomically', async () => {
    db = openTestDb();
    const clock = new FakeClock();
    await queueDraft(clock, idA);
    const store = createDexieOutboxStore(db, clock);
    clock.advance(5_000);

    await store.update(idA, (e, now) => transition.claim(e, now + 1, now));
    await store.update(idA, (e, now) => transition.uploaded(e, attachment.sha256, now + 1, now));
    await store.update(idA, (e, now) => transition.committing(e, now + 1, now));
    await store.update(idA, (e, now) => transition.submitted(e, { registrationNumber: 'KZ-2025-000123', status: 'registered', nextPollAt: now }, now));

    expect(await db.outbox.get(idA)).toMatchObject({ state: 'submitted', registrationNumber: 'KZ-2025-000123' });
    expect(await db.requests.get(idA)).toMatchObject({ status: 'submitted', registrationNumber: 'KZ-2025-000123', updatedAt: new Date(clock.now()).toISOString() });
    expect(await eventTypes()).toEqual(['request.queued', 'outbox.uploading', 'outbox.committing', 'outbox.submitted']);
    const last = await db.events.orderBy('seq').last();
    expect(last).toMatchObject({ requestId: idA, data: { from: 'committing', registrationNumber: 'KZ-2025-000123', gatewayStatus: 'registered' } });
  });

  it('leaves nothing changed when a transition is refused', async () => {
    db = openTestDb();
    const clock = new FakeClock();
    await queueDraft(clock, idA);
    const store = createDexieOutboxStore(db, clock);

    await expect(store.update(idA, (e, now) => transition.submitted(e, { registrationNumber: 'KZ-1', status: 'registered', nextPollAt: now }, now))).rejects.toThrow(/queued/);
    expect((await db.requests.get(idA))?.status).toBe('queued');
    expect(await db.events.count()).toBe(1);
  });

  it('runs the sync engine end to end: two transient failures, the registration number, then the result', async () => {
    db = openTestDb();
    const clock = new FakeClock();
    const scheduler = new FakeScheduler(clock);
    const gateway = new FakeGateway();
    gateway.answer({ commit: (e, call) => (call <= 2 ? { kind: 'transient', httpStatus: 503, detail: 'maintenance' } : accepted(e.id)) });
    await queueDraft(clock, idA);
    const engine = createOutboxEngine({ store: createDexieOutboxStore(db, clock), transport: gateway, clock, scheduler, random: () => 0.5 });

    await engine.start();
    expect(await db.outbox.get(idA)).toMatchObject({ state: 'retry_wait', attempts: 1, uploaded: [attachment.sha256] });
    await scheduler.fireNext();
    await scheduler.fireNext();
    expect(gateway.uploads).toEqual([`${idA}:${attachment.sha256}`]);
    expect(gateway.commits).toEqual([idA, idA, idA]);
    expect(await db.requests.get(idA)).toMatchObject({ status: 'submitted', registrationNumber: `KZ-${idA}` });

    gateway.answer({ poll: () => ({ kind: 'status', status: 'completed', events: [], decided: true }) });
    await scheduler.fireNext();
    engine.stop();

    expect(await db.outbox.get(idA)).toMatchObject({ state: 'completed', result: sampleLicense });
    expect((await db.requests.get(idA))?.status).toBe('completed');
    expect(await eventTypes()).toEqual([
      'request.queued',
      'outbox.uploading',
      'outbox.committing',
      'outbox.retry_wait',
      'outbox.uploading',
      'outbox.committing',
      'outbox.retry_wait',
      'outbox.uploading',
      'outbox.committing',
      'outbox.submitted',
      'outbox.completed',
    ]);
  });

  it('keeps queued entries across a reload and delivers them afterwards', async () => {
    db = openTestDb();
    const name = db.name;
    const clock = new FakeClock();
    await queueDraft(clock, idA);
    clock.advance(1);
    await queueDraft(clock, idB);
    db.close();

    db = openTestDb(name);
    const store = createDexieOutboxStore(db, clock);
    expect((await store.listDue(clock.now())).map((e) => e.id)).toEqual([idA, idB]);

    const summary = await createOutboxEngine({ store, transport: new FakeGateway(), clock, scheduler: new FakeScheduler(clock) }).syncNow();
    expect(summary.submitted).toBe(2);
    expect((await db.requests.get(idB))?.status).toBe('submitted');
  });

  it('upgrades a version 1 database: a sending entry goes again, nothing is lost', async () => {
    const dependencies = { indexedDB: new IDBFactory(), IDBKeyRange };
    const old = new Dexie('qabyl-v1', dependencies);
    old.version(1).stores({ outbox: 'id, state, nextAttemptAt, enqueuedAt, requestId' });
    await old.table('outbox').bulkAdd([
      { id: idA, requestId: idA, state: 'sending', leaseUntil: 5, attempts: 1, nextAttemptAt: 0, enqueuedAt: 0, updatedAt: 0, payload: { signedXml: 'x', attachments: [] } },
      { id: idB, requestId: idB, state: 'submitted', registrationNumber: 'KZ-1', attempts: 0, nextAttemptAt: 0, enqueuedAt: 0, updatedAt: 0, payload: { signedXml: 'x', attachments: [] } },
    ]);
    old.close();

    db = new QabylDatabase(testFieldKeys, 'qabyl-v1', dependencies);
    expect(await db.outbox.get(idA)).toEqual(expect.objectContaining({ state: 'queued', uploaded: [], applicantVerified: true }));
    expect(await db.outbox.get(idA)).not.toHaveProperty('leaseUntil');
    expect(await db.outbox.get(idB)).toMatchObject({ state: 'submitted', registrationNumber: 'KZ-1', uploaded: [] });
  });
});
