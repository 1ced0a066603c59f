/**
 * Sync engine v0: delivers outbox entries to the gateway, one at a time in the operator's order
 * (research R1–R3). Pure: time, timers, randomness, persistence and the network all come in through ports,
 * so the same engine runs in the renderer, in a worker or in tests with a fake clock.
 */
import type { DeliveryOutcome } from '../host/hostApi';
import { exponentialDelay, retryDelay } from './backoff';
import type { OutboxEntry, OutboxError, OutboxStore } from './outbox';

export interface DeliveryTransport {
  /** A real round trip to the gateway; a throw counts as unreachable. */
  probe(): Promise<boolean>;
  /** One delivery attempt, already classified by the host's transport; a throw counts as transient. */
  deliver(entry: OutboxEntry): Promise<DeliveryOutcome>;
}

export interface Clock {
  now(): number;
}

export interface Scheduler {
  /** Calls fn after ms; the returned function cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
}

export interface OutboxEngineOptions {
  store: OutboxStore;
  transport: DeliveryTransport;
  clock: Clock;
  scheduler: Scheduler;
  /** [0, 1); defaults to Math.random. */
  random?: () => number;
  /** Failed online attempts before an entry goes to needs_attention. */
  maxAttempts?: number;
  /** Longest sleep between runs while the gateway is reachable. */
  pollIntervalMs?: number;
  /** Called after every state change (entries, reachability, running) so the UI can refresh. */
  onChange?: () => void;
  /** Failures of background runs (e.g. the database threw); syncNow() callers get them as rejections. */
  onError?: (error: unknown) => void;
}

export interface RunSummary {
  /** Whether the gateway was reachable at the end of the run. */
  reachable: boolean;
  submitted: number;
  retrying: number;
  needsAttention: number;
}

export interface EngineStatus {
  /** null until the first probe answers. */
  reachable: boolean | null;
  /** A run is in progress. */
  running: boolean;
}

export interface OutboxEngine {
  /** Runs now and keeps running on its own schedule until stop(); resolves when that first run ends. */
  start(): Promise<void>;
  /** Cancels the timer; a run already in progress finishes its current entry and the rest of its list. */
  stop(): void;
  /** Runs now (or once more after the current run) and resolves with what the run(s) did. */
  syncNow(): Promise<RunSummary>;
  status(): EngineStatus;
}

/** A lease longer than any single attempt should take, short enough that a crash costs little time. */
export const LEASE_MS = 2 * 60_000;
const PROBE_RETRY_BASE_MS = 5_000;
const PROBE_RETRY_CAP_MS = 60_000;

type Pass = { summary: RunSummary; nextRunInMs: number };

export function createOutboxEngine(options: OutboxEngineOptions): OutboxEngine {
  const { store, transport, clock, scheduler, onChange, onError } = options;
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? 20;
  const pollIntervalMs = options.pollIntervalMs ?? 60_000;

  let reachable: boolean | null = null;
  let consecutiveProbeFailures = 0;
  let started = false;
  let cancelTimer: (() => void) | null = null;
  let inFlight: Promise<RunSummary> | null = null;
  let runAgain = false;

  function changed(): void {
    // A broken UI listener must not stop deliveries.
    try {
      onChange?.();
    } catch {
      /* the listener's problem, not the engine's */
    }
  }

  function setReachable(value: boolean): void {
    if (value) consecutiveProbeFailures = 0;
    else consecutiveProbeFailures += 1;
    if (reachable !== value) {
      reachable = value;
      changed();
    }
  }

  function offlinePass(summary: RunSummary): Pass {
    setReachable(false);
    return {
      summary: { ...summary, reachable: false },
      nextRunInMs: exponentialDelay(consecutiveProbeFailures, PROBE_RETRY_BASE_MS, PROBE_RETRY_CAP_MS),
    };
  }

  async function runOnce(): Promise<Pass> {
    if ((await store.recoverExpiredLeases(clock.now())) > 0) changed();

    const summary: RunSummary = { reachable: false, submitted: 0, retrying: 0, needsAttention: 0 };
    const probed = await transport.probe().catch(() => false);
    if (!probed) return offlinePass(summary);
    setReachable(true);
    summary.reachable = true;

    for (const entry of await store.listDue(clock.now())) {
      if (!(await store.markSending(entry.id, clock.now() + LEASE_MS))) continue;
      changed();
      const outcome = await transport.deliver(entry).catch(
        (error: unknown): DeliveryOutcome => ({ kind: 'transient', detail: error instanceof Error ? error.message : String(error) }),
      );
      if (outcome.kind === 'unreachable') {
        // The link dropped under us: nothing is known to have reached the gateway, so no attempt is spent.
        await store.releaseToQueued(entry.id);
        changed();
        return offlinePass(summary);
      }
      await settle(entry, outcome, summary);
      changed();
    }

    const nextDue = await store.nextDueAt();
    const untilDue = nextDue === null ? pollIntervalMs : Math.max(0, nextDue - clock.now());
    return { summary, nextRunInMs: Math.min(untilDue, pollIntervalMs) };
  }

  async function settle(
    entry: OutboxEntry,
    outcome: Exclude<DeliveryOutcome, { kind: 'unreachable' }>,
    summary: RunSummary,
  ): Promise<void> {
    if (outcome.kind === 'accepted') {
      await store.markSubmitted(entry.id, outcome.registrationNumber, outcome.status);
      summary.submitted += 1;
      return;
    }
    const attempts = entry.attempts + 1;
    const lastError = errorOf(outcome);
    if (outcome.kind === 'permanent' || attempts >= maxAttempts) {
      await store.markNeedsAttention(entry.id, { attempts, lastError });
      summary.needsAttention += 1;
      return;
    }
    const delay = retryDelay(attempts, { random, retryAfterMs: outcome.retryAfterMs });
    await store.markRetry(entry.id, { attempts, nextAttemptAt: clock.now() + delay, lastError });
    summary.retrying += 1;
  }

  function arm(ms: number): void {
    cancelTimer?.();
    cancelTimer = null;
    if (!started) return;
    cancelTimer = scheduler.setTimer(ms, () => {
      cancelTimer = null;
      // Returned so a test scheduler can await the run; real timers ignore it.
      return background();
    });
  }

  function background(): Promise<void> {
    return syncNow().then(
      () => undefined,
      (error: unknown) => onError?.(error),
    );
  }

  function syncNow(): Promise<RunSummary> {
    if (inFlight) {
      // Work may have arrived after the current run listed its entries: go once more when it ends.
      runAgain = true;
      return inFlight;
    }
    inFlight = runLoop();
    changed();
    return inFlight;
  }

  async function runLoop(): Promise<RunSummary> {
    let total: RunSummary | null = null;
    let nextRunInMs = pollIntervalMs;
    try {
      do {
        runAgain = false;
        const pass = await runOnce();
        total = total ? add(total, pass.summary) : pass.summary;
        nextRunInMs = pass.nextRunInMs;
      } while (runAgain);
      return total;
    } finally {
      inFlight = null;
      runAgain = false;
      arm(nextRunInMs);
      changed();
    }
  }

  return {
    start() {
      if (started) return Promise.resolve();
      started = true;
      return background();
    },
    stop() {
      started = false;
      cancelTimer?.();
      cancelTimer = null;
    },
    syncNow,
    status: () => ({ reachable, running: inFlight !== null }),
  };
}

function errorOf(outcome: Extract<DeliveryOutcome, { kind: 'transient' | 'permanent' }>): OutboxError {
  const error: OutboxError = { kind: outcome.kind, detail: outcome.detail };
  if (outcome.httpStatus !== undefined) error.httpStatus = outcome.httpStatus;
  return error;
}

function add(a: RunSummary, b: RunSummary): RunSummary {
  return {
    reachable: b.reachable,
    submitted: a.submitted + b.submitted,
    retrying: a.retrying + b.retrying,
    needsAttention: a.needsAttention + b.needsAttention,
  };
}
