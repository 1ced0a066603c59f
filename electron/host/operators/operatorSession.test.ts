import { describe, expect, it } from 'vitest';
import { hostApi, type HostHandlers, type HostMethod, type OperatorProfile } from '../../../shared/host/hostApi';
import { methodAccess, type Role } from '../../../shared/host/methodAccess';
import { dispatchHostCall } from '../dispatchHostCall';
import { createOperatorSession, guardHandlers, type OperatorSession } from './operatorSession';

const profile = (role: Role): OperatorProfile => ({ id: `id-${role}`, login: role, fullName: role, iin: '900101300018', role });

/** Handlers that only note they ran: the guard, not a service, is what is under test. */
function recordingHost(session: OperatorSession = createOperatorSession()) {
  const ran: HostMethod[] = [];
  const handlers = Object.fromEntries(Object.keys(hostApi).map((method) => [method, async () => (ran.push(method as HostMethod), {})])) as unknown as HostHandlers;
  return { ran, session, handlers: guardHandlers(handlers, session) };
}

// One method of each access level, with arguments its schema accepts.
const probes = [
  { method: 'app.info', args: {} },
  { method: 'registry.individual', args: { iin: '900101300018' } },
  { method: 'keys.list', args: {} },
  { method: 'diagnostics.export', args: { queueSummary: { byState: {} } } },
  { method: 'settings.get', args: {} },
] as const;

describe('host access enforcement', () => {
  it('probes every access level the table uses', () => {
    expect(new Set(probes.map((probe) => methodAccess[probe.method]))).toEqual(new Set(Object.values(methodAccess)));
  });

  const expectations: Record<'nobody' | Role, Record<string, true | string>> = {
    nobody: { workstation: true, session: 'operators.notLoggedIn', operator: 'operators.notLoggedIn', supervisor: 'operators.notLoggedIn', administrator: 'operators.notLoggedIn' },
    operator: { workstation: true, session: true, operator: true, supervisor: 'operators.forbidden', administrator: 'operators.forbidden' },
    supervisor: { workstation: true, session: true, operator: true, supervisor: true, administrator: 'operators.forbidden' },
    administrator: { workstation: true, session: true, operator: true, supervisor: true, administrator: true },
  };
  for (const [who, byAccess] of Object.entries(expectations)) {
    it(`lets ${who} make exactly the calls its role allows`, async () => {
      const { ran, session, handlers } = recordingHost();
      if (who !== 'nobody') session.begin(profile(who as Role), false);
      for (const { method, args } of probes) {
        const expected = byAccess[methodAccess[method]]!;
        const reply = await dispatchHostCall(handlers, method, args);
        if (expected === true) expect(reply, method).toEqual({ ok: true, value: {} });
        else expect(reply, method).toEqual({ ok: false, error: { code: expected } });
      }
      expect(ran).toEqual(probes.filter(({ method }) => byAccess[methodAccess[method]] === true).map(({ method }) => method));
    });
  }

  it('refuses operator calls while the session is locked, keeps workstation and session ones (sync) running, and lets them in after unlock', async () => {
    const { session, handlers } = recordingHost();
    session.begin(profile('administrator'), false);
    session.lock();
    expect(await dispatchHostCall(handlers, 'keys.list', {})).toEqual({ ok: false, error: { code: 'operators.sessionLocked' } });
    expect(await dispatchHostCall(handlers, 'operators.lock', {})).toEqual({ ok: false, error: { code: 'operators.sessionLocked' } });
    expect(await dispatchHostCall(handlers, 'gateway.probe', {})).toMatchObject({ ok: true });
    // The sync engine's session calls (registry checks, results) go on behind the lock screen.
    expect(await dispatchHostCall(handlers, 'registry.individual', { iin: '900101300018' })).toMatchObject({ ok: true });
    expect(await dispatchHostCall(handlers, 'operators.unlock', { password: 'x' })).toMatchObject({ ok: true });
    session.unlock();
    expect(await dispatchHostCall(handlers, 'keys.list', {})).toMatchObject({ ok: true });
  });

  it('locks an idle session itself: operator calls are refused once the idle minutes pass without reported activity', async () => {
    let clock = Date.parse('2026-03-02T09:00:00Z');
    const idleLocked: string[] = [];
    const session = createOperatorSession({ now: () => clock, idleLockMs: () => 60_000, onIdleLocked: (operator) => idleLocked.push(operator.login) });
    const { handlers } = recordingHost(session);
    session.begin(profile('operator'), false);
    clock += 45_000;
    expect(await dispatchHostCall(handlers, 'documents.get', { sha256: 'a'.repeat(64) })).toMatchObject({ ok: true });
    // Calls alone are not activity (the sync engine polls on its own); the page reports input.
    expect(new Date(session.touch()).toISOString()).toBe('2026-03-02T09:01:45.000Z');
    clock += 59_999;
    expect(await dispatchHostCall(handlers, 'keys.list', {})).toMatchObject({ ok: true });
    clock += 1;
    // Issue 16 item 4: 75 s after the last activity a bridge call still read documents; now the host has locked.
    expect(await dispatchHostCall(handlers, 'documents.get', { sha256: 'a'.repeat(64) })).toEqual({ ok: false, error: { code: 'operators.sessionLocked' } });
    expect(session.current()).toMatchObject({ locked: true });
    expect(idleLocked).toEqual(['operator']);
    // Behind the lock the sync engine's session calls go on, and reporting activity does not reopen it.
    expect(await dispatchHostCall(handlers, 'registry.individual', { iin: '900101300018' })).toMatchObject({ ok: true });
    expect(await dispatchHostCall(handlers, 'operators.activity', {})).toEqual({ ok: false, error: { code: 'operators.sessionLocked' } });
    session.unlock();
    clock += 59_999;
    expect(await dispatchHostCall(handlers, 'keys.list', {})).toMatchObject({ ok: true });
    expect(idleLocked).toHaveLength(1);
  });

  it('allows nothing but the password change while one is due', async () => {
    const { session, handlers } = recordingHost();
    session.begin(profile('administrator'), true);
    expect(await dispatchHostCall(handlers, 'settings.get', {})).toEqual({ ok: false, error: { code: 'operators.passwordChangeRequired' } });
    expect(await dispatchHostCall(handlers, 'operators.changePassword', { oldPassword: 'a', newPassword: 'b' })).toMatchObject({ ok: true });
    session.passwordChanged();
    expect(await dispatchHostCall(handlers, 'settings.get', {})).toMatchObject({ ok: true });
  });

  it("applies the administrator's change to the account at the window at once", async () => {
    const { session, handlers } = recordingHost();
    const admin = profile('administrator');
    const view = { ...admin, disabled: false, mustChangePassword: false, lockedUntil: null, createdAt: '' };
    session.begin(admin, false);
    session.accountChanged({ ...view, id: 'someone-else', role: 'operator' });
    expect(await dispatchHostCall(handlers, 'settings.get', {})).toMatchObject({ ok: true });
    session.accountChanged({ ...view, role: 'supervisor' });
    expect(await dispatchHostCall(handlers, 'settings.get', {})).toEqual({ ok: false, error: { code: 'operators.forbidden' } });
    expect(await dispatchHostCall(handlers, 'diagnostics.export', { queueSummary: { byState: {} } })).toMatchObject({ ok: true });
    session.accountChanged({ ...view, role: 'supervisor', disabled: true });
    expect(await dispatchHostCall(handlers, 'keys.list', {})).toEqual({ ok: false, error: { code: 'operators.notLoggedIn' } });
  });

  it('forgets the operator at logout', async () => {
    const { session, handlers } = recordingHost();
    session.begin(profile('operator'), false);
    expect(await dispatchHostCall(handlers, 'keys.list', {})).toMatchObject({ ok: true });
    session.end();
    expect(await dispatchHostCall(handlers, 'keys.list', {})).toEqual({ ok: false, error: { code: 'operators.notLoggedIn' } });
  });
});
