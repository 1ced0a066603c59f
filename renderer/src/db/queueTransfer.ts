/**
 * Export and import of the unsent queue (shared/sync/queueBundle.ts). Import is all or nothing, never
 * overwrites a request this workstation already has, and puts every imported entry back in the queue.
 */
import { queueBundleSchema, QUEUE_BUNDLE_FORMAT, type QueueBundle } from '../../../shared/sync/queueBundle';
import { unsentStates, type OutboxEntry } from '../../../shared/sync/outbox';
import type { DocumentRow, QabylDatabase, RequestRow } from './database';
import { HostCallError } from '../host/hostClient';
import { errorMessageOf } from '../app/errorMessage';
import type { MessageKey } from '../i18n/i18n';

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

/** Why a queue file was refused, each with its own message (messages.queueProblem). */
export type QueueProblemCode = 'notJson' | 'wrongFormat' | 'invalid' | 'digestMismatch';

export class QueueImportProblem extends Error {
  override name = 'QueueImportProblem';
  constructor(
    readonly code: QueueProblemCode,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

/** The message for a failed import: the host's own refusal, the file's problem, or (a database refusal) "invalid file". */
export function queueImportMessage(failure: unknown): { key: MessageKey; values?: { detail?: string } } {
  if (failure instanceof HostCallError) return errorMessageOf(failure);
  if (failure instanceof QueueImportProblem) return { key: `queueProblem.${failure.code}` };
  return { key: 'settings.queueFileInvalid' };
}

type ImportOptions = { now: Date; storeDocument(contentBase64: string): Promise<{ sha256: string }> };

/** A queue file as picked: its text, which must be JSON. */
export async function importQueueFile(db: QabylDatabase, text: string, options: ImportOptions): Promise<QueueImportResult> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new QueueImportProblem('notJson', error instanceof Error ? error.message : undefined);
  }
  return importQueue(db, raw, options);
}

export async function importQueue(db: QabylDatabase, raw: unknown, options: ImportOptions): Promise<QueueImportResult> {
  const format = (raw as { format?: unknown } | null)?.format;
  if (typeof format !== 'string' || !format.startsWith('qabyl-queue/')) throw new QueueImportProblem('invalid', 'not a queue file');
  if (format !== QUEUE_BUNDLE_FORMAT) throw new QueueImportProblem('wrongFormat', format);
  const parsed = queueBundleSchema.safeParse(raw);
  if (!parsed.success) throw new QueueImportProblem('invalid', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  const bundle = parsed.data;
  // Documents first, verified by their digest: a request is never queued with a file that is not here.
  for (const [sha256, contentBase64] of Object.entries(bundle.files)) {
    const stored = await options.storeDocument(contentBase64);
    if (stored.sha256 !== sha256) throw new QueueImportProblem('digestMismatch', sha256);
  }
  const at = options.now.toISOString();
  return db.transaction('rw', [db.requests, db.outbox, db.documents, db.events], async () => {
    let imported = 0;
    for (const item of bundle.items) {
      if ((await db.requests.get(item.request.id)) || (await db.outbox.get(item.outbox.id))) continue;
      // The search keys are derived by the store, never taken from the file: a file from a version before them has none.
      const { nameKey: _fromOlderVersion, ...request } = item.request as unknown as RequestRow & { nameKey?: string };
      await db.requests.add(request);
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
