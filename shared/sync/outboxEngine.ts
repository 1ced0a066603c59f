/**
 * The sync engine: delivers outbox entries to the gateway and brings their results back (research R1–R3).
 * Per run: recover abandoned leases, probe the gateway (a real round trip, not navigator.onLine), then
 * upload attachments in two lanes and commit one submission at a time, oldest first, then poll the status of
 * submitted ones on a slower schedule and fetch, verify and store decided results.
 *
 * Pure: time, timers, randomness, persistence and the network all come in through ports, so the same engine
 * runs in the renderer, in a worker or in tests with a fake clock.
 */
import type { TimelineEvent } from '../gateway/gatewayProtocol';
import { exponentialDelay, retryDelay } from './backoff';
import {
  pendingUploads,
  transition,
  type OutboxChange,
  type OutboxEntry,
  type OutboxError,
  type OutboxStore,
} from './outbox';
import type { ApplicantCheck, CommitOutcome, GatewayFailure, PollOutcome, ResultOutcome, UploadOutcome } from './syncOutcomes';

export interface SyncTransport {
  /** A real round trip to the gateway; a throw counts as unreachable. */
  probe(): Promise<boolean>;
  /** Registry look-up for an applicant typed offline. */
  checkApplicant(entry: OutboxEntry): Promise<ApplicantCheck>;
  /** Uploads (or resumes) one attachment until the gateway holds it. */
  upload(entry: OutboxEntry, sha256: string): Promise<UploadOutcome>;
  /** Commits the submission under its idempotency key. */
  commit(entry: OutboxEntry): Promise<CommitOutcome>;
  poll(entry: OutboxEntry): Promise<PollOutcome>;
  /** Downloads, verifies and stores the decided result. */
  fetchResult(entry: OutboxEntry): Promise<ResultOutcome>;
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
  transport: SyncTransport;
  clock: Clock;
  scheduler: Scheduler;
  /** [0, 1); defaults to Math.random. */
  random?: () => number;
  /** Failed online attempts before an entry goes to needs_attention. */
  maxAttempts?: number;
  /** Longest sleep between runs while the gateway is reachable. */
  pollIntervalMs?: number;
  /** Retry backoff (full jitter): first delay and cap. */
  retryBaseMs?: number;
  retryCapMs?: number;
  /** Status polls after commit back off from base to cap (results take working days). */
  statusPollBaseMs?: number;
  statusPollCapMs?: number;
  /** How long to wait before trying refused credentials again. */
  authRetryMs?: number;
  /** Concurrent attachment uploads. */
  uploadLanes?: number;
  /** Called after every state change (entries, reachability, running) so the UI can refresh. */
  onChange?: () => void;
  /** A result arrived (completed or rejected): the UI tells the operator. */
  onResult?: (entry: OutboxEntry) => void;
  /** Failures of background runs (e.g. the database threw); syncNow() callers get them as rejections. */
  onError?: (error: unknown) => void;
}

export interface RunSummary {
  /** Whether the gateway was reachable at the end of the run. */
  reachable: boolean;
  submitted: number;
  retrying: number;
  needsAttention: number;
  decided: number;
}

export interface EngineStatus {
  /** null until the first probe answers. */
  reachable: boolean | null;
  /** A run is in progress. */
  running: boolean;
  paused: boolean;
  /** The gateway refused our credentials on the last try. */
  authRefused: boolean;
}

export interface OutboxEngine {
  /** Runs now and keeps running on its own schedule until stop(); resolves when that first run ends. */
  start(): Promise<void>;
  /** Cancels the timer; a run already in progress finishes the entries it holds. */
  stop(): void;
  /** Runs now (or once more after the current run) and resolves with what the run(s) did. */
  syncNow(): Promise<RunSummary>;
  /** Paused: no new work is started (entries in hand finish); resume runs at once. */
  setPaused(paused: boolean): void;
  /** The operator's per-item retry: back to the queue now, with a fresh attempt budget. */
  retryNow(id: string): Promise<void>;
  status(): EngineStatus;
}

/** A lease longer than any single step should take, short enough that a crash costs little time. */
export const LEASE_MS = 2 * 60_000;
const PROBE_RETRY_BASE_MS = 5_000;
const PROBE_RETRY_CAP_MS = 60_000;

type Pass = { summary: RunSummary; nextRunInMs: number };
type Failed = Exclude<GatewayFailure, { kind: 'unreachable' }>;

/** Thrown inside a pass when the link drops: the pass ends, the entry goes back to the queue unspent. */
class LinkLost extends Error {}
/** Thrown inside a pass when credentials are refused: other entries would be refused too. */
class AuthRefused extends Error {}

export function createOutboxEngine(options: OutboxEngineOptions): OutboxEngine {
  const { store, transport, clock, scheduler, onChange, onError } = options;
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? 20;
  const pollIntervalMs = options.pollIntervalMs ?? 60_000;
  const retryBaseMs = options.retryBaseMs;
  const retryCapMs = options.retryCapMs;
  const statusPollBaseMs = options.statusPollBaseMs ?? 60_000;
  const statusPollCapMs = options.statusPollCapMs ?? 60 * 60_000;
  const authRetryMs = options.authRetryMs ?? 5 * 60_000;
  const uploadLanes = options.uploadLanes ?? 2;

  let reachable: boolean | null = null;
  let authRefused = false;
  let paused = false;
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

  async function update(id: string, change: OutboxChange): Promise<OutboxEntry | null> {
    const next = await store.update(id, change);
    changed();
    return next;
  }

  const lease = () => clock.now() + LEASE_MS;

  function statusPollDelay(polls: number): number {
    return Math.round((0.5 + random() / 2) * exponentialDelay(polls + 1, statusPollBaseMs, statusPollCapMs));
  }

  /** Settles a failed step of an entry this engine holds; throws to end the pass when the link or auth is gone. */
  async function fail(entry: OutboxEntry, failure: GatewayFailure, summary: RunSummary): Promise<void> {
    if (failure.kind === 'unreachable') {
      // Nothing is known to have reached the gateway, so no attempt is spent.
      await update(entry.id, (e, now) => transition.released(e, now));
      throw new LinkLost(failure.detail);
    }
    const lastError = errorOf(failure);
    if (failure.kind === 'auth') {
      await update(entry.id, (e, now) => transition.authRequired(e, lastError, now + authRetryMs, now));
      authRefused = true;
      throw new AuthRefused(failure.detail);
    }
    const attempts = entry.attempts + 1;
    if (failure.kind === 'permanent' || attempts >= maxAttempts) {
      await update(entry.id, (e, now) => transition.needsAttention(e, { attempts, lastError }, now));
      summary.needsAttention += 1;
      return;
    }
    if (failure.kind === 'upload_expired') {
      // Not the gateway failing: re-upload at once (the attempt still counts, so a loop cannot run forever).
      await update(entry.id, (e, now) => transition.uploadsLost(e, failure.sha256s, { attempts, nextAttemptAt: now, lastError }, now));
      summary.retrying += 1;
      return;
    }
    const retryAfterMs = failure.kind === 'transient' ? failure.retryAfterMs : undefined;
    const delay = retryDelay(attempts, { random, retryAfterMs, ...(retryBaseMs ? { baseMs: retryBaseMs } : {}), ...(retryCapMs ? { capMs: retryCapMs } : {}) });
    await update(entry.id, (e, now) => transition.retry(e, { attempts, nextAttemptAt: now + delay, lastError }, now));
    summary.retrying += 1;
  }

  /** Uploads what the gateway does not hold yet; returns the entry ready to commit, or null if it was settled. */
  async function prepare(claimed: OutboxEntry, summary: RunSummary): Promise<OutboxEntry | null> {
    let entry = claimed;
    if (!entry.applicantVerified) {
      const check = await transport.checkApplicant(entry).catch(asTransient);
      if (check.kind === 'mismatch') {
        const { kind: _mismatch, ...said } = check;
        await update(entry.id, (e, now) => transition.needsAttention(e, { attempts: e.attempts, lastError: { kind: 'registry_mismatch', ...said } }, now));
        summary.needsAttention += 1;
        return null;
      }
      if (check.kind !== 'match') return fail(entry, check, summary).then(() => null);
      entry = (await update(entry.id, (e, now) => transition.applicantVerified(e, lease(), now))) ?? entry;
    }
    for (const attachment of pendingUploads(entry)) {
      const outcome = await transport.upload(entry, attachment.sha256).catch(asTransient);
      if (outcome.kind !== 'uploaded') return fail(entry, outcome, summary).then(() => null);
      entry = (await update(entry.id, (e, now) => transition.uploaded(e, attachment.sha256, lease(), now))) ?? entry;
    }
    return entry;
  }

  async function commit(ready: OutboxEntry, summary: RunSummary): Promise<void> {
    const entry = (await update(ready.id, (e, now) => transition.committing(e, lease(), now))) ?? ready;
    const outcome = await transport.commit(entry).catch(asTransient);
    if (outcome.kind !== 'accepted') return fail(entry, outcome, summary);
    await update(entry.id, (e, now) =>
      transition.submitted(e, { registrationNumber: outcome.registrationNumber, status: outcome.status, nextPollAt: now + statusPollDelay(0) }, now),
    );
    summary.submitted += 1;
  }

  /** Two upload lanes feed one commit lane; the first lost link or auth refusal stops new work in all lanes. */
  async function deliverDue(summary: RunSummary): Promise<void> {
    const due = await store.listDue(clock.now());
    const halt: { reason: LinkLost | AuthRefused | null } = { reason: null };
    let commits: Promise<void> = Promise.resolve();
    const stop = (error: unknown) => {
      if (error instanceof LinkLost || error instanceof AuthRefused) halt.reason ??= error;
      else throw error;
    };
    const lane = async () => {
      for (let next = due.shift(); next && !halt.reason && !paused; next = due.shift()) {
        const claimed = await update(next.id, (e, now) => transition.claim(e, lease(), now));
        if (!claimed) continue;
        const ready = await prepare(claimed, summary).catch((error: unknown) => (stop(error), null));
        if (!ready) continue;
        // Chained, so commits go one at a time in the order entries became ready.
        commits = commits.then(() => (halt.reason ? update(ready.id, (e, now) => transition.released(e, now)).then(() => undefined) : commit(ready, summary).catch(stop)));
      }
    };
    await Promise.all(Array.from({ length: uploadLanes }, lane));
    await commits;
    if (halt.reason instanceof LinkLost) throw halt.reason;
  }

  async function pollSubmitted(summary: RunSummary): Promise<void> {
    for (const entry of await store.listPollDue(clock.now())) {
      if (paused) return;
      const polled = await transport.poll(entry).catch(asTransient);
      if (polled.kind === 'unreachable') throw new LinkLost(polled.detail);
      if (polled.kind !== 'status') {
        // Polling failures cost nothing but time: the submission is safe at the gateway.
        await update(entry.id, (e, now) => ({ ...e, nextPollAt: now + statusPollDelay(e.polls ?? 0), updatedAt: now }));
        continue;
      }
      if (!polled.decided) {
        await update(entry.id, (e, now) => transition.polled(e, { status: polled.status, events: polled.events, nextPollAt: now + statusPollDelay((e.polls ?? 0) + 1) }, now));
        continue;
      }
      await collectResult(entry, polled.events, summary);
    }
  }

  async function collectResult(entry: OutboxEntry, events: TimelineEvent[], summary: RunSummary): Promise<void> {
    const fetched = await transport.fetchResult(entry).catch(asTransient);
    if (fetched.kind === 'unreachable') throw new LinkLost(fetched.detail);
    if (fetched.kind === 'invalid') {
      await update(entry.id, (e, now) => transition.needsAttention(e, { attempts: e.attempts, lastError: { kind: 'result_invalid', detail: fetched.detail } }, now));
      summary.needsAttention += 1;
      return;
    }
    if (fetched.kind !== 'result') {
      await update(entry.id, (e, now) => ({ ...e, nextPollAt: now + statusPollDelay(e.polls ?? 0), updatedAt: now }));
      return;
    }
    const decided = await update(entry.id, (e, now) => transition.decided(e, fetched.result, events, now));
    summary.decided += 1;
    if (decided) options.onResult?.(decided);
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
    const summary: RunSummary = { reachable: false, submitted: 0, retrying: 0, needsAttention: 0, decided: 0 };
    if (paused) return { summary: { ...summary, reachable: reachable === true }, nextRunInMs: pollIntervalMs };

    const probed = await transport.probe().catch(() => false);
    if (!probed) return offlinePass(summary);
    setReachable(true);
    summary.reachable = true;
    authRefused = false;

    try {
      await deliverDue(summary);
      if (!authRefused) await pollSubmitted(summary);
    } catch (error) {
      if (error instanceof LinkLost) return offlinePass(summary);
      throw error;
    }

    const nextWake = await store.nextWakeAt();
    const untilWake = nextWake === null ? pollIntervalMs : Math.max(0, nextWake - clock.now());
    return { summary, nextRunInMs: Math.min(untilWake, pollIntervalMs) };
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
    setPaused(value) {
      if (paused === value) return;
      paused = value;
      changed();
      if (!paused && started) void background();
    },
    async retryNow(id) {
      await update(id, (e, now) => transition.retryNow(e, now));
      if (started && !paused) void background();
    },
    status: () => ({ reachable, running: inFlight !== null, paused, authRefused }),
  };
}

function asTransient(error: unknown): Failed {
  return { kind: 'transient', detail: error instanceof Error ? error.message : String(error) };
}

function errorOf(failure: Failed): OutboxError {
  const error: OutboxError = { kind: failure.kind, detail: failure.detail };
  if ('httpStatus' in failure && failure.httpStatus !== undefined) error.httpStatus = failure.httpStatus;
  return error;
}

function add(a: RunSummary, b: RunSummary): RunSummary {
  return {
    reachable: b.reachable,
    submitted: a.submitted + b.submitted,
    retrying: a.retrying + b.retrying,
    needsAttention: a.needsAttention + b.needsAttention,
    decided: a.decided + b.decided,
  };
}
