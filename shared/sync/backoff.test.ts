import { describe, expect, it } from 'vitest';
import { exponentialDelay, RETRY_BASE_MS, RETRY_CAP_MS, retryDelay } from './backoff';

describe('backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4].map((n) => exponentialDelay(n, 2_000, 900_000))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(exponentialDelay(10, 2_000, 900_000)).toBe(900_000);
    expect(exponentialDelay(5_000, 2_000, 900_000)).toBe(900_000);
  });

  it('jitters over the whole window: random() · window', () => {
    expect(retryDelay(3, { random: () => 0 })).toBe(0);
    expect(retryDelay(3, { random: () => 0.5 })).toBe(0.5 * 4 * RETRY_BASE_MS);
    expect(retryDelay(50, { random: () => 0.999 })).toBeLessThanOrEqual(RETRY_CAP_MS);
  });

  it('never retries before Retry-After', () => {
    expect(retryDelay(1, { random: () => 0.5, retryAfterMs: 30_000 })).toBe(30_000);
    expect(retryDelay(8, { random: () => 0.9, retryAfterMs: 1_000 })).toBe(0.9 * 128 * RETRY_BASE_MS);
  });

  it('ignores a malformed Retry-After', () => {
    expect(retryDelay(1, { random: () => 0.5, retryAfterMs: Number.NaN })).toBe(1_000);
    expect(retryDelay(1, { random: () => 0.5, retryAfterMs: -5 })).toBe(1_000);
  });
});
