/**
 * Retry delays for the outbox (research R2): full-jitter exponential backoff. Jitter spreads the retries of
 * many offices that lost the same link at the same moment; the cap keeps a long outage from pushing the
 * next try hours away once the link is back.
 */

export const RETRY_BASE_MS = 2_000;
export const RETRY_CAP_MS = 15 * 60_000;

/** min(cap, base · 2^(attempt−1)); attempt counts from 1. */
export function exponentialDelay(attempt: number, baseMs: number, capMs: number): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  return Math.min(capMs, baseMs * 2 ** exponent);
}

export interface RetryDelayOptions {
  /** Returns a number in [0, 1); injected so tests are deterministic. */
  random: () => number;
  /** The server's Retry-After in ms, if it sent one: never retry earlier than that. */
  retryAfterMs?: number;
  baseMs?: number;
  capMs?: number;
}

/** Delay before retry number `attempt` (1 = the retry after the first failure). */
export function retryDelay(attempt: number, options: RetryDelayOptions): number {
  const { random, retryAfterMs, baseMs = RETRY_BASE_MS, capMs = RETRY_CAP_MS } = options;
  const jittered = random() * exponentialDelay(attempt, baseMs, capMs);
  // A malformed Retry-After (NaN, negative) must not poison the schedule.
  const floor = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? retryAfterMs : 0;
  return Math.max(jittered, floor);
}
