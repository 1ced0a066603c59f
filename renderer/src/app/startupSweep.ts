/**
 * After a crash the host may hold files nothing points at any more: a scan finished but never attached, a
 * result fetched but not recorded, a batch whose checklist item forgot it. At start-up the renderer names what
 * its store of record still references, and the host removes the rest it had before this run.
 */
import type { HostClient, HostResult } from '../../../shared/host/hostApi';
import type { QabylDatabase } from '../db/database';
import { SCAN_BATCH_KEY_PREFIX } from '../features/scanning/useScanBatch';

const DATABASE_ID_KEY = 'databaseId';

/** Every stored document a row points at: attached documents, queued attachments, results that came back. */
export async function referencedDocuments(db: QabylDatabase): Promise<string[]> {
  const referenced = new Set<string>();
  await db.transaction('r', db.documents, db.outbox, async () => {
    // The documents' digests from their index alone: no row is opened (unsealed) for them. Queued attachments and
    // results live inside the sealed outbox payload, so those rows are read.
    for (const sha256 of await db.documents.orderBy('sha256').uniqueKeys()) referenced.add(String(sha256));
    await db.outbox.each((entry) => {
      for (const attachment of entry.payload.attachments) referenced.add(attachment.sha256);
      if (entry.result) referenced.add(entry.result.documentSha256);
    });
  });
  return [...referenced];
}

/** The scan batches drafts still hold; a key left by a request that was signed or refused meanwhile is dropped. */
export async function openScanBatches(db: QabylDatabase, storage: Storage): Promise<string[]> {
  const open: string[] = [];
  const keys = Array.from({ length: storage.length }, (_, index) => storage.key(index)).filter((key): key is string => key?.startsWith(SCAN_BATCH_KEY_PREFIX) ?? false);
  if (keys.length === 0) return open;
  // The drafts' ids from the status index: one key read, no request opened.
  const drafts = new Set(await db.requests.where('status').equals('draft').primaryKeys());
  for (const key of keys) {
    const requestId = key.slice(SCAN_BATCH_KEY_PREFIX.length).split('.')[0] ?? '';
    const batchId = storage.getItem(key);
    if (batchId && drafts.has(requestId)) open.push(batchId);
    else storage.removeItem(key);
  }
  return open;
}

/** This database's own id, made on first use: the host sweeps only for the database its documents belong to. */
export async function databaseIdOf(db: QabylDatabase): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const stored = (await db.meta.get(DATABASE_ID_KEY))?.value;
    if (typeof stored === 'string') return stored;
    const id = crypto.randomUUID();
    await db.meta.add({ key: DATABASE_ID_KEY, value: id });
    return id;
  });
}

export async function sweepAfterCrash(host: HostClient, db: QabylDatabase, storage: Storage): Promise<HostResult<'documents.sweep'>> {
  const [databaseId, referenced, openBatches] = [await databaseIdOf(db), await referencedDocuments(db), await openScanBatches(db, storage)];
  return host.call('documents.sweep', { databaseId, referenced, openBatches });
}
