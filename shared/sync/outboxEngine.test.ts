import { describe, expect, it } from 'vitest';
import { RETRY_CAP_MS } from './backoff';
import { accepted, FakeClock, FakeGateway, FakeScheduler, sampleEntry, sampleLicense, sha, withFiles } from './fakes.testkit';
import { MemoryOutboxStore } from './memoryOutboxStore.testkit';
import { createOutboxEngine, LEASE_MS, type OutboxEngineOptions } from './outboxEngine';
import type { OutboxEntry } from './outbox';
import type { CommitOutcome } from './syncOutcomes';

function setup(options: Partial<OutboxEngineOptions> = {}) {
  const clock = new FakeClock();
  const scheduler = new FakeScheduler(clock);
  const store = new MemoryOutboxStore(clock);
  const gateway = new FakeGateway();
  const results: OutboxEntry[] = [];
  let changes = 0;
  const engine = createOutboxEngine({
    store,
    transport: gateway,
    clock,
    scheduler,
    random: () => 0.5,
    onChange: () => (changes += 1),
    onResult: (entry) => results.push(entry),
    ...options,
  });
  const enqueue = (...ids: string[]) => {
    for (const id of ids) {
      store.add(sampleEntry(id, clock.now(), withFiles(1)));
      clock.advance(1);
    }
  };
  return { clock, scheduler, store, gateway, engine, enqueue, results, changes: () => changes };
}

const transient = (extra: Partial<Extract<CommitOutcome, { kind: 'transient' }>> = {}): CommitOutcome => ({
  kind: 'transient',
  httpStatus: 503,
  detail: 'Service Unavailable',
  ...extra,
});

describe('outbox engine: delivery', () => {
  it('uploads every attachment, commits, and records the registration number', async () => {
    const { store, clock, gateway, engine, changes } = setup();
    store.add(sampleEntry('a', clock.now(), withFiles(1, 2)));

    const summary = await engine.syncNow();

    expect(summary).toMatchObject({ reachable: true, submitted: 1, retrying: 0, needsAttention: 0 });
    expect(gateway.uploads).toEqual([`a:${sha(1)}`, `a:${sha(2)}`]);
    expect(gateway.commits).toEqual(['a']);
    expect(store.get('a')).toMatchObject({ state: 'submitted', registrationNumber: 'KZ-a', gatewayStatus: 'registered', uploaded: [sha(1), sha(2)], attempts: 0 });
    expect(store.get('a').leaseUntil).toBeUndefined();
    expect(engine.status()).toMatchObject({ reachable: true, running: false });
    expect(changes()).toBeGreaterThanOrEqual(5);
  });

  it('keeps two uploads in flight and commits one at a time, oldest first', async () => {
    const { store, clock, gateway, engine } = setup();
    const now = clock.now();
    store.add({ ...sampleEntry('late', now, withFiles(3)), enqueuedAt: now - 1_000 });
    store.add({ ...sampleEntry('earliest', now, withFiles(1)), enqueuedAt: now - 3_000 });
    store.add({ ...sampleEntry('middle', now, withFiles(2)), enqueuedAt: now - 2_000 });
    store.add({ ...sampleEntry('not-yet-due', now), enqueuedAt: now - 4_000, state: 'retry_wait', nextAttemptAt: now + 5_000 });

    await engine.syncNow();

    expect(gateway.commits).toEqual(['earliest', 'middle', 'late']);
    expect(gateway.uploadOverlap.max).toBe(2);
    expect(gateway.commitOverlap.max).toBe(1);
  });

  it('does not upload again what the gateway already holds (resume after a crash)', async () => {
    const { store, clock, gateway, engine } = setup();
    store.add({ ...sampleEntry('a', clock.now(), withFiles(1, 2)), uploaded: [sha(1)] });

    await engine.syncNow();

    expect(gateway.uploads).toEqual([`a:${sha(2)}`]);
    expect(store.get('a').state).toBe('submitted');
  });

  it('counts no attempts and changes nothing while the gateway is unreachable, probing with a capped backoff', async () => {
    const { store, scheduler, clock, gateway, engine, enqueue } = setup();
    enqueue('a');
    const before = store.get('a');
    gateway.reachable = false;

    await engine.start();

    expect(gateway.uploads).toEqual([]);
    expect(store.get('a')).toBe(before);
    expect(engine.status().reachable).toBe(false);
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

  it('puts the entry back to queued, attempts unchanged, when the link drops mid-upload', async () => {
    const { store, clock, gateway, scheduler, engine } = setup({ uploadLanes: 1 });
    const now = clock.now();
    store.add({ ...sampleEntry('a', now - 2, withFiles(1, 2)), state: 'retry_wait', attempts: 2, nextAttemptAt: now - 1 });
    store.add(sampleEntry('b', now - 1, withFiles(3)));
    gateway.answer({ upload: (_e, s) => (s === sha(2) ? { kind: 'unreachable', detail: 'ECONNRESET' } : { kind: 'uploaded', sha256: s, bytesSent: 1 }) });

    await engine.start();

    expect(gateway.uploads).toEqual([`a:${sha(1)}`, `a:${sha(2)}`]);
    expect(store.get('a')).toMatchObject({ state: 'queued', attempts: 2, uploaded: [sha(1)] });
    expect(store.get('a').leaseUntil).toBeUndefined();
    expect(store.get('b').state).toBe('queued');
    expect(engine.status().reachable).toBe(false);
    expect(scheduler.pending()).toEqual([clock.now() + 5_000]);
    engine.stop();
  });

  it('schedules a jittered retry after a transient failure', async () => {
    const { store, gateway, clock, engine, enqueue } = setup({ random: () => 0.999 });
    enqueue('a');
    gateway.answer({ commit: () => transient() });
    const now = clock.now();

    const summary = await engine.syncNow();

    const entry = store.get('a');
    expect(summary.retrying).toBe(1);
    expect(entry).toMatchObject({ state: 'retry_wait', attempts: 1, lastError: { kind: 'transient', httpStatus: 503, detail: 'Service Unavailable' } });
    expect(entry.nextAttemptAt).toBeLessThanOrEqual(now + RETRY_CAP_MS);
    expect(entry.nextAttemptAt).toBe(now + 0.999 * 2_000);
  });

  it('honours Retry-After as the earliest retry', async () => {
    const { store, gateway, clock, engine, enqueue } = setup();
    enqueue('a');
    gateway.answer({ upload: () => ({ kind: 'transient', httpStatus: 429, retryAfterMs: 120_000, detail: 'slow down' }) });

    await engine.syncNow();

    expect(store.get('a').nextAttemptAt).toBe(clock.now() + 120_000);
  });

  it('parks a permanent failure in needs_attention with the detail verbatim and never retries it', async () => {
    const { store, gateway, clock, engine, enqueue } = setup();
    enqueue('a');
    const detail = 'Өтініш құрамы қате: applicant IIN 900101300012 does not match the signer';
    gateway.answer({ commit: () => ({ kind: 'permanent', httpStatus: 422, detail }) });

    const summary = await engine.syncNow();
    clock.advance(24 * 3_600_000);
    await engine.syncNow();

    expect(summary.needsAttention).toBe(1);
    expect(store.get('a')).toMatchObject({ state: 'needs_attention', attempts: 1, lastError: { kind: 'permanent', httpStatus: 422, detail } });
    expect(gateway.commits).toEqual(['a']);
  });

  it('gives up after maxAttempts online failures', async () => {
    const { store, gateway, scheduler, engine, enqueue } = setup({ maxAttempts: 3 });
    enqueue('a');
    gateway.answer({ commit: () => transient() });

    await engine.start();
    await scheduler.fireNext();
    expect(store.get('a')).toMatchObject({ state: 'retry_wait', attempts: 2 });
    await scheduler.fireNext();

    expect(store.get('a')).toMatchObject({ state: 'needs_attention', attempts: 3, lastError: { kind: 'transient' } });
    expect(gateway.commits).toEqual(['a', 'a', 'a']);
    engine.stop();
  });

  it('treats a throwing transport as a transient failure', async () => {
    const { store, gateway, engine, enqueue } = setup();
    enqueue('a');
    gateway.answer({
      commit: () => {
        throw new Error('bridge closed');
      },
    });

    await engine.syncNow();

    expect(store.get('a')).toMatchObject({ state: 'retry_wait', attempts: 1, lastError: { kind: 'transient', detail: 'bridge closed' } });
  });

  it('uploads again at once what the gateway says it does not hold, then commits', async () => {
    const { store, clock, gateway, engine } = setup();
    store.add(sampleEntry('a', clock.now(), withFiles(1, 2)));
    gateway.answer({ commit: (e, call) => (call === 1 ? { kind: 'upload_expired', sha256s: [sha(2)], detail: 'attachment-not-uploaded' } : accepted(e.id)) });

    await engine.syncNow();
    expect(store.get('a')).toMatchObject({ state: 'retry_wait', uploaded: [sha(1)], attempts: 1, lastError: { kind: 'upload_expired' } });
    expect(store.get('a').nextAttemptAt).toBe(clock.now());
    await engine.syncNow();

    expect(gateway.uploads).toEqual([`a:${sha(1)}`, `a:${sha(2)}`, `a:${sha(2)}`]);
    expect(store.get('a').state).toBe('submitted');
  });

  it('waits for credentials without spending attempts when the gateway refuses them, and stops the run', async () => {
    const { store, gateway, clock, engine, enqueue } = setup({ authRetryMs: 300_000 });
    enqueue('a', 'b');
    gateway.answer({ upload: () => ({ kind: 'auth', httpStatus: 401, detail: 'invalid_client' }) });

    await engine.syncNow();

    expect(store.get('a')).toMatchObject({ state: 'auth_required', attempts: 0, lastError: { kind: 'auth', detail: 'invalid_client' } });
    expect(store.get('a').nextAttemptAt).toBe(clock.now() + 300_000);
    expect(engine.status().authRefused).toBe(true);
    expect(gateway.uploads.length).toBeLessThanOrEqual(2);

    gateway.answer({ upload: (_e, s) => ({ kind: 'uploaded', sha256: s, bytesSent: 1 }) });
    clock.advance(300_000);
    await engine.syncNow();
    expect(store.get('a').state).toBe('submitted');
    expect(store.get('b').state).toBe('submitted');
    expect(engine.status().authRefused).toBe(false);
  });

  it('checks an applicant typed offline against the registry before sending; a mismatch stops it for the operator', async () => {
    const { store, clock, gateway, engine } = setup();
    const verifyApplicant = { kind: 'individual' as const, iin: '900101300012', surname: 'Ахметов', givenName: 'Серік' };
    store.add(sampleEntry('ok', clock.now() - 1, { ...withFiles(1), verifyApplicant }));
    store.add(sampleEntry('wrong', clock.now(), { ...withFiles(2), verifyApplicant }));
    gateway.answer({ checkApplicant: (e) => (e.id === 'ok' ? { kind: 'match' } : { kind: 'mismatch', detail: 'Тізілімде: Ахметова Сәуле' }) });

    await engine.syncNow();

    expect(store.get('ok')).toMatchObject({ state: 'submitted', applicantVerified: true });
    expect(store.get('wrong')).toMatchObject({ state: 'needs_attention', lastError: { kind: 'registry_mismatch', detail: 'Тізілімде: Ахметова Сәуле' } });
    expect(gateway.uploads).toEqual([`ok:${sha(1)}`]);
  });

  it('runs single-flight: concurrent syncNow calls deliver each entry once', async () => {
    const { gateway, engine, enqueue } = setup();
    enqueue('a', 'b', 'c');

    const first = engine.syncNow();
    expect(engine.status().running).toBe(true);
    const second = engine.syncNow();
    const [one, two] = await Promise.all([first, second]);

    expect(gateway.commits).toEqual(['a', 'b', 'c']);
    expect(one).toEqual(two);
    expect(one.submitted).toBe(3);
    // The second call made the run go once more (it probed again) in case work arrived meanwhile.
    expect(gateway.probes).toBe(2);
  });

  it('recovers expired leases at start and leaves live ones alone', async () => {
    const { store, clock, gateway, scheduler, engine } = setup();
    const now = clock.now();
    store.add({ ...sampleEntry('crashed', now - 10_000, withFiles(1)), state: 'committing', uploaded: [sha(1)], attempts: 4, leaseUntil: now - 1 });
    store.add({ ...sampleEntry('live', now - 5_000, withFiles(2)), state: 'uploading', leaseUntil: now + 30_000 });

    await engine.start();

    expect(gateway.commits).toEqual(['crashed']);
    expect(gateway.uploads).toEqual([]);
    expect(store.get('crashed')).toMatchObject({ state: 'submitted', attempts: 4 });
    expect(store.get('live').state).toBe('uploading');
    // The engine wakes when the live lease runs out.
    expect(scheduler.pending()[0]).toBe(now + 30_000);
    await scheduler.fireNext();
    expect(store.get('live').state).toBe('submitted');
    engine.stop();
  });

  it('pauses: no new work while paused; resume runs at once; the operator can retry one item', async () => {
    const { store, gateway, engine, enqueue } = setup();
    enqueue('a');
    engine.setPaused(true);

    await engine.syncNow();
    expect(gateway.uploads).toEqual([]);
    expect(engine.status().paused).toBe(true);

    gateway.answer({ commit: () => ({ kind: 'permanent', httpStatus: 422, detail: 'no' }) });
    engine.setPaused(false);
    await engine.syncNow();
    expect(store.get('a').state).toBe('needs_attention');

    gateway.answer({ commit: (e) => accepted(e.id) });
    await engine.retryNow('a');
    expect(store.get('a')).toMatchObject({ state: 'queued', attempts: 0 });
    await engine.syncNow();
    expect(store.get('a').state).toBe('submitted');
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

describe('outbox engine: status and results', () => {
  it('polls submitted entries on a slower, growing schedule and records the timeline', async () => {
    const { store, clock, gateway, engine, enqueue } = setup({ statusPollBaseMs: 10_000, statusPollCapMs: 40_000 });
    enqueue('a');
    const events = [{ at: '2025-03-14T06:00:00Z', code: 'step.started', stepId: 'review', text: 'Қарау басталды' }];
    gateway.answer({ poll: () => ({ kind: 'status', status: 'in_review', events, decided: false }) });

    await engine.syncNow();
    const firstPoll = store.get('a').nextPollAt ?? 0;
    expect(firstPoll - clock.now()).toBe(0.75 * 10_000);
    await engine.syncNow();
    expect(gateway.polls).toEqual([]);

    clock.ms = firstPoll;
    await engine.syncNow();
    expect(gateway.polls).toEqual(['a']);
    expect(store.get('a')).toMatchObject({ state: 'submitted', gatewayStatus: 'in_review', gatewayEvents: events, polls: 1 });
    expect((store.get('a').nextPollAt ?? 0) - clock.now()).toBe(0.75 * 20_000);
  });

  it('fetches a decided result, stores it and tells the operator', async () => {
    const { store, clock, gateway, engine, enqueue, results } = setup();
    enqueue('a');
    await engine.syncNow();
    gateway.answer({ poll: () => ({ kind: 'status', status: 'completed', events: [], decided: true }) });

    clock.advance(3_600_000);
    const summary = await engine.syncNow();

    expect(summary.decided).toBe(1);
    expect(store.get('a')).toMatchObject({ state: 'completed', gatewayStatus: 'completed', result: sampleLicense });
    expect(store.get('a').nextPollAt).toBeUndefined();
    expect(results.map((r) => r.id)).toEqual(['a']);
    clock.advance(3_600_000);
    await engine.syncNow();
    expect(gateway.polls).toEqual(['a']);
  });

  it('records a refusal as rejected', async () => {
    const { store, clock, gateway, engine, enqueue } = setup();
    enqueue('a');
    await engine.syncNow();
    const refusal = { ...sampleLicense, kind: 'refusal' as const, grounds: [{ code: 'inactive', text: 'ЗТ белсенді емес', basis: '§9' }] };
    gateway.answer({ poll: () => ({ kind: 'status', status: 'rejected', events: [], decided: true }), fetchResult: () => ({ kind: 'result', result: refusal }) });

    clock.advance(3_600_000);
    await engine.syncNow();

    expect(store.get('a')).toMatchObject({ state: 'rejected', result: refusal });
  });

  it('never hands over a result that does not verify', async () => {
    const { store, clock, gateway, engine, enqueue } = setup();
    enqueue('a');
    await engine.syncNow();
    gateway.answer({ poll: () => ({ kind: 'status', status: 'completed', events: [], decided: true }), fetchResult: () => ({ kind: 'invalid', detail: 'signature does not verify' }) });

    clock.advance(3_600_000);
    await engine.syncNow();

    expect(store.get('a')).toMatchObject({ state: 'needs_attention', lastError: { kind: 'result_invalid', detail: 'signature does not verify' } });
    expect(store.get('a').result).toBeUndefined();
  });

  it('keeps polling after a failed poll, without spending attempts', async () => {
    const { store, clock, gateway, engine, enqueue } = setup();
    enqueue('a');
    await engine.syncNow();
    gateway.answer({ poll: () => ({ kind: 'transient', httpStatus: 502, detail: 'bad gateway' }) });

    clock.advance(3_600_000);
    await engine.syncNow();

    expect(store.get('a')).toMatchObject({ state: 'submitted', attempts: 0 });
    expect(store.get('a').nextPollAt ?? 0).toBeGreaterThan(clock.now());
  });

  it('keeps a lease no longer than LEASE_MS past the last step', async () => {
    const { store, clock, engine, gateway } = setup();
    store.add(sampleEntry('a', clock.now(), withFiles(1)));
    let leaseSeen = 0;
    gateway.answer({
      commit: (e) => {
        leaseSeen = store.get(e.id).leaseUntil ?? 0;
        return accepted(e.id);
      },
    });

    await engine.syncNow();

    expect(leaseSeen).toBe(clock.now() + LEASE_MS);
  });
});
