/**
 * Test-only OutboxStore kept in a Map. The rules live in ./outbox (shared with the Dexie store);
 * this file only holds entries.
 */
import type { Clock } from './outboxEngine';
import {
  compareDeliveryOrder,
  comparePollOrder,
  earliestWakeTime,
  hasExpiredLease,
  isDue,
  isPollDue,
  transition,
  type OutboxChange,
  type OutboxEntry,
  type OutboxStore,
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

  async listDue(nowMs: number): Promise<OutboxEntry[]> {
    return [...this.entries.values()].filter((e) => isDue(e, nowMs)).sort(compareDeliveryOrder);
  }

  async listPollDue(nowMs: number): Promise<OutboxEntry[]> {
    return [...this.entries.values()].filter((e) => isPollDue(e, nowMs)).sort(comparePollOrder);
  }

  async update(id: string, change: OutboxChange): Promise<OutboxEntry | null> {
    const next = change(this.get(id), this.clock.now());
    if (next) this.entries.set(id, next);
    return next;
  }

  async recoverExpiredLeases(nowMs: number): Promise<number> {
    const expired = [...this.entries.values()].filter((e) => hasExpiredLease(e, nowMs));
    for (const entry of expired) this.entries.set(entry.id, transition.released(entry, this.clock.now()));
    return expired.length;
  }

  async nextWakeAt(): Promise<number | null> {
    return earliestWakeTime(this.entries.values());
  }
}
