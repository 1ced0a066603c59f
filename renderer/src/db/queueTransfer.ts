/**
 * Export and import of the unsent queue (shared/sync/queueBundle.ts). Import is all or nothing, never
 * overwrites a request this workstation already has, and puts every imported entry back in the queue.
 */
import { queueBundleSchema, QUEUE_BUNDLE_FORMAT, type QueueBundle } from '../../../shared/sync/queueBundle';
import { unsentStates, type OutboxEntry } from '../../../shared/sync/outbox';
import type { DocumentRow, QabylDatabase, RequestRow } from './database';
import { nameKeyOf } from './requestSearch';

export async function exportQueue(
  db: QabylDatabase,
  options: { office: QueueBundle['office']; now: Date; readDocument(sha256: string): Promise<string> },
): Promise<QueueBundle> {
  const entries = await db.outbox.where('state').anyOf([...unsentStates]).sortBy('enqueuedAt');
  const items: QueueBundle['items'] = [];
  const files: QueueBundle['files'] = {};
  for (const outbox of entries) {
    const request = await db.requests.get(outbox.requestId);
    if (!request) continue;
    const documents = await db.documents.where('requestId').equals(request.id).toArray();
    for (const document of documents) files[document.sha256] ??= await options.readDocument(document.sha256);
    const item = { request: { ...request, status: request.status === 'needs_attention' ? 'needs_attention' : 'queued', signedXml: request.signedXml ?? '' }, outbox, documents };
    items.push(item as unknown as QueueBundle['items'][number]);
  }
  return { format: QUEUE_BUNDLE_FORMAT, exportedAt: options.now.toISOString(), office: options.office, items, files };
}

export type QueueImportResult = { imported: number; alreadyHere: number };

export async function importQueue(
  db: QabylDatabase,
  raw: unknown,
  options: { now: Date; storeDocument(contentBase64: string): Promise<{ sha256: string }> },
): Promise<QueueImportResult> {
  const bundle = queueBundleSchema.parse(raw);
  // Documents first, verified by their digest: a request is never queued with a file that is not here.
  for (const [sha256, contentBase64] of Object.entries(bundle.files)) {
    const stored = await options.storeDocument(contentBase64);
    if (stored.sha256 !== sha256) throw new Error(`document ${sha256} does not match its digest`);
  }
  const at = options.now.toISOString();
  return db.transaction('rw', [db.requests, db.outbox, db.documents, db.events], async () => {
    let imported = 0;
    for (const item of bundle.items) {
      if ((await db.requests.get(item.request.id)) || (await db.outbox.get(item.outbox.id))) continue;
      const request = item.request as unknown as RequestRow;
      // The search column is derived here, not taken from the file: it may come from a version without it.
      await db.requests.add({ ...request, nameKey: nameKeyOf(request.applicant) });
      await db.documents.bulkAdd(item.documents as unknown as DocumentRow[]);
      const outbox = item.outbox as unknown as OutboxEntry;
      // Back to the queue on this workstation: no lease, due now; attempts and the last error stay as history.
      // Uploads are asked about again (the gateway says at once which files it already holds).
      const { leaseUntil: _lease, ...rest } = outbox;
      await db.outbox.add({ ...rest, uploaded: [], state: outbox.state === 'needs_attention' ? 'needs_attention' : 'queued', nextAttemptAt: options.now.getTime(), updatedAt: options.now.getTime() });
      await db.events.add({ requestId: item.request.id, at, type: 'queue.imported', data: { from: bundle.office.code, exportedAt: bundle.exportedAt } });
      imported += 1;
    }
    return { imported, alreadyHere: bundle.items.length - imported };
  });
}
