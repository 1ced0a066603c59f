/**
 * Who is at this workstation, and the one place that decides, from the access table, whether a host call
 * may run: every handler is wrapped, so no service has to remember to ask.
 */
import type { AccountView, HostHandlers, HostMethod, OperatorProfile } from '../../../shared/host/hostApi';
import { HostError } from '../../../shared/host/hostError';
import { mayCall, methodAccess } from '../../../shared/host/methodAccess';

export interface SessionState {
  operator: OperatorProfile;
  /** Idle or by Alt+K: the work stays open underneath, operator calls wait for the password. */
  locked: boolean;
  /** An initial or reset password: nothing but changing it until it is changed. */
  mustChangePassword: boolean;
  /** Login, unlock or the page's report of input (operators.activity), in ms: the idle lock counts from here. */
  lastActivityAt: number;
}

export interface OperatorSession {
  /** Locks the session first if it has been idle too long, so no caller ever sees an expired one unlocked. */
  current(): SessionState | null;
  /** The logged-in operator, for handlers that act in their name (the guard has already let the call in). */
  operator(): OperatorProfile;
  begin(operator: OperatorProfile, mustChangePassword: boolean): void;
  end(): void;
  lock(): void;
  unlock(): void;
  passwordChanged(): void;
  /** The operator is at the window: the idle lock starts counting again. Returns when it will lock (ms). */
  touch(): number;
  /** The administrator changed an account: if it is the one at the window, its new role (or disabling) applies at once. */
  accountChanged(account: AccountView): void;
}

export interface SessionOptions {
  now?: () => number;
  /** The administrator's idle minutes, in ms, read at each check so a settings change applies at once. */
  idleLockMs?: () => number;
  /** The host locked the session for idleness (for the audit log). */
  onIdleLocked?: (operator: OperatorProfile) => void;
}

export function createOperatorSession(options: SessionOptions = {}): OperatorSession {
  const now = options.now ?? Date.now;
  const idleLockMs = options.idleLockMs ?? (() => Number.POSITIVE_INFINITY);
  // One workstation serves one operator at a time.
  let state: SessionState | null = null;
  // The lock is the host's, not only the page's: a page left open (or the bridge token) cannot outlast it.
  const current = () => {
    if (state && !state.locked && now() - state.lastActivityAt >= idleLockMs()) {
      state.locked = true;
      options.onIdleLocked?.(state.operator);
    }
    return state;
  };
  const live = () => {
    const session = current();
    if (!session) throw new HostError('operators.notLoggedIn');
    return session;
  };
  return {
    current,
    operator: () => live().operator,
    begin: (operator, mustChangePassword) => void (state = { operator, locked: false, mustChangePassword, lastActivityAt: now() }),
    end: () => void (state = null),
    lock: () => void (live().locked = true),
    unlock: () => {
      const session = live();
      session.locked = false;
      session.lastActivityAt = now();
    },
    passwordChanged: () => void (live().mustChangePassword = false),
    touch: () => {
      const session = live();
      session.lastActivityAt = now();
      return session.lastActivityAt + idleLockMs();
    },
    accountChanged: ({ id, login, fullName, iin, role, disabled }) => {
      if (state?.operator.id !== id) return;
      if (disabled) state = null;
      else state.operator = { id, login, fullName, iin, role };
    },
  };
}

/** Methods a session that still has to change its password may make besides workstation ones. */
const WHILE_PASSWORD_CHANGE_PENDING: readonly HostMethod[] = ['operators.changePassword', 'operators.activity'];

/** Throws the refusal for `method` in this session, if it is refused. */
export function checkAccess(method: HostMethod, session: SessionState | null): void {
  const access = methodAccess[method];
  if (access === 'workstation') return;
  if (!session) throw new HostError('operators.notLoggedIn');
  // The lock screen hides the work from passers-by; the sync engine's session calls go on behind it.
  if (session.locked && access !== 'session') throw new HostError('operators.sessionLocked');
  if (session.mustChangePassword && !WHILE_PASSWORD_CHANGE_PENDING.includes(method)) throw new HostError('operators.passwordChangeRequired');
  if (!mayCall(access, session.operator.role)) throw new HostError('operators.forbidden');
}

export function guardHandlers(handlers: HostHandlers, session: OperatorSession): HostHandlers {
  const guarded: Partial<Record<HostMethod, (args: never) => Promise<unknown>>> = {};
  for (const method of Object.keys(handlers) as HostMethod[]) {
    const handler = handlers[method] as (args: never) => Promise<unknown>;
    guarded[method] = async (args) => {
      checkAccess(method, session.current());
      return handler(args);
    };
  }
  return guarded as HostHandlers;
}
