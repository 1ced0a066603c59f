import { describe, expect, it } from 'vitest';
import type { DeliveryOutcome } from '../host/hostApi';
import { RETRY_CAP_MS } from './backoff';
import { accepted, FakeClock, FakeScheduler, FakeTransport, sampleEntry } from './fakes.testkit';
import { MemoryOutboxStore } from './memoryOutboxStore.testkit';
import { createOutboxEngine, type OutboxEngineOptions } from './outboxEngine';

function setup(options: Partial<OutboxEngineOptions> = {}) {
  const clock = new FakeClock();
  const scheduler = new FakeScheduler(clock);
  const store = new MemoryOutboxStore(clock);
  const transport = new FakeTransport();
  let changes = 0;
  const engine = createOutboxEngine({
    store,
    transport,
    clock,
    scheduler,
    random: () => 0.5,
    onChange: () => (changes += 1),
    ...options,
  });
  const enqueue = (...ids: string[]) => {
    for (const id of ids) {
      store.add(sampleEntry(id, clock.now()));
      clock.advance(1);
    }
  };
  return { clock, scheduler, store, transport, engine, enqueue, changes: () => changes };
}

const transient = (extra: Partial<Extract<DeliveryOutcome, { kind: 'transient' }>> = {}): DeliveryOutcome => ({
  kind: 'transient',
  httpStatus: 503,
  detail: 'Service Unavailable',
  ...extra,
});

describe('outbox engine', () => {
  it('delivers queued entries and records their registration numbers', async () => {
    const { store, transport, engine, enqueue, changes } = setup();
    enqueue('a', 'b');

    const summary = await engine.syncNow();

    expect(summary).toEqual({ reachable: true, submitted: 2, retrying: 0, needsAttention: 0 });
    expect(transport.delivered).toEqual(['a', 'b']);
    expect(store.get('a')).toMatchObject({ state: 'submitted', registrationNumber: 'KZ-a', attempts: 0 });
    expect(store.get('a').leaseUntil).toBeUndefined();
    expect(store.get('b')).toMatchObject({ state: 'submitted', registrationNumber: 'KZ-b' });
    expect(engine.status()).toEqual({ reachable: true, running: false });
    expect(changes()).toBeGreaterThanOrEqual(4);
  });

  it('counts no attempts and changes nothing while the gateway is unreachable, probing with a capped backoff', async () => {
    const { store, scheduler, clock, transport, engine, enqueue } = setup();
    enqueue('a');
    // Transitions replace entries, never mutate them, so holding the object is a snapshot.
    const before = store.get('a');
    transport.reachable = false;

    await engine.start();

    expect(transport.delivered).toEqual([]);
    expect(store.get('a')).toBe(before);
    expect(engine.status().reachable).toBe(false);
    expect(scheduler.pending()).toEqual([clock.now() + 5_000]);

    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const at = clock.now();
      await scheduler.fireNext();
      delays.push(clock.now() - at);
    }
    expect(delays).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
    expect(store.get('a')).toBe(before);
    engine.stop();
  });

  it('schedules a jittered retry after a transient failure', async () => {
    const { store, transport, clock, engine, enqueue } = setup({ random: () => 0.999 });
    enqueue('a');
    transport.answer(() => transient());
    const now = clock.now();

    const summary = await engine.syncNow();

    const entry = store.get('a');
    expect(summary.retrying).toBe(1);
    expect(entry).toMatchObject({
      state: 'retry_wait',
      attempts: 1,
      lastError: { kind: 'transient', httpStatus: 503, detail: 'Service Unavailable' },
    });
    expect(entry.nextAttemptAt).toBeGreaterThanOrEqual(now);
    expect(entry.nextAttemptAt).toBeLessThanOrEqual(now + RETRY_CAP_MS);
    expect(entry.nextAttemptAt).toBe(now + 0.999 * 2_000);
  });

  it('honours Retry-After as the earliest retry', async () => {
    const { store, transport, clock, engine, enqueue } = setup();
    enqueue('a');
    transport.answer(() => transient({ httpStatus: 429, retryAfterMs: 120_000 }));

    await engine.syncNow();

    expect(store.get('a').nextAttemptAt).toBe(clock.now() + 120_000);
  });

  it('parks a permanent failure in needs_attention with the detail verbatim and never retries it', async () => {
    const { store, transport, clock, engine, enqueue } = setup();
    enqueue('a');
    const detail = 'Өтініш құрамы қате: applicant IIN 900101300012 does not match the signer';
    transport.answer(() => ({ kind: 'permanent', httpStatus: 422, detail }));

    const summary = await engine.syncNow();
    clock.advance(24 * 3_600_000);
    await engine.syncNow();

    expect(summary.needsAttention).toBe(1);
    expect(store.get('a')).toMatchObject({
      state: 'needs_attention',
      attempts: 1,
      lastError: { kind: 'permanent', httpStatus: 422, detail },
    });
    expect(transport.delivered).toEqual(['a']);
  });

  it('gives up after maxAttempts online failures', async () => {
    const { store, transport, scheduler, engine, enqueue } = setup({ maxAttempts: 3 });
    enqueue('a');
    transport.answer(() => transient());

    await engine.start();
    await scheduler.fireNext();
    expect(store.get('a')).toMatchObject({ state: 'retry_wait', attempts: 2 });
    await scheduler.fireNext();

    expect(store.get('a')).toMatchObject({ state: 'needs_attention', attempts: 3, lastError: { kind: 'transient' } });
    expect(transport.delivered).toEqual(['a', 'a', 'a']);
    engine.stop();
  });

  it('treats a throwing transport as a transient failure', async () => {
    const { store, transport, engine, enqueue } = setup();
    enqueue('a');
    transport.answer(() => {
      throw new Error('bridge closed');
    });

    await engine.syncNow();

    expect(store.get('a')).toMatchObject({ state: 'retry_wait', attempts: 1, lastError: { kind: 'transient', detail: 'bridge closed' } });
  });

  it('delivers oldest first, one at a time', async () => {
    const { store, clock, transport, engine } = setup();
    const now = clock.now();
    store.add({ ...sampleEntry('late', now), enqueuedAt: now - 1_000 });
    store.add({ ...sampleEntry('earliest', now), enqueuedAt: now - 3_000 });
    store.add({ ...sampleEntry('middle', now), enqueuedAt: now - 2_000 });
    store.add({ ...sampleEntry('not-yet-due', now), enqueuedAt: now - 4_000, state: 'retry_wait', nextAttemptAt: now + 5_000 });

    await engine.syncNow();

    expect(transport.delivered).toEqual(['earliest', 'middle', 'late']);
    expect(transport.maxConcurrent).toBe(1);
  });

  it('runs single-flight: concurrent syncNow calls deliver each entry once', async () => {
    const { transport, engine, enqueue } = setup();
    enqueue('a', 'b', 'c');

    const first = engine.syncNow();
    expect(engine.status().running).toBe(true);
    const second = engine.syncNow();
    const [one, two] = await Promise.all([first, second]);

    expect(transport.delivered).toEqual(['a', 'b', 'c']);
    expect(transport.maxConcurrent).toBe(1);
    expect(one).toEqual(two);
    expect(one.submitted).toBe(3);
    // The second call made the run go once more (it probed again) in case work arrived meanwhile.
    expect(transport.probes).toBe(2);
  });

  it('picks up work enqueued during a run', async () => {
    const { transport, engine, enqueue } = setup();
    enqueue('a');
    transport.answer((entry) => {
      if (entry.id === 'a') {
        enqueue('b');
        void engine.syncNow();
      }
      return accepted(entry.id);
    });

    const summary = await engine.syncNow();

    expect(transport.delivered).toEqual(['a', 'b']);
    expect(summary.submitted).toBe(2);
  });

  it('recovers expired leases at start and leaves live ones alone', async () => {
    const { store, clock, transport, scheduler, engine } = setup();
    const now = clock.now();
    store.add({ ...sampleEntry('crashed', now - 10_000), state: 'sending', attempts: 4, leaseUntil: now - 1 });
    store.add({ ...sampleEntry('live', now - 5_000), state: 'sending', leaseUntil: now + 30_000 });

    await engine.start();

    expect(transport.delivered).toEqual(['crashed']);
    expect(store.get('crashed')).toMatchObject({ state: 'submitted', attempts: 4 });
    expect(store.get('live').state).toBe('sending');
    // The engine wakes when the live lease runs out.
    expect(scheduler.pending()).toEqual([now + 30_000]);
    await scheduler.fireNext();
    expect(store.get('live').state).toBe('submitted');
    engine.stop();
  });

  it('puts the entry back to queued, attempts unchanged, when the link drops mid-run', async () => {
    const { store, clock, transport, scheduler, engine } = setup();
    const now = clock.now();
    store.add({ ...sampleEntry('a', now - 2), state: 'retry_wait', attempts: 2, nextAttemptAt: now - 1 });
    store.add(sampleEntry('b', now - 1));
    transport.answer(() => ({ kind: 'unreachable', detail: 'ECONNRESET' }));

    await engine.start();

    expect(transport.delivered).toEqual(['a']);
    expect(store.get('a')).toMatchObject({ state: 'queued', attempts: 2 });
    expect(store.get('a').leaseUntil).toBeUndefined();
    expect(store.get('b').state).toBe('queued');
    expect(engine.status().reachable).toBe(false);
    expect(scheduler.pending()).toEqual([clock.now() + 5_000]);
    engine.stop();
  });

  it('re-arms at the earliest due time, or the poll interval when that is sooner', async () => {
    const { store, clock, transport, scheduler, engine, enqueue } = setup({ pollIntervalMs: 60_000 });
    enqueue('a');
    transport.answer((_entry, call) => (call === 1 ? transient() : accepted('a')));

    await engine.start();
    const due = store.get('a').nextAttemptAt;
    expect(scheduler.pending()).toEqual([due]);

    await scheduler.fireNext();
    expect(clock.now()).toBe(due);
    expect(store.get('a').state).toBe('submitted');
    expect(scheduler.pending()).toEqual([clock.now() + 60_000]);

    const now = clock.now();
    store.add({ ...sampleEntry('far', now), state: 'retry_wait', nextAttemptAt: now + 600_000 });
    await engine.syncNow();
    expect(scheduler.pending()).toEqual([now + 60_000]);
    engine.stop();
  });

  it('stop() cancels the timer', async () => {
    const { scheduler, engine } = setup();
    await engine.start();
    expect(scheduler.pending()).toHaveLength(1);

    engine.stop();

    expect(scheduler.pending()).toEqual([]);
  });

  it('reports background failures and keeps its schedule', async () => {
    const errors: unknown[] = [];
    const { store, scheduler, clock, engine } = setup({ onError: (e) => errors.push(e) });
    store.recoverExpiredLeases = () => Promise.reject(new Error('database closed'));

    await engine.start();
    await scheduler.fireNext();
    await expect(engine.syncNow()).rejects.toThrow('database closed');

    expect(errors).toHaveLength(2);
    expect(scheduler.pending()).toEqual([clock.now() + 60_000]);
    engine.stop();
  });
});
