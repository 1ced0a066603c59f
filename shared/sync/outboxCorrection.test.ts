/** The ways out of a stopped request: correct and re-sign (replace or supersede), give the correction up, withdraw. */
import { describe, expect, it } from 'vitest';
import { FakeClock, FakeGateway, FakeScheduler, sampleEntry, sha, withFiles } from './fakes.testkit';
import { MemoryOutboxStore } from './memoryOutboxStore.testkit';
import { gatewayMayHold, OutboxStateError, transition, type OutboxEntry, type OutboxPayload } from './outbox';
import { createOutboxEngine } from './outboxEngine';

function setup() {
  const clock = new FakeClock();
  const store = new MemoryOutboxStore(clock);
  const gateway = new FakeGateway();
  const engine = createOutboxEngine({ store, transport: gateway, clock, scheduler: new FakeScheduler(clock), random: () => 0.5 });
  return { clock, store, gateway, engine };
}

const typedOffline: Partial<OutboxPayload> = { ...withFiles(1, 2), verifyApplicant: { kind: 'individual', iin: '850515300016', surname: 'Басқаев', givenName: 'Қайрат' } };
const corrected: OutboxPayload = { signedXml: '<request id="a" corrected="1"/>', attachments: withFiles(2, 3).attachments ?? [] };

/** An entry the registry stopped: the check comes before any upload or commit. */
async function stoppedByRegistry() {
  const context = setup();
  context.store.add(sampleEntry('a', context.clock.now(), typedOffline));
  context.gateway.answer({ checkApplicant: () => ({ kind: 'mismatch', detail: 'Жұмабаев Қайрат ≠ Басқаев Қайрат', registry: 'Жұмабаев Қайрат', typed: 'Басқаев Қайрат' }) });
  await context.engine.syncNow();
  return context;
}

describe('correcting a stopped request', () => {
  it('keeps what the registry holds and what was typed apart, for the form to show side by side', async () => {
    const { store, gateway } = await stoppedByRegistry();
    expect(store.get('a')).toMatchObject({ state: 'needs_attention', commitSent: false, lastError: { kind: 'registry_mismatch', registry: 'Жұмабаев Қайрат', typed: 'Басқаев Қайрат' } });
    expect(gateway.uploads).toEqual([]);
    expect(gatewayMayHold(store.get('a'))).toBe(false);
  });

  it('holds the entry while correcting: the engine and "retry now" leave it alone', async () => {
    const { store, gateway, engine } = await stoppedByRegistry();
    await store.update('a', (e, now) => transition.holdForCorrection(e, now));
    gateway.answer({ checkApplicant: () => ({ kind: 'match' }) });

    await engine.syncNow();
    await expect(engine.retryNow('a')).rejects.toBeInstanceOf(OutboxStateError);

    expect(store.get('a').state).toBe('correcting');
    expect(gateway.checks).toEqual(['a']);
    expect(gateway.commits).toEqual([]);
  });

  it('sends the re-signed package under the same id when the old one never left, with a fresh attempt budget', async () => {
    const { store, gateway, engine } = await stoppedByRegistry();
    await store.update('a', (e, now) => transition.holdForCorrection(e, now));
    // The gateway already holds file 2 from elsewhere; the old package's file 1 is not in the corrected one.
    await store.update('a', (e) => ({ ...e, uploaded: [sha(1), sha(2)] }));
    const replaced = await store.update('a', (e, now) => transition.replaced(e, corrected, now));

    expect(replaced).toMatchObject({ state: 'queued', attempts: 0, applicantVerified: true, uploaded: [sha(2)], payload: corrected });
    expect(replaced?.lastError).toBeUndefined();

    let committed: OutboxEntry | undefined;
    gateway.answer({ commit: (entry) => ((committed = entry), { kind: 'accepted', registrationNumber: 'KZ-a', status: 'registered' }) });
    await engine.syncNow();

    expect(gateway.uploads).toEqual([`a:${sha(3)}`]);
    expect(gateway.commits).toEqual(['a']);
    expect(committed?.payload.signedXml).toBe(corrected.signedXml);
    expect(store.get('a')).toMatchObject({ state: 'submitted', registrationNumber: 'KZ-a', commitSent: true });
  });

  it('refuses to replace a package once a commit of it was sent; a new linked request supersedes it instead', async () => {
    const { store, clock, gateway, engine } = setup();
    store.add(sampleEntry('b', clock.now(), withFiles(1)));
    gateway.answer({ commit: () => ({ kind: 'permanent', httpStatus: 422, detail: 'signed XML does not list exactly the attached files' }) });
    await engine.syncNow();
    expect(store.get('b')).toMatchObject({ state: 'needs_attention', commitSent: true });
    expect(gatewayMayHold(store.get('b'))).toBe(true);

    await store.update('b', (e, now) => transition.holdForCorrection(e, now));
    await expect(store.update('b', (e, now) => transition.replaced(e, corrected, now))).rejects.toBeInstanceOf(OutboxStateError);
    await store.update('b', (e, now) => transition.superseded(e, 'c', now));

    expect(store.get('b')).toMatchObject({ state: 'superseded', supersededBy: 'c', payload: { signedXml: '<request id="b"/>' } });
    await engine.syncNow();
    expect(gateway.commits).toEqual(['b']);
  });

  it('a correction given up stops the request again as it was', async () => {
    const { store } = await stoppedByRegistry();
    await store.update('a', (e, now) => transition.holdForCorrection(e, now));
    await store.update('a', (e, now) => transition.correctionCancelled(e, now));
    expect(store.get('a')).toMatchObject({ state: 'needs_attention', lastError: { kind: 'registry_mismatch' }, payload: { signedXml: '<request id="a"/>' } });
  });

  it('only a stopped request can be corrected', async () => {
    const { store, clock } = setup();
    store.add(sampleEntry('q', clock.now()));
    await expect(store.update('q', (e, now) => transition.holdForCorrection(e, now))).rejects.toBeInstanceOf(OutboxStateError);
  });
});

describe('withdrawing a stopped request', () => {
  it('settles a request that never left; the engine never sends it', async () => {
    const { store, gateway, engine } = await stoppedByRegistry();
    await store.update('a', (e, now) => transition.withdrawn(e, now));
    gateway.answer({ checkApplicant: () => ({ kind: 'match' }) });
    await engine.syncNow();
    await expect(engine.retryNow('a')).rejects.toBeInstanceOf(OutboxStateError);
    expect(store.get('a').state).toBe('withdrawn');
    expect(gateway.commits).toEqual([]);
  });

  it('refuses when the gateway may hold the package, which nothing here can recall', async () => {
    const { store, clock } = setup();
    const held: OutboxEntry = { ...sampleEntry('h', clock.now()), state: 'needs_attention', commitSent: true };
    store.add(held);
    await expect(store.update('h', (e, now) => transition.withdrawn(e, now))).rejects.toBeInstanceOf(OutboxStateError);
    expect(store.get('h').state).toBe('needs_attention');
  });

  it('counts an entry from before commits were tracked as held, unless the registry stopped it', () => {
    const { commitSent: _dropped, ...legacy } = sampleEntry('l', 0);
    expect(gatewayMayHold({ ...legacy, state: 'needs_attention', lastError: { kind: 'registry_mismatch', detail: '' } })).toBe(false);
    expect(gatewayMayHold({ ...legacy, state: 'needs_attention', lastError: { kind: 'permanent', detail: '' } })).toBe(true);
    expect(gatewayMayHold({ ...sampleEntry('r', 0), registrationNumber: 'KZ-1' })).toBe(true);
  });
});
