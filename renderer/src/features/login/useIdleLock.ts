import { useEffect, useRef } from 'react';
import { useHostServices } from '../../app/appContext';
import { HostCallError } from '../../host/hostClient';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
/** How often idleness is checked and input reported at most: a lock a few seconds late is fine, a busy timer is not. */
const CHECK_EVERY_MS = 5_000;

/**
 * Calls onIdle when the host locks the session for idleness, while `active`. The host keeps the session's last
 * activity and locks it itself (issue 16, item 4); the page reports keyboard, mouse and touch input to it
 * (operators.activity) and locks at the moment the host answered, or at once when the host says it has locked.
 * `minutes` is the page's first guess, until the host's first answer.
 */
export function useIdleLock(minutes: number, active: boolean, onIdle: () => void): void {
  const { host } = useHostServices();
  const idle = useRef(onIdle);
  idle.current = onIdle;
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let lastInput = Date.now();
    let reportedInput = -1;
    let reportedAt = -Infinity;
    let locksAt = Date.now() + minutes * 60_000;
    const report = () => {
      reportedInput = lastInput;
      reportedAt = Date.now();
      host.call('operators.activity', {}).then(
        ({ idleLockAt }) => void (stopped || (locksAt = Date.parse(idleLockAt))),
        (error: unknown) => {
          if (!stopped && error instanceof HostCallError && error.code === 'operators.sessionLocked') idle.current();
        },
      );
    };
    const noteInput = () => {
      lastInput = Date.now();
      if (lastInput - reportedAt >= CHECK_EVERY_MS) report();
    };
    report();
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, noteInput, { capture: true, passive: true });
    const timer = setInterval(() => {
      if (Date.now() >= locksAt) idle.current();
      // Input within a few seconds of the last report is reported here, so the host's count starts from it.
      else if (lastInput > reportedInput) report();
    }, Math.min(CHECK_EVERY_MS, minutes * 60_000));
    return () => {
      stopped = true;
      clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, noteInput, { capture: true });
    };
  }, [minutes, active, host]);
}
