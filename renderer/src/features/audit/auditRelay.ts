/**
 * Carries the operator's actions of consequence to the host's audit log, which stamps who did them.
 *
 * Most actions already write a timeline event in the same Dexie transaction as the action itself, so the relay
 * follows the `events` table from a cursor: an action cannot happen without its event, and an event not yet
 * relayed is sent on the next pass. Actions with no timeline event (form fields changed, the queue exported)
 * wait in a small pending list in `meta`. A failed call never stops the operator's work; it is retried.
 * Delivery is at least once: a crash between the host's answer and the cursor's move repeats an entry.
 */
import type { RecordedAction } from '../../../../shared/audit/auditEntry';
import type { HostClient } from '../../../../shared/host/hostApi';
import type { EventRow, QabylDatabase } from '../../db/database';

const CURSOR_KEY = 'audit.relayedEventSeq';
const PENDING_KEY = 'audit.pending';

interface PendingAction {
  id: string;
  action: RecordedAction;
}

const pendingOf = async (db: QabylDatabase): Promise<PendingAction[]> => ((await db.meta.get(PENDING_KEY))?.value as PendingAction[] | undefined) ?? [];

/** The audit entry a timeline event stands for; events of no legal consequence have none. */
export function auditedEvent(event: EventRow): RecordedAction | null {
  const subject = event.requestId;
  if (!subject) return null;
  switch (event.type) {
    case 'request.created':
      return { action: 'request.created', subject };
    case 'document.attached':
      return { action: 'request.changed', subject, details: { fields: ['documents'] } };
    case 'request.not_accepted':
      return { action: 'request.notAccepted', subject, details: { count: Array.isArray(event.data?.missing) ? event.data.missing.length : 0 } };
    case 'paper.printed':
    case 'paper.saved': {
      const paper = event.data?.paper;
      return { action: event.type, subject, ...(typeof paper === 'string' ? { details: { paper } } : {}) };
    }
    case 'request.correction_started':
    case 'request.corrected': {
      // The mode (replace, supersede) and the other request of a linked correction; names never leave the timeline.
      const linked = event.data?.by ?? event.data?.corrects;
      return { action: event.type === 'request.corrected' ? 'request.corrected' : 'request.correctionStarted', subject, details: { reason: String(event.data?.mode), ...(typeof linked === 'string' ? { submissionId: linked } : {}) } };
    }
    case 'request.correction_cancelled':
      return { action: 'request.correctionCancelled', subject };
    case 'request.withdrawn':
      return { action: 'request.withdrawn', subject, details: { reason: String(event.data?.reason) } };
    case 'result.handed_over':
      return { action: 'result.handedOver', subject };
    case 'queue.imported':
      return { action: 'queue.imported', subject };
    case 'scans.purged':
      return { action: 'retention.swept', subject, details: { count: typeof event.data?.documents === 'number' ? event.data.documents : 0 } };
    default:
      return null;
  }
}

/** Keeps an action without a timeline event until the host has it. */
export async function recordAction(db: QabylDatabase, action: RecordedAction): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const pending = await pendingOf(db);
    await db.meta.put({ key: PENDING_KEY, value: [...pending, { id: crypto.randomUUID(), action }] });
  });
}

/**
 * A workstation that had timeline events before the relay existed starts after them: their operators are not
 * the one logged in now, and the host would stamp the wrong name on them.
 */
async function cursorOf(db: QabylDatabase): Promise<number> {
  const kept = (await db.meta.get(CURSOR_KEY))?.value;
  if (typeof kept === 'number') return kept;
  const start = (await db.events.orderBy('seq').last())?.seq ?? 0;
  await db.meta.put({ key: CURSOR_KEY, value: start });
  return start;
}

async function relayPending(host: HostClient, db: QabylDatabase): Promise<number> {
  const pending = await pendingOf(db);
  for (const item of pending) {
    await host.call('audit.record', item.action);
    await db.transaction('rw', db.meta, async () => {
      const now = await pendingOf(db);
      await db.meta.put({ key: PENDING_KEY, value: now.filter((other) => other.id !== item.id) });
    });
  }
  return pending.length;
}

/** The host stamps whoever is logged in; an event someone else wrote (relayed after a crash or a switch) says so. */
function reportedFor(action: RecordedAction, event: EventRow, operatorId: string): RecordedAction {
  if (!event.operatorId || event.operatorId === operatorId) return action;
  return { ...action, details: { ...action.details, reportedFor: event.operatorId } };
}

async function relayEvents(host: HostClient, db: QabylDatabase, operatorId: string): Promise<number> {
  const cursor = await cursorOf(db);
  const events = await db.events.where('seq').above(cursor).toArray();
  let sent = 0;
  for (const event of events) {
    const action = auditedEvent(event);
    if (action) {
      await host.call('audit.record', reportedFor(action, event, operatorId));
      sent++;
    }
    await db.meta.put({ key: CURSOR_KEY, value: event.seq });
  }
  return sent;
}

const running = new WeakMap<QabylDatabase, Promise<number>>();

/** Sends what is waiting, in order, while `operatorId` is logged in; stops at the first refusal and leaves the rest for the next pass. */
export function relayAudit(host: HostClient, db: QabylDatabase, operatorId: string): Promise<number> {
  const current = running.get(db);
  if (current) return current.catch(() => 0).then(() => relayAudit(host, db, operatorId));
  const pass = (async () => (await relayPending(host, db)) + (await relayEvents(host, db, operatorId)))().finally(() => running.delete(db));
  running.set(db, pass);
  return pass;
}
