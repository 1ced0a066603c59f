import { useEffect, useMemo, useState } from 'react';
import type { HostClient } from '../../../shared/host/hostApi';
import { createOutboxEngine, type DeliveryTransport, type OutboxEngine } from '../../../shared/sync/outboxEngine';
import type { QabylDatabase } from '../db/database';
import { createDexieOutboxStore } from '../db/dexieOutboxStore';

/** The engine's network port: the host does the HTTP; a host that cannot be asked counts as no link. */
function hostTransport(host: HostClient): DeliveryTransport {
  return {
    probe: async () => (await host.call('gateway.probe', {})).reachable,
    deliver: async (entry) => {
      try {
        return await host.call('gateway.deliver', { submissionId: entry.id, ...entry.payload });
      } catch (error) {
        return { kind: 'unreachable', detail: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

const clock = { now: () => Date.now() };

const browserScheduler = {
  setTimer(ms: number, fn: () => void) {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
};

/** One engine for the window's lifetime, delivering whether or not anyone is logged in. */
export function useOutboxEngine(host: HostClient, db: QabylDatabase): { engine: OutboxEngine; reachable: boolean | null } {
  const [reachable, setReachable] = useState<boolean | null>(null);
  const engine = useMemo(
    () =>
      createOutboxEngine({
        store: createDexieOutboxStore(db, clock),
        transport: hostTransport(host),
        clock,
        scheduler: browserScheduler,
        onChange: () => setReachable(engine.status().reachable),
        onError: (error) => console.error('sync run failed', error),
      }),
    [host, db],
  );
  useEffect(() => {
    void engine.start();
    return () => engine.stop();
  }, [engine]);
  return { engine, reachable };
}
