import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
/** How often idleness is checked: a lock a few seconds late is fine, a busy timer is not. */
const CHECK_EVERY_MS = 5_000;

/** Calls onIdle once the window has had no keyboard, mouse or touch input for `minutes`, while `active`. */
export function useIdleLock(minutes: number, active: boolean, onIdle: () => void): void {
  const lastInput = useRef(Date.now());
  const idle = useRef(onIdle);
  idle.current = onIdle;
  useEffect(() => {
    if (!active) return;
    lastInput.current = Date.now();
    const noteInput = () => void (lastInput.current = Date.now());
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, noteInput, { capture: true, passive: true });
    const timer = setInterval(() => {
      if (Date.now() - lastInput.current >= minutes * 60_000) idle.current();
    }, Math.min(CHECK_EVERY_MS, minutes * 60_000));
    return () => {
      clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, noteInput, { capture: true });
    };
  }, [minutes, active]);
}
