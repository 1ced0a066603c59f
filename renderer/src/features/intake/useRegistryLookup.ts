import { useEffect, useEffectEvent, useState } from 'react';
import type { GatewayFailure } from '../../../../shared/sync/syncOutcomes';

export type Answer<T> = { kind: 'found'; record: T } | { kind: 'none' } | GatewayFailure;

export type Lookup<T> = { state: 'idle' } | { state: 'looking'; key: string } | { state: 'found'; key: string; record: T } | { state: 'none'; key: string } | { state: 'unavailable'; key: string };

/** What the operator is told of a registry's answer: the record, "no such number", or "no link" for any failure. */
export function lookupOf<T>(key: string, answer: Answer<T>): Lookup<T> {
  if (answer.kind === 'found') return { state: 'found', key, record: answer.record };
  return answer.kind === 'none' ? { state: 'none', key } : { state: 'unavailable', key };
}

/**
 * Asks a state registry (through the gateway) once per key the operator settles on; a null key asks nothing.
 * Without a link the answer is "unavailable": the operator types on, and the request is checked when it is sent.
 */
export function useRegistryLookup<T>(key: string | null, ask: (key: string) => Promise<Answer<T>>): Lookup<T> {
  const [lookup, setLookup] = useState<Lookup<T>>({ state: 'idle' });
  // A new `ask` (a caller's inline function, each render) is no reason to ask again: only a new key is.
  const askFor = useEffectEvent(ask);
  useEffect(() => {
    if (!key) {
      setLookup({ state: 'idle' });
      return;
    }
    let current = true;
    setLookup({ state: 'looking', key });
    askFor(key).then(
      (answer) => {
        if (current) setLookup(lookupOf(key, answer));
      },
      () => current && setLookup({ state: 'unavailable', key }),
    );
    return () => {
      current = false;
    };
  }, [key]);
  return lookup;
}
