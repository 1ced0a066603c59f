/**
 * Test-only OutboxStore kept in a Map. The rules live in ./outbox (shared with the Dexie store);
 * this file only holds entries.
 */
import type { Clock } from './outboxEngine';
import {
  compareDeliveryOrder,
  earliestWakeTime,
  hasExpiredLease,
  isClaimable,
  isDue,
  transition,
  type Failure,
  type OutboxEntry,
  type OutboxStore,
  type RetryPlan,
} from './outbox';

export class MemoryOutboxStore implements OutboxStore {
  readonly entries = new Map<string, OutboxEntry>();

  constructor(private readonly clock: Clock) {}

  add(entry: OutboxEntry): void {
    if (this.entries.has(entry.id)) throw new Error(`outbox entry ${entry.id} exists`);
    this.entries.set(entry.id, entry);
  }

  get(id: string): OutboxEntry {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`no outbox entry ${id}`);
    return entry;
  }

  private apply(id: string, change: (entry: OutboxEntry, now: number) => OutboxEntry): void {
    this.entries.set(id, change(this.get(id), this.clock.now()));
  }

  async listDue(nowMs: number): Promise<OutboxEntry[]> {
    return [...this.entries.values()].filter((e) => isDue(e, nowMs)).sort(compareDeliveryOrder);
  }

  async markSending(id: string, leaseUntilMs: number): Promise<boolean> {
    if (!isClaimable(this.get(id))) return false;
    this.apply(id, (e, now) => transition.sending(e, leaseUntilMs, now));
    return true;
  }

  async markSubmitted(id: string, registrationNumber: string): Promise<void> {
    this.apply(id, (e, now) => transition.submitted(e, registrationNumber, now));
  }

  async markRetry(id: string, plan: RetryPlan): Promise<void> {
    this.apply(id, (e, now) => transition.retry(e, plan, now));
  }

  async markNeedsAttention(id: string, failure: Failure): Promise<void> {
    this.apply(id, (e, now) => transition.needsAttention(e, failure, now));
  }

  async releaseToQueued(id: string): Promise<void> {
    this.apply(id, (e, now) => transition.released(e, now));
  }

  async recoverExpiredLeases(nowMs: number): Promise<number> {
    const expired = [...this.entries.values()].filter((e) => hasExpiredLease(e, nowMs));
    for (const entry of expired) this.apply(entry.id, (e, now) => transition.released(e, now));
    return expired.length;
  }

  async nextDueAt(): Promise<number | null> {
    return earliestWakeTime(this.entries.values());
  }
}
