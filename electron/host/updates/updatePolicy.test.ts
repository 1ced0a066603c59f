import { describe, expect, it } from 'vitest';
import { decideInstall, failureEvent, INITIAL_UPDATE_STATE, nextUpdateState, type InstallContext, type UpdateEvent, type UpdateState } from './updatePolicy';

const AT = new Date('2026-11-22T10:00:00.000Z');
const run = (...events: UpdateEvent[]) => events.reduce(nextUpdateState, INITIAL_UPDATE_STATE);
const failed = failureEvent(Object.assign(new Error('feed down'), { code: 'update.unreachable' }), AT);
const downloaded = run({ type: 'checkStarted' }, { type: 'updateFound', version: '0.2.0' }, { type: 'downloadStarted' }, { type: 'downloaded' });

describe('update state machine', () => {
  it('goes idle → checking → available → downloading → downloaded → installing', () => {
    const phases: string[] = [];
    let state = INITIAL_UPDATE_STATE;
    for (const event of [
      { type: 'checkStarted' },
      { type: 'updateFound', version: '0.2.0' },
      { type: 'downloadStarted' },
      { type: 'progress', percent: 40 },
      { type: 'downloaded' },
      { type: 'installStarted' },
    ] satisfies UpdateEvent[]) {
      state = nextUpdateState(state, event);
      phases.push(state.phase);
    }
    expect(phases).toEqual(['checking', 'available', 'downloading', 'downloading', 'downloaded', 'installing']);
    expect(state.version).toBe('0.2.0');
  });

  it('returns to idle when there is nothing new', () => {
    expect(run({ type: 'checkStarted' }, { type: 'noUpdate' })).toEqual({ phase: 'idle' });
  });

  it.each<[string, UpdateEvent[]]>([
    ['checking', [{ type: 'checkStarted' }]],
    ['available', [{ type: 'checkStarted' }, { type: 'updateFound', version: '0.2.0' }]],
    ['downloading', [{ type: 'checkStarted' }, { type: 'updateFound', version: '0.2.0' }, { type: 'downloadStarted' }]],
    ['downloaded', [{ type: 'checkStarted' }, { type: 'updateFound', version: '0.2.0' }, { type: 'downloaded' }]],
    ['installing', [{ type: 'checkStarted' }, { type: 'updateFound', version: '0.2.0' }, { type: 'downloaded' }, { type: 'installStarted' }]],
  ])('a failure while %s returns to idle and keeps the error', (_phase, events) => {
    expect(run(...events, failed)).toEqual({ phase: 'idle', lastError: { code: 'update.unreachable', message: 'feed down', at: AT.toISOString() } });
  });

  it('keeps the last error through a later successful check, for diagnostics', () => {
    const state = run(failed, { type: 'checkStarted' }, { type: 'updateFound', version: '0.3.0' });
    expect(state).toMatchObject({ phase: 'available', version: '0.3.0', lastError: { code: 'update.unreachable' } });
  });

  it('ignores out-of-order events', () => {
    const downloading = run({ type: 'checkStarted' }, { type: 'updateFound', version: '0.2.0' }, { type: 'downloadStarted' });
    expect(nextUpdateState(downloading, { type: 'checkStarted' })).toBe(downloading);
    expect(nextUpdateState(INITIAL_UPDATE_STATE, { type: 'installStarted' })).toBe(INITIAL_UPDATE_STATE);
    expect(nextUpdateState(INITIAL_UPDATE_STATE, { type: 'progress', percent: 10 })).toBe(INITIAL_UPDATE_STATE);
    expect(nextUpdateState(downloaded, { type: 'updateFound', version: '9.9.9' })).toBe(downloaded);
  });

  it('clamps progress to 0–100', () => {
    const downloading = run({ type: 'checkStarted' }, { type: 'updateFound', version: '0.2.0' }, { type: 'downloadStarted' });
    expect(nextUpdateState(downloading, { type: 'progress', percent: 140 }).percent).toBe(100);
  });

  it('records anything thrown as a failure, with a fallback code', () => {
    expect(failureEvent('boom', AT)).toEqual({ type: 'failed', code: 'update.failed', message: 'boom', at: AT.toISOString() });
  });
});

describe('when a downloaded update may be installed', () => {
  const ctx = (operatorBusy: boolean, outboxPending: number, operatorConsented: boolean): InstallContext => ({ operatorBusy, outboxPending, operatorConsented });
  const available: UpdateState = { phase: 'available', version: '0.2.0' };

  it.each<[string, UpdateState, InstallContext, ReturnType<typeof decideInstall>]>([
    ['idle, nothing downloaded', INITIAL_UPDATE_STATE, ctx(false, 0, true), { install: false, reason: 'notDownloaded' }],
    ['still only available', available, ctx(false, 0, true), { install: false, reason: 'notDownloaded' }],
    ['busy, outbox empty', downloaded, ctx(true, 0, false), { install: false, reason: 'operatorBusy' }],
    ['busy even with consent', downloaded, ctx(true, 3, true), { install: false, reason: 'operatorBusy' }],
    ['outbox empty', downloaded, ctx(false, 0, false), { install: true, reason: 'outboxEmpty' }],
    ['outbox waiting, no consent', downloaded, ctx(false, 2, false), { install: false, reason: 'awaitingConsent' }],
    ['outbox waiting, operator consents', downloaded, ctx(false, 2, true), { install: true, reason: 'operatorConsented' }],
    ['already installing', nextUpdateState(downloaded, { type: 'installStarted' }), ctx(false, 0, true), { install: false, reason: 'notDownloaded' }],
  ])('%s', (_name, state, context, expected) => {
    expect(decideInstall(state, context)).toEqual(expected);
  });
});
