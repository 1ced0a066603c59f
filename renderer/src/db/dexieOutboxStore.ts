/**
 * The sync engine's OutboxStore on the renderer database. State rules come from shared/sync/outbox; this
 * adds the request's own status and an audit event for every state change, in the same transaction as the
 * outbox change, so the request list never disagrees with the outbox.
 */
import type { Clock } from '../../../shared/sync/outboxEngine';
import {
  activeStates,
  claimableStates,
  compareDeliveryOrder,
  comparePollOrder,
  earliestWakeTime,
  hasExpiredLease,
  isDue,
  isPollDue,
  transition,
  type OutboxEntry,
  type OutboxState,
  type OutboxStore,
} from '../../../shared/sync/outbox';
import type { QabylDatabase, RequestRow, RequestStatus } from './database';

/** What the request list shows for each outbox state. */
export function requestStatusOf(state: OutboxState): RequestStatus {
  switch (state) {
    case 'submitted':
    case 'completed':
    case 'rejected':
    case 'needs_attention':
    case 'withdrawn':
    case 'superseded':
      return state;
    // The request is back on the form; the entry only waits for it.
    case 'correcting':
      return 'draft';
    default:
      return 'queued';
  }
}

export function createDexieOutboxStore(db: QabylDatabase, clock: Clock): OutboxStore {
  /** The request row and the audit trail follow the outbox entry's state. */
  async function alongside(before: OutboxEntry, after: OutboxEntry, at: string): Promise<void> {
    if (before.state === after.state && before.gatewayStatus === after.gatewayStatus) return;
    const request: Partial<RequestRow> = { status: requestStatusOf(after.state), updatedAt: at };
    if (after.registrationNumber) request.registrationNumber = after.registrationNumber;
    await db.requests.update(after.requestId, request);
    await db.events.add({
      requestId: after.requestId,
      at,
      type: `outbox.${after.state}`,
      data: {
        from: before.state,
        attempts: after.attempts,
        ...(after.lastError && after.state !== 'submitted' ? { error: after.lastError } : {}),
        ...(after.registrationNumber ? { registrationNumber: after.registrationNumber } : {}),
        ...(after.gatewayStatus ? { gatewayStatus: after.gatewayStatus } : {}),
        ...(after.state === 'retry_wait' || after.state === 'auth_required' ? { nextAttemptAt: new Date(after.nextAttemptAt).toISOString() } : {}),
      },
    });
  }

  return {
    async listDue(nowMs) {
      // By state, not time: settled entries stay in the table forever (legal record) and must not be scanned.
      const candidates = await db.outbox.where('state').anyOf([...claimableStates]).toArray();
      return candidates.filter((e) => isDue(e, nowMs)).sort(compareDeliveryOrder);
    },

    async listPollDue(nowMs) {
      const submitted = await db.outbox.where('state').equals('submitted').toArray();
      return submitted.filter((e) => isPollDue(e, nowMs)).sort(comparePollOrder);
    },

    update(id, change) {
      // Read, check and write in one transaction: IndexedDB serialises it against other windows' engines.
      return db.transaction('rw', [db.outbox, db.requests, db.events], async () => {
        const entry = await db.outbox.get(id);
        if (!entry) throw new Error(`no outbox entry ${id}`);
        const now = clock.now();
        const next = change(entry, now);
        if (!next) return null;
        await db.outbox.put(next);
        await alongside(entry, next, new Date(now).toISOString());
        return next;
      });
    },

    recoverExpiredLeases(nowMs) {
      return db.transaction('rw', [db.outbox, db.requests, db.events], async () => {
        const expired = (await db.outbox.where('state').anyOf([...activeStates]).toArray()).filter((e) => hasExpiredLease(e, nowMs));
        const now = clock.now();
        const at = new Date(now).toISOString();
        for (const entry of expired) {
          const released = transition.released(entry, now);
          await db.outbox.put(released);
          await alongside(entry, released, at);
        }
        return expired.length;
      });
    },

    async nextWakeAt() {
      return earliestWakeTime(await db.outbox.where('state').anyOf([...claimableStates, ...activeStates, 'submitted']).toArray());
    },
  };
}
