/**
 * The retention policy (issue 8, data at rest): the local copies of a request's scans are removed `retentionDays`
 * after its result was handed over. Only scans: the result the provider sent and the receipts stay, since the
 * operator may have to print them again. Never for a request that is unsent, undelivered, without a result or not
 * handed over, nor any file such a request shares (documents are content-addressed, so one scan may serve two).
 * The document rows stay, marked `purgedAt`, as the record of what was accepted.
 */
import type { OutboxEntry } from '../../../shared/sync/outbox';
import type { DocumentRow, QabylDatabase, RequestRow } from './database';

const DAY_MS = 86_400_000;
/** Requests looked at per round: each round opens only these rows. */
const BATCH = 200;
/** The most files one `documents.purge` call takes (its argument schema). */
const PURGE_MAX = 5_000;

export interface RetentionOptions {
  retentionDays: number;
  now: Date;
  /** The host's `documents.purge`: removes the stored files (missing ones are no error). */
  purge(sha256s: string[]): Promise<{ removed: number }>;
}

export interface RetentionOutcome {
  requests: number;
  documents: number;
  removedFiles: number;
}

/** Delivered, decided, the result here and handed over before the cut-off: nothing is left to send or to give. */
export function scansMayGo(request: RequestRow | undefined, entry: OutboxEntry | undefined, cutoffIso: string): boolean {
  if (!request?.handedOverAt || request.handedOverAt >= cutoffIso) return false;
  if (request.status !== 'completed' && request.status !== 'rejected') return false;
  return entry !== undefined && (entry.state === 'completed' || entry.state === 'rejected') && entry.result !== undefined;
}

export async function sweepRetention(db: QabylDatabase, options: RetentionOptions): Promise<RetentionOutcome> {
  const cutoff = new Date(options.now.getTime() - options.retentionDays * DAY_MS).toISOString();
  // Keys only: which handed-over requests are past the cut-off and not swept yet, without opening a row.
  const [handedOver, swept] = await Promise.all([db.requests.where('handedOverAt').below(cutoff).primaryKeys(), db.requests.where('scansPurged.at').above('').primaryKeys()]);
  const done = new Set(swept);
  const due = handedOver.filter((id) => !done.has(id));
  const outcome: RetentionOutcome = { requests: 0, documents: 0, removedFiles: 0 };
  for (let start = 0; start < due.length; start += BATCH) {
    const round = await sweepRound(db, due.slice(start, start + BATCH), cutoff, options);
    outcome.requests += round.requests;
    outcome.documents += round.documents;
    outcome.removedFiles += round.removedFiles;
  }
  return outcome;
}

async function sweepRound(db: QabylDatabase, ids: string[], cutoff: string, options: RetentionOptions): Promise<RetentionOutcome> {
  const eligible = await settledAmong(db, ids, cutoff);
  if (eligible.size === 0) return { requests: 0, documents: 0, removedFiles: 0 };
  const documents = (await db.documents.where('requestId').anyOf([...eligible.keys()]).toArray()).filter((document) => !document.purgedAt);
  const protectedFiles = await filesOthersNeed(db, documents, eligible, cutoff);
  for (const entry of eligible.values()) if (entry.result) protectedFiles.add(entry.result.documentSha256);
  const purgeable = documents.filter((document) => !protectedFiles.has(document.sha256));
  const sha256s = [...new Set(purgeable.map((document) => document.sha256))];
  // The files go first: a crash after this leaves rows not yet marked, and the next sweep marks them (a missing file is no error).
  let removed = 0;
  for (let start = 0; start < sha256s.length; start += PURGE_MAX) removed += (await options.purge(sha256s.slice(start, start + PURGE_MAX))).removed;

  const at = options.now.toISOString();
  const held = new Set(documents.filter((document) => protectedFiles.has(document.sha256)).map((document) => document.requestId));
  const finished = [...eligible.keys()].filter((id) => !held.has(id));
  await db.transaction('rw', db.requests, db.documents, db.events, async () => {
    for (const document of purgeable) await db.documents.update(document.id, { purgedAt: at });
    for (const id of finished) {
      await db.requests.update(id, { scansPurged: { at, afterDays: options.retentionDays } });
      const count = purgeable.filter((document) => document.requestId === id).length;
      if (count > 0) await db.events.add({ requestId: id, at, type: 'scans.purged', data: { documents: count, afterDays: options.retentionDays } });
    }
  });
  return { requests: finished.length, documents: purgeable.length, removedFiles: removed };
}

/** The ids among `ids` whose scans may go, each with its outbox entry. */
async function settledAmong(db: QabylDatabase, ids: string[], cutoff: string): Promise<Map<string, OutboxEntry>> {
  const [requests, entries] = await Promise.all([db.requests.bulkGet(ids), db.outbox.bulkGet(ids)]);
  const settled = new Map<string, OutboxEntry>();
  ids.forEach((id, i) => {
    if (scansMayGo(requests[i], entries[i], cutoff)) settled.set(id, entries[i]!);
  });
  return settled;
}

/** Files these documents share with a request whose scans may not go (yet): those stay. */
async function filesOthersNeed(db: QabylDatabase, documents: DocumentRow[], eligible: Map<string, OutboxEntry>, cutoff: string): Promise<Set<string>> {
  const sharing = await db.documents.where('sha256').anyOf([...new Set(documents.map((document) => document.sha256))]).toArray();
  const others = [...new Set(sharing.map((document) => document.requestId).filter((id) => !eligible.has(id)))];
  const othersSettled = others.length > 0 ? await settledAmong(db, others, cutoff) : new Map<string, OutboxEntry>();
  return new Set(sharing.filter((document) => !eligible.has(document.requestId) && !othersSettled.has(document.requestId)).map((document) => document.sha256));
}
