import { useEffect, useMemo, useState } from 'react';
import type { HostClient } from '../../../shared/host/hostApi';
import type { OutboxEntry } from '../../../shared/sync/outbox';
import { createOutboxEngine, type EngineStatus, type OutboxEngine } from '../../../shared/sync/outboxEngine';
import type { QabylDatabase } from '../db/database';
import { createDexieOutboxStore } from '../db/dexieOutboxStore';
import { hostSyncTransport } from './hostSyncTransport';

const clock = { now: () => Date.now() };
const PAUSED_KEY = 'qabyl.syncPaused';

const browserScheduler = {
  setTimer(ms: number, fn: () => void) {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
};

/**
 * Status polls: in training the sandbox decides within minutes (a working day is seconds), in production
 * results take working days, so polls start slow and back off to an hour.
 */
const statusPolling = (training: boolean) => (training ? { statusPollBaseMs: 5_000, statusPollCapMs: 60_000 } : { statusPollBaseMs: 5 * 60_000, statusPollCapMs: 60 * 60_000 });

export interface SyncState {
  engine: OutboxEngine;
  status: EngineStatus;
  /** Results that arrived while this window was open, newest last, until the operator dismisses them. */
  arrivals: OutboxEntry[];
  dismissArrival(id: string): void;
}

/** One engine for the window's lifetime, delivering whether or not anyone is logged in. */
export function useOutboxEngine(host: HostClient, db: QabylDatabase, training: boolean): SyncState {
  const [status, setStatus] = useState<EngineStatus>({ reachable: null, running: false, paused: false, authRefused: false });
  const [arrivals, setArrivals] = useState<OutboxEntry[]>([]);
  const engine = useMemo(() => {
    const created: OutboxEngine = createOutboxEngine({
      store: createDexieOutboxStore(db, clock),
      transport: hostSyncTransport(host),
      clock,
      scheduler: browserScheduler,
      ...statusPolling(training),
      onChange: () => setStatus(created.status()),
      onResult: (entry) => setArrivals((list) => [...list.filter((e) => e.id !== entry.id), entry]),
      onError: (error) => console.error('sync run failed', error),
    });
    // The operator's pause holds across reloads: they paused for a reason (a metered link, a failing gateway).
    created.setPaused(localStorage.getItem(PAUSED_KEY) === '1');
    return created;
  }, [host, db, training]);
  useEffect(() => {
    void engine.start();
    return () => engine.stop();
  }, [engine]);
  return {
    engine,
    status,
    arrivals,
    dismissArrival: (id) => setArrivals((list) => list.filter((e) => e.id !== id)),
  };
}

export function setSyncPaused(engine: OutboxEngine, paused: boolean): void {
  if (paused) localStorage.setItem(PAUSED_KEY, '1');
  else localStorage.removeItem(PAUSED_KEY);
  engine.setPaused(paused);
}
