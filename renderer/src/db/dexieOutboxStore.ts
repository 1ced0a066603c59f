/**
 * The sync engine's OutboxStore on the renderer database. State rules come from shared/sync/outbox; this
 * adds the request's own status and the audit events, in the same transaction as the outbox change so the
 * request list never disagrees with the outbox.
 */
import type { Clock } from '../../../shared/sync/outboxEngine';
import {
  compareDeliveryOrder,
  earliestWakeTime,
  hasExpiredLease,
  isClaimable,
  isDue,
  transition,
  type OutboxEntry,
  type OutboxStore,
} from '../../../shared/sync/outbox';
import type { EventRow, QabylDatabase, RequestRow } from './database';

export function createDexieOutboxStore(db: QabylDatabase, clock: Clock): OutboxStore {
  /** Reads the entry, applies the transition and lets `alongside` write what goes with it, atomically. */
  function change(
    id: string,
    next: (entry: OutboxEntry, now: number) => OutboxEntry,
    alongside?: (entry: OutboxEntry, at: string) => Promise<unknown>,
  ): Promise<void> {
    return db.transaction('rw', [db.outbox, db.requests, db.events], async () => {
      const entry = await db.outbox.get(id);
      if (!entry) throw new Error(`no outbox entry ${id}`);
      const now = clock.now();
      const updated = next(entry, now);
      await db.outbox.put(updated);
      await alongside?.(updated, new Date(now).toISOString());
    });
  }

  function settleRequest(entry: OutboxEntry, at: string, request: Partial<RequestRow>, event: Omit<EventRow, 'at' | 'requestId'>) {
    return Promise.all([
      db.requests.update(entry.requestId, { ...request, updatedAt: at }),
      db.events.add({ ...event, requestId: entry.requestId, at }),
    ]);
  }

  return {
    async listDue(nowMs) {
      // By state, not time: settled entries stay in the table forever (legal record) and must not be scanned.
      const candidates = await db.outbox.where('state').anyOf(['queued', 'retry_wait']).toArray();
      return candidates.filter((e) => isDue(e, nowMs)).sort(compareDeliveryOrder);
    },

    markSending(id, leaseUntilMs) {
      // Check and claim in one transaction: IndexedDB serialises it against other windows' engines.
      return db.transaction('rw', db.outbox, async () => {
        const entry = await db.outbox.get(id);
        if (!entry || !isClaimable(entry)) return false;
        await db.outbox.put(transition.sending(entry, leaseUntilMs, clock.now()));
        return true;
      });
    },

    markSubmitted(id, registrationNumber, status) {
      return change(
        id,
        (e, now) => transition.submitted(e, registrationNumber, now),
        (e, at) =>
          settleRequest(e, at, { status: 'submitted', registrationNumber }, {
            type: 'submission.accepted',
            data: { registrationNumber, status, attempts: e.attempts },
          }),
      );
    },

    markRetry(id, plan) {
      return change(
        id,
        (e, now) => transition.retry(e, plan, now),
        (e, at) =>
          db.events.add({
            requestId: e.requestId,
            at,
            type: 'submission.retry',
            data: { attempts: plan.attempts, nextAttemptAt: new Date(plan.nextAttemptAt).toISOString(), error: plan.lastError },
          }),
      );
    },

    markNeedsAttention(id, failure) {
      return change(
        id,
        (e, now) => transition.needsAttention(e, failure, now),
        (e, at) =>
          settleRequest(e, at, { status: 'needs_attention' }, {
            type: 'submission.needs_attention',
            data: { attempts: failure.attempts, error: failure.lastError },
          }),
      );
    },

    releaseToQueued(id) {
      return change(id, (e, now) => transition.released(e, now));
    },

    recoverExpiredLeases(nowMs) {
      return db.transaction('rw', db.outbox, async () => {
        const expired = (await db.outbox.where('state').equals('sending').toArray()).filter((e) => hasExpiredLease(e, nowMs));
        const now = clock.now();
        await db.outbox.bulkPut(expired.map((e) => transition.released(e, now)));
        return expired.length;
      });
    },

    async nextDueAt() {
      return earliestWakeTime(await db.outbox.where('state').anyOf(['queued', 'retry_wait', 'sending']).toArray());
    },
  };
}
