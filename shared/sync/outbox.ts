/**
 * The outbox model (research R1): one persisted entry per signed request, keyed by the submission id, which is
 * also the idempotency key the gateway dedupes on. Its life:
 *
 *   queued → uploading → committing → submitted → completed | rejected
 *   (uploading | committing) → retry_wait | auth_required | needs_attention | queued (link lost, lease expired)
 *   retry_wait | auth_required → uploading (when due);  needs_attention | auth_required → queued (operator's retry)
 *   needs_attention → correcting (the operator corrects and re-signs) → queued with the new package (never sent)
 *                                                                    | superseded (the gateway may hold it: a new linked request goes instead)
 *                                                                    | needs_attention (the correction was given up)
 *   needs_attention → withdrawn (the applicant took the request back before it was sent)
 *
 * The transitions are pure functions so that every store (Dexie in the renderer, the in-memory test kit)
 * applies exactly the same rules; a store only adds persistence and its own side effects.
 */
import type { SubmissionStatusName, TimelineEvent } from '../gateway/gatewayProtocol';

export const outboxStates = [
  'queued',
  'uploading',
  'committing',
  'retry_wait',
  'auth_required',
  'submitted',
  'completed',
  'rejected',
  'needs_attention',
  /** Held while the operator corrects a stopped request; nothing is sent meanwhile. */
  'correcting',
  /** Taken back by the applicant before delivery; settled, never sent. */
  'withdrawn',
  /** Replaced by a corrected request linked to it (supersededBy); settled. */
  'superseded',
] as const;
export type OutboxState = (typeof outboxStates)[number];

/** States the engine picks up when due. */
export const claimableStates: readonly OutboxState[] = ['queued', 'retry_wait', 'auth_required'];
/** States held under a lease while an engine works on them. */
export const activeStates: readonly OutboxState[] = ['uploading', 'committing'];
/** States with work still to do before the gateway holds the submission (what "queue depth" counts). */
export const unsentStates: readonly OutboxState[] = [...claimableStates, ...activeStates, 'needs_attention', 'correcting'];
/** Where the operator's "retry now" applies: waiting on time, on credentials, or on a person. */
export const retryableStates: readonly OutboxState[] = ['needs_attention', 'retry_wait', 'auth_required'];
/** Where the operator may correct and re-sign, or withdraw: a request stopped for a person. */
export const stoppedStates: readonly OutboxState[] = ['needs_attention'];

export type OutboxErrorKind =
  | 'transient'
  | 'permanent'
  | 'unreachable'
  | 'auth'
  | 'upload_expired'
  | 'checksum_mismatch'
  | 'registry_mismatch'
  | 'result_invalid';

export interface OutboxError {
  kind: OutboxErrorKind;
  httpStatus?: number;
  /** Shown to the operator verbatim (the server's problem detail for permanent failures). */
  detail: string;
  /** A registry mismatch: what the registry holds and what was typed, shown side by side when correcting. */
  registry?: string;
  typed?: string;
}

export interface OutboxAttachment {
  sha256: string;
  fileName: string;
  mimeType: string;
  /** The operator's detached CMS over this file, made at signing; the host adds trusted time when sending. */
  cmsBase64?: string;
}

/** An applicant typed while the registry could not be asked: checked at sync, a mismatch stops the submission. */
export type ApplicantToVerify =
  | { kind: 'individual'; iin: string; surname: string; givenName: string }
  | { kind: 'legalEntity'; bin: string; name: string };

/** A representative's notarial power of attorney, checked in ЕНИС at sync when it could not be checked before. */
export interface PowerOfAttorneyToVerify {
  number: string;
  /** The applicant's IIN or BIN. */
  principal: string;
  agentIin: string;
  /** The day the request was taken (YYYY-MM-DD): the power must be in force then. */
  onDay: string;
}

export interface OutboxPayload {
  signedXml: string;
  attachments: OutboxAttachment[];
  verifyApplicant?: ApplicantToVerify;
  verifyPowerOfAttorney?: PowerOfAttorneyToVerify;
}

export interface ResultRecord {
  kind: 'license' | 'refusal';
  decidedAt: string;
  /** The verified result document in the host's document store. */
  documentSha256: string;
  fileName: string;
  licenseNumber?: string;
  grounds?: { code: string; text: string; basis: string }[];
  /** Who signed it for the provider, as read from the verified certificate. */
  signedBy: string;
}

export interface OutboxEntry {
  /** = submissionId = request id; the idempotency key. */
  id: string;
  requestId: string;
  state: OutboxState;
  /** Failed attempts made while the gateway was reachable; offline time never counts. */
  attempts: number;
  nextAttemptAt: number;
  enqueuedAt: number;
  updatedAt: number;
  /** Set in active states; past it the entry is considered abandoned (crash, reload) and re-queued. */
  leaseUntil?: number;
  lastError?: OutboxError;
  /** SHA-256 of the attachments the gateway confirmed it holds. */
  uploaded: string[];
  /**
   * A commit of this id has been sent at least once, so the gateway may hold the package whatever answer came back;
   * then it can no longer be replaced under the same idempotency key. Absent on entries from before it was kept.
   */
  commitSent?: boolean;
  /** This submission corrects an earlier one the gateway may hold (its id). */
  corrects?: string;
  /** The corrected request that went instead of this one. */
  supersededBy?: string;
  /** The applicant (and a representative's power of attorney) were checked against the registries, or needed no check. */
  applicantVerified?: boolean;
  registrationNumber?: string;
  gatewayStatus?: SubmissionStatusName;
  gatewayEvents?: TimelineEvent[];
  nextPollAt?: number;
  polls?: number;
  result?: ResultRecord;
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

/** A pure change of one entry; null = leave it as it is (e.g. someone else claimed it first). */
export type OutboxChange = (entry: OutboxEntry, now: number) => OutboxEntry | null;

/** Persistence port of the engine. Stores take their time from a Clock for `updatedAt`. */
export interface OutboxStore {
  /** Claimable entries with nextAttemptAt ≤ now, oldest enqueuedAt first. */
  listDue(nowMs: number): Promise<OutboxEntry[]>;
  /** Submitted entries whose next status poll is due, the longest-waiting first. */
  listPollDue(nowMs: number): Promise<OutboxEntry[]>;
  /** Reads, changes and writes one entry (with the store's side effects) atomically; the new entry or null. */
  update(id: string, change: OutboxChange): Promise<OutboxEntry | null>;
  /** Active entries whose lease ran out go back to queued; returns how many. */
  recoverExpiredLeases(nowMs: number): Promise<number>;
  /** When the engine next has something to do (due time, poll time, lease expiry), null if nothing. */
  nextWakeAt(): Promise<number | null>;
}

export class OutboxStateError extends Error {
  constructor(entry: OutboxEntry, action: string) {
    super(`outbox entry ${entry.id} is ${entry.state}; cannot ${action}`);
    this.name = 'OutboxStateError';
  }
}

export function newOutboxEntry(init: { id: string; requestId: string; payload: OutboxPayload; now: number; corrects?: string }): OutboxEntry {
  return {
    id: init.id,
    requestId: init.requestId,
    state: 'queued',
    attempts: 0,
    nextAttemptAt: init.now,
    enqueuedAt: init.now,
    updatedAt: init.now,
    uploaded: [],
    commitSent: false,
    applicantVerified: needsNoCheck(init.payload),
    payload: init.payload,
    ...(init.corrects ? { corrects: init.corrects } : {}),
  };
}

const needsNoCheck = (payload: OutboxPayload) => payload.verifyApplicant === undefined && payload.verifyPowerOfAttorney === undefined;

/**
 * Whether the gateway may hold this submission, so that a different package under its id would be refused. An entry
 * from before `commitSent` was kept counts as held unless the registry stopped it, which happens before any commit.
 */
export function gatewayMayHold(entry: OutboxEntry): boolean {
  if (entry.registrationNumber !== undefined) return true;
  return entry.commitSent ?? entry.lastError?.kind !== 'registry_mismatch';
}

export const isClaimable = (entry: OutboxEntry): boolean => claimableStates.includes(entry.state);
export const isDue = (entry: OutboxEntry, nowMs: number): boolean => isClaimable(entry) && entry.nextAttemptAt <= nowMs;
export const isPollDue = (entry: OutboxEntry, nowMs: number): boolean => entry.state === 'submitted' && (entry.nextPollAt ?? 0) <= nowMs;

export function hasExpiredLease(entry: OutboxEntry, nowMs: number): boolean {
  // Expired at leaseUntil itself, so an engine woken exactly then (see wakeTime) recovers it.
  return activeStates.includes(entry.state) && (entry.leaseUntil ?? -Infinity) <= nowMs;
}

/** Delivery order: the operator's order of enqueueing; id breaks ties so the order is total. */
export function compareDeliveryOrder(a: OutboxEntry, b: OutboxEntry): number {
  return a.enqueuedAt - b.enqueuedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function comparePollOrder(a: OutboxEntry, b: OutboxEntry): number {
  return (a.nextPollAt ?? 0) - (b.nextPollAt ?? 0) || compareDeliveryOrder(a, b);
}

/** When this entry next needs the engine, or null if it is settled. */
export function wakeTime(entry: OutboxEntry): number | null {
  if (isClaimable(entry)) return entry.nextAttemptAt;
  if (activeStates.includes(entry.state)) return entry.leaseUntil ?? null;
  if (entry.state === 'submitted') return entry.nextPollAt ?? 0;
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

/** Every attachment the gateway does not hold yet, in payload order. */
/**
 * Never tried against the gateway: no attempt spent, no error, no commit sent. Its files
 * are uploaded without asking first whether the gateway holds them (a round trip on a regional link). A try cut off
 * by a lost link spends no attempt and still counts as first: its uploads resume from their tus URLs all the same.
 */
export const isFirstAttempt = (entry: OutboxEntry): boolean => entry.attempts === 0 && entry.lastError === undefined && !entry.commitSent;

export function pendingUploads(entry: OutboxEntry): OutboxAttachment[] {
  return entry.payload.attachments.filter((a) => !entry.uploaded.includes(a.sha256));
}

function leaving(entry: OutboxEntry, from: readonly OutboxState[], action: string): OutboxEntry {
  if (!from.includes(entry.state)) throw new OutboxStateError(entry, action);
  const next = { ...entry };
  delete next.leaseUntil;
  return next;
}

const only = (...states: OutboxState[]): readonly OutboxState[] => states;

/** The state machine. Every outcome transition requires an active state, i.e. a claim this engine holds. */
export const transition = {
  /** Claims a due entry; null when it is no longer claimable (another window's engine got there first). */
  claim: (entry: OutboxEntry, leaseUntil: number, now: number): OutboxEntry | null =>
    isClaimable(entry) ? { ...leaving(entry, claimableStates, 'claim'), state: 'uploading', leaseUntil, updatedAt: now } : null,
  applicantVerified: (entry: OutboxEntry, leaseUntil: number, now: number): OutboxEntry => ({
    ...leaving(entry, only('uploading'), 'record the registry check'),
    applicantVerified: true,
    leaseUntil,
    updatedAt: now,
  }),
  uploaded: (entry: OutboxEntry, sha256: string, leaseUntil: number, now: number): OutboxEntry => ({
    ...leaving(entry, only('uploading'), 'record an upload'),
    uploaded: entry.uploaded.includes(sha256) ? entry.uploaded : [...entry.uploaded, sha256],
    leaseUntil,
    updatedAt: now,
  }),
  committing: (entry: OutboxEntry, leaseUntil: number, now: number): OutboxEntry => {
    if (pendingUploads(entry).length > 0) throw new OutboxStateError(entry, 'commit before every attachment is uploaded');
    return { ...leaving(entry, only('uploading'), 'commit'), state: 'committing', commitSent: true, leaseUntil, updatedAt: now };
  },
  submitted: (entry: OutboxEntry, accepted: { registrationNumber: string; status: SubmissionStatusName; nextPollAt: number }, now: number): OutboxEntry => {
    const next: OutboxEntry = {
      ...leaving(entry, only('committing'), 'record acceptance'),
      state: 'submitted',
      registrationNumber: accepted.registrationNumber,
      gatewayStatus: accepted.status,
      nextPollAt: accepted.nextPollAt,
      polls: 0,
      updatedAt: now,
    };
    delete next.lastError;
    return next;
  },
  retry: (entry: OutboxEntry, plan: RetryPlan, now: number): OutboxEntry => ({
    ...leaving(entry, activeStates, 'schedule a retry'),
    state: 'retry_wait',
    ...plan,
    updatedAt: now,
  }),
  /** The gateway refused our credentials: wait for them to be fixed, without spending attempts. */
  authRequired: (entry: OutboxEntry, lastError: OutboxError, nextAttemptAt: number, now: number): OutboxEntry => ({
    ...leaving(entry, activeStates, 'wait for credentials'),
    state: 'auth_required',
    nextAttemptAt,
    lastError,
    updatedAt: now,
  }),
  needsAttention: (entry: OutboxEntry, failure: Failure, now: number): OutboxEntry => ({
    ...leaving(entry, [...activeStates, 'submitted'], 'mark for attention'),
    state: 'needs_attention',
    ...failure,
    updatedAt: now,
  }),
  /** The gateway no longer holds these files (upload expired, blob gone): upload them again. */
  uploadsLost: (entry: OutboxEntry, sha256s: readonly string[], plan: RetryPlan, now: number): OutboxEntry => ({
    ...leaving(entry, activeStates, 'forget uploads'),
    state: 'retry_wait',
    ...plan,
    uploaded: entry.uploaded.filter((sha) => !sha256s.includes(sha)),
    updatedAt: now,
  }),
  /** Used both for a dropped link and for an expired lease; attempts and nextAttemptAt stay as they were. */
  released: (entry: OutboxEntry, now: number): OutboxEntry => ({
    ...leaving(entry, activeStates, 'release'),
    state: 'queued',
    updatedAt: now,
  }),
  polled: (entry: OutboxEntry, polled: { status: SubmissionStatusName; events: TimelineEvent[]; nextPollAt: number }, now: number): OutboxEntry => ({
    ...leaving(entry, only('submitted'), 'record a status'),
    gatewayStatus: polled.status,
    gatewayEvents: polled.events,
    nextPollAt: polled.nextPollAt,
    polls: (entry.polls ?? 0) + 1,
    updatedAt: now,
  }),
  decided: (entry: OutboxEntry, result: ResultRecord, events: TimelineEvent[], now: number): OutboxEntry => {
    const next: OutboxEntry = {
      ...leaving(entry, only('submitted'), 'record the result'),
      state: result.kind === 'license' ? 'completed' : 'rejected',
      gatewayStatus: result.kind === 'license' ? 'completed' : 'rejected',
      gatewayEvents: events,
      result,
      updatedAt: now,
    };
    delete next.nextPollAt;
    return next;
  },
  /** The operator's "retry now": back to the queue with a fresh attempt budget, keeping what was uploaded. */
  retryNow: (entry: OutboxEntry, now: number): OutboxEntry => ({
    ...leaving(entry, retryableStates, 'retry'),
    state: 'queued',
    attempts: 0,
    nextAttemptAt: now,
    updatedAt: now,
  }),
  /** The operator corrects a stopped request: held, so neither the engine nor "retry now" sends the old package. */
  holdForCorrection: (entry: OutboxEntry, now: number): OutboxEntry => ({ ...leaving(entry, stoppedStates, 'correct'), state: 'correcting', updatedAt: now }),
  /** The correction was given up: stopped again, as it was. */
  correctionCancelled: (entry: OutboxEntry, now: number): OutboxEntry => ({ ...leaving(entry, only('correcting'), 'cancel a correction'), state: 'needs_attention', updatedAt: now }),
  /**
   * The corrected, re-signed package replaces the old one under the same id: allowed only while the gateway cannot
   * hold the old one. A fresh attempt budget; files the gateway holds that are still in the package stay uploaded.
   */
  replaced: (entry: OutboxEntry, payload: OutboxPayload, now: number): OutboxEntry => {
    const held = leaving(entry, only('correcting'), 'replace the package');
    if (gatewayMayHold(entry)) throw new OutboxStateError(entry, 'replace a package the gateway may hold');
    const next: OutboxEntry = {
      ...held,
      state: 'queued',
      payload,
      attempts: 0,
      nextAttemptAt: now,
      applicantVerified: needsNoCheck(payload),
      uploaded: entry.uploaded.filter((sha) => payload.attachments.some((attachment) => attachment.sha256 === sha)),
      updatedAt: now,
    };
    delete next.lastError;
    return next;
  },
  /** A new request linked to this one carries the correction; this one is settled as it is. */
  superseded: (entry: OutboxEntry, by: string, now: number): OutboxEntry => ({ ...leaving(entry, only('correcting'), 'supersede'), state: 'superseded', supersededBy: by, updatedAt: now }),
  /** The applicant took the request back: only while the gateway cannot hold it, since nothing here can recall it there. */
  withdrawn: (entry: OutboxEntry, now: number): OutboxEntry => {
    const stopped = leaving(entry, stoppedStates, 'withdraw');
    if (gatewayMayHold(entry)) throw new OutboxStateError(entry, 'withdraw a package the gateway may hold');
    return { ...stopped, state: 'withdrawn', updatedAt: now };
  },
};
