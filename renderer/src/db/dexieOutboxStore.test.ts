import { afterEach, describe, expect, it } from 'vitest';
import { accepted, FakeClock, FakeScheduler, FakeTransport } from '../../../shared/sync/fakes.testkit';
import { newOutboxEntry, type OutboxEntry } from '../../../shared/sync/outbox';
import { createOutboxEngine } from '../../../shared/sync/outboxEngine';
import type { QabylDatabase } from './database';
import { createDexieOutboxStore } from './dexieOutboxStore';
import { queueSignedRequest } from './requestQueue';
import { attachment, draftRequest, openTestDb, signer } from './testDb.testkit';

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

describe('Dexie outbox store', () => {
  it('lists due entries oldest first and skips the rest', async () => {
    db = openTestDb();
    const clock = new FakeClock();
    const now = clock.now();
    await db.outbox.bulkAdd([
      entry(idA, now - 1_000),
      entry(idB, now - 3_000, { state: 'retry_wait', attempts: 1, nextAttemptAt: now - 10 }),
      entry(idC, now - 5_000, { state: 'retry_wait', attempts: 1, nextAttemptAt: now + 10 }),
      entry('sent', now - 9_000, { state: 'submitted', registrationNumber: 'KZ-1' }),
      entry('parked', now - 9_000, { state: 'needs_attention' }),
    ]);
    const store = createDexieOutboxStore(db, clock);

    expect((await store.listDue(now)).map((e) => e.id)).toEqual([idB, idA]);
    expect(await store.nextDueAt()).toBe(now - 1_000);
  });

  it('recovers expired leases only', async () => {
    db = openTestDb();
    const clock = new FakeClock();
    const now = clock.now();
    await db.outbox.bulkAdd([
      entry(idA, now - 9_000, { state: 'sending', attempts: 3, leaseUntil: now - 1 }),
      entry(idB, now - 9_000, { state: 'sending', leaseUntil: now + 60_000 }),
    ]);
    const store = createDexieOutboxStore(db, clock);

    expect(await store.recoverExpiredLeases(now)).toBe(1);

    const recovered = await db.outbox.get(idA);
    expect(recovered).toMatchObject({ state: 'queued', attempts: 3, updatedAt: now });
    expect(recovered).not.toHaveProperty('leaseUntil');
    expect((await db.outbox.get(idB))?.state).toBe('sending');
    // The recovered entry is due at once; the live lease would have woken the engine at its end.
    expect(await store.nextDueAt()).toBe(now - 9_000);
    await db.outbox.delete(idA);
    expect(await store.nextDueAt()).toBe(now + 60_000);
  });

  it('claims an entry only once', async () => {
    db = openTestDb();
    const clock = new FakeClock();
    await db.outbox.add(entry(idA, clock.now()));
    const store = createDexieOutboxStore(db, clock);

    const claims = await Promise.all([store.markSending(idA, clock.now() + 1), store.markSending(idA, clock.now() + 1)]);

    expect(claims.sort()).toEqual([false, true]);
  });

  it('records acceptance on the request and in the audit log, with the outbox change', async () => {
    db = openTestDb();
    const clock = new FakeClock();
    await queueDraft(clock, idA);
    const store = createDexieOutboxStore(db, clock);
    clock.advance(5_000);

    await store.markSending(idA, clock.now() + 120_000);
    await store.markSubmitted(idA, 'KZ-2025-000123', 'registered');

    expect(await db.outbox.get(idA)).toMatchObject({ state: 'submitted', registrationNumber: 'KZ-2025-000123' });
    expect(await db.requests.get(idA)).toMatchObject({
      status: 'submitted',
      registrationNumber: 'KZ-2025-000123',
      updatedAt: new Date(clock.now()).toISOString(),
    });
    const last = await db.events.orderBy('seq').last();
    expect(last).toMatchObject({ requestId: idA, type: 'submission.accepted', data: { registrationNumber: 'KZ-2025-000123', status: 'registered' } });
  });

  it('marks the request for attention and logs retries', async () => {
    db = openTestDb();
    const clock = new FakeClock();
    await queueDraft(clock, idA);
    const store = createDexieOutboxStore(db, clock);
    const lastError = { kind: 'permanent' as const, httpStatus: 422, detail: 'body differs from the first submission' };

    await store.markSending(idA, clock.now() + 1);
    await store.markRetry(idA, { attempts: 1, nextAttemptAt: clock.now(), lastError: { kind: 'transient', detail: 'busy' } });
    await store.markSending(idA, clock.now() + 1);
    await store.markNeedsAttention(idA, { attempts: 2, lastError });

    expect(await db.outbox.get(idA)).toMatchObject({ state: 'needs_attention', attempts: 2, lastError });
    expect((await db.requests.get(idA))?.status).toBe('needs_attention');
    expect((await db.events.orderBy('seq').toArray()).map((e) => e.type)).toEqual([
      'request.queued',
      'submission.retry',
      'submission.needs_attention',
    ]);
  });

  it('refuses outcome transitions for an entry it has not claimed', async () => {
    db = openTestDb();
    const clock = new FakeClock();
    await queueDraft(clock, idA);
    const store = createDexieOutboxStore(db, clock);

    await expect(store.markSubmitted(idA, 'KZ-1', 'registered')).rejects.toThrow(/queued/);
    expect((await db.requests.get(idA))?.status).toBe('queued');
    expect(await db.events.count()).toBe(1);
  });

  it('runs the sync engine end to end: two transient failures, then the registration number', async () => {
    db = openTestDb();
    const clock = new FakeClock();
    const scheduler = new FakeScheduler(clock);
    const transport = new FakeTransport((e, call) =>
      call <= 2 ? { kind: 'transient', httpStatus: 503, detail: 'maintenance' } : accepted(e.id),
    );
    await queueDraft(clock, idA);
    const engine = createOutboxEngine({ store: createDexieOutboxStore(db, clock), transport, clock, scheduler, random: () => 0.5 });

    await engine.start();
    expect(await db.outbox.get(idA)).toMatchObject({ state: 'retry_wait', attempts: 1 });
    await scheduler.fireNext();
    await scheduler.fireNext();
    engine.stop();

    expect(transport.delivered).toEqual([idA, idA, idA]);
    expect(await db.outbox.get(idA)).toMatchObject({ state: 'submitted', attempts: 2, registrationNumber: `KZ-${idA}` });
    expect(await db.requests.get(idA)).toMatchObject({ status: 'submitted', registrationNumber: `KZ-${idA}` });
    expect((await db.events.orderBy('seq').toArray()).map((e) => e.type)).toEqual([
      'request.queued',
      'submission.retry',
      'submission.retry',
      'submission.accepted',
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

    const transport = new FakeTransport();
    const summary = await createOutboxEngine({ store, transport, clock, scheduler: new FakeScheduler(clock) }).syncNow();
    expect(summary.submitted).toBe(2);
    expect((await db.requests.get(idB))?.status).toBe('submitted');
  });
});
