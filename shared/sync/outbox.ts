/**
 * The outbox model (research R1, reduced to what sync v0 does): one persisted entry per signed request,
 * keyed by the submission id, which is also the idempotency key the gateway dedupes on.
 *
 * The transitions are pure functions so that every store (Dexie in the renderer, the in-memory test kit)
 * applies exactly the same rules; a store only adds persistence and its own side effects.
 */

export type OutboxState = 'queued' | 'sending' | 'retry_wait' | 'submitted' | 'needs_attention';

export interface OutboxError {
  kind: 'transient' | 'permanent' | 'unreachable';
  httpStatus?: number;
  /** Shown to the operator verbatim (the server's problem detail for permanent failures). */
  detail: string;
}

export interface OutboxAttachment {
  sha256: string;
  fileName: string;
  mimeType: string;
  /** The operator's detached CMS over this file, made at signing; the host adds trusted time when sending. */
  cmsBase64?: string;
}

export interface OutboxPayload {
  signedXml: string;
  attachments: OutboxAttachment[];
}

export interface OutboxEntry {
  /** = submissionId = request id; the idempotency key. */
  id: string;
  requestId: string;
  state: OutboxState;
  /** Failed delivery attempts made while the gateway was reachable; offline time never counts. */
  attempts: number;
  nextAttemptAt: number;
  enqueuedAt: number;
  updatedAt: number;
  /** Set while `sending`; past it the entry is considered abandoned (crash, reload) and re-queued. */
  leaseUntil?: number;
  lastError?: OutboxError;
  registrationNumber?: string;
  payload: OutboxPayload;
}

export interface RetryPlan {
  attempts: number;
  nextAttemptAt: number;
  lastError: OutboxError;
}

export interface Failure {
  attempts: number;
  lastError: OutboxError;
}

/** Persistence port of the engine. Stores take their time from a Clock for `updatedAt`. */
export interface OutboxStore {
  /** `queued`/`retry_wait` entries with nextAttemptAt ≤ now, oldest enqueuedAt first. */
  listDue(nowMs: number): Promise<OutboxEntry[]>;
  /** Claims the entry; false if it is no longer queued/retry_wait (another engine got there first). */
  markSending(id: string, leaseUntilMs: number): Promise<boolean>;
  /** `status` is the gateway's status at acceptance (e.g. "registered"). */
  markSubmitted(id: string, registrationNumber: string, status: string): Promise<void>;
  markRetry(id: string, plan: RetryPlan): Promise<void>;
  markNeedsAttention(id: string, failure: Failure): Promise<void>;
  /** The link dropped mid-attempt: back to queued, no attempt counted. */
  releaseToQueued(id: string): Promise<void>;
  /** `sending` entries whose lease ran out go back to queued; returns how many. */
  recoverExpiredLeases(nowMs: number): Promise<number>;
  /** When the engine next has something to do: the earliest due time or lease expiry, null if nothing. */
  nextDueAt(): Promise<number | null>;
}

export class OutboxStateError extends Error {
  constructor(entry: OutboxEntry, action: string) {
    super(`outbox entry ${entry.id} is ${entry.state}; cannot ${action}`);
    this.name = 'OutboxStateError';
  }
}

export function newOutboxEntry(init: { id: string; requestId: string; payload: OutboxPayload; now: number }): OutboxEntry {
  return {
    id: init.id,
    requestId: init.requestId,
    state: 'queued',
    attempts: 0,
    nextAttemptAt: init.now,
    enqueuedAt: init.now,
    updatedAt: init.now,
    payload: init.payload,
  };
}

export function isClaimable(entry: OutboxEntry): boolean {
  return entry.state === 'queued' || entry.state === 'retry_wait';
}

export function isDue(entry: OutboxEntry, nowMs: number): boolean {
  return isClaimable(entry) && entry.nextAttemptAt <= nowMs;
}

export function hasExpiredLease(entry: OutboxEntry, nowMs: number): boolean {
  // Expired at leaseUntil itself, so an engine woken exactly then (see wakeTime) recovers it.
  return entry.state === 'sending' && (entry.leaseUntil ?? -Infinity) <= nowMs;
}

/** Delivery order: the operator's order of enqueueing; id breaks ties so the order is total. */
export function compareDeliveryOrder(a: OutboxEntry, b: OutboxEntry): number {
  return a.enqueuedAt - b.enqueuedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** When this entry next needs the engine, or null if it is settled. */
export function wakeTime(entry: OutboxEntry): number | null {
  if (isClaimable(entry)) return entry.nextAttemptAt;
  if (entry.state === 'sending') return entry.leaseUntil ?? null;
  return null;
}

export function earliestWakeTime(entries: Iterable<OutboxEntry>): number | null {
  let earliest: number | null = null;
  for (const entry of entries) {
    const at = wakeTime(entry);
    if (at !== null && (earliest === null || at < earliest)) earliest = at;
  }
  return earliest;
}

function leaving(entry: OutboxEntry, from: readonly OutboxState[], action: string): OutboxEntry {
  if (!from.includes(entry.state)) throw new OutboxStateError(entry, action);
  const next = { ...entry };
  delete next.leaseUntil;
  return next;
}

const claimable: readonly OutboxState[] = ['queued', 'retry_wait'];
const sending: readonly OutboxState[] = ['sending'];

/** The state machine. Every outcome transition requires `sending`, i.e. a claim this engine holds. */
export const transition = {
  sending: (entry: OutboxEntry, leaseUntil: number, now: number): OutboxEntry => ({
    ...leaving(entry, claimable, 'start sending'),
    state: 'sending',
    leaseUntil,
    updatedAt: now,
  }),
  submitted: (entry: OutboxEntry, registrationNumber: string, now: number): OutboxEntry => ({
    ...leaving(entry, sending, 'record acceptance'),
    state: 'submitted',
    registrationNumber,
    updatedAt: now,
  }),
  retry: (entry: OutboxEntry, plan: RetryPlan, now: number): OutboxEntry => ({
    ...leaving(entry, sending, 'schedule a retry'),
    state: 'retry_wait',
    ...plan,
    updatedAt: now,
  }),
  needsAttention: (entry: OutboxEntry, failure: Failure, now: number): OutboxEntry => ({
    ...leaving(entry, sending, 'mark for attention'),
    state: 'needs_attention',
    ...failure,
    updatedAt: now,
  }),
  /** Used both for a dropped link and for an expired lease; attempts and nextAttemptAt stay as they were. */
  released: (entry: OutboxEntry, now: number): OutboxEntry => ({
    ...leaving(entry, sending, 'release'),
    state: 'queued',
    updatedAt: now,
  }),
};
