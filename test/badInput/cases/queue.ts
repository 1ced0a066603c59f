/**
 * Queue files moved from another workstation (the settings screen's import: the real Dexie store on
 * fake-indexeddb, documents into the real host's store). A refused file adds nothing at all.
 */
import { randomUUID } from 'node:crypto';
import type { QueueBundle } from '../../../shared/sync/queueBundle';
import type { QabylDatabase } from '../../../renderer/src/db/database';
import { exportQueue, importQueueFile, queueImportMessage } from '../../../renderer/src/db/queueTransfer';
import { queueSignedRequest } from '../../../renderer/src/db/requestQueue';
import { draftRequest, openTestDb, signer } from '../../../renderer/src/db/testDb.testkit';
import { uiMessage, type BadInputCase, type Outcome } from '../corpus';
import type { Workstation } from '../workstation';

const office = { code: 'ALM-01', name: 'Алматы, №1' };

/** A queue exported from another workstation that holds one signed request with one scan. */
async function exportedQueue(workstation: Workstation): Promise<QueueBundle> {
  const db = openTestDb();
  const id = randomUUID();
  const content = Buffer.from(`%PDF-1.4 scan of ${id}`).toString('base64');
  const { sha256, size } = await workstation.client.call('documents.put', { contentBase64: content });
  await db.requests.add(draftRequest(id));
  await db.documents.add({ id: `doc-${id}`, requestId: id, sha256, fileName: 'passport.pdf', mimeType: 'application/pdf', size, addedAt: new Date().toISOString() });
  await queueSignedRequest(db, { requestId: id, signedXml: `<request id="${id}"/>`, signer, attachments: [{ sha256, fileName: 'passport.pdf', mimeType: 'application/pdf' }], operatorId: 'op-1', now: Date.now() });
  const bundle = await exportQueue(db, { office, now: new Date(), readDocument: async (digest) => (await workstation.client.call('documents.get', { sha256: digest })).contentBase64 });
  db.close();
  return bundle;
}

/** This workstation's database: one per run, like the renderer's. */
const databases = new WeakMap<Workstation, QabylDatabase>();
const databaseOf = (workstation: Workstation) => {
  if (!databases.has(workstation)) databases.set(workstation, openTestDb());
  return databases.get(workstation)!;
};

const importing = (workstation: Workstation, text: string) =>
  importQueueFile(databaseOf(workstation), text, { now: new Date(), storeDocument: (contentBase64) => workstation.client.call('documents.put', { contentBase64 }) });

async function queueStillWorks(workstation: Workstation): Promise<void> {
  const result = await importing(workstation, JSON.stringify(await exportedQueue(workstation)));
  if (result.imported !== 1) throw new Error(`the good queue file imported ${result.imported} requests`);
}

function queueFile(id: string, description: string, text: (workstation: Workstation) => Promise<string>, expected: string): BadInputCase<Workstation> {
  return {
    id,
    area: 'queue',
    description,
    expected,
    stillWorks: queueStillWorks,
    async run(workstation): Promise<Outcome> {
      const db = databaseOf(workstation);
      const before = [await db.requests.count(), await db.outbox.count(), await db.documents.count()].join();
      try {
        await importing(workstation, await text(workstation));
        return { key: 'accepted', texts: { kk: '', ru: '', en: '' } };
      } catch (failure) {
        const after = [await db.requests.count(), await db.outbox.count(), await db.documents.count()].join();
        if (after !== before) return { key: 'queue.partlyImported', texts: { kk: '', ru: '', en: '' } };
        const { key, values } = queueImportMessage(failure);
        return uiMessage(key, values);
      }
    },
  };
}

const spoiled = (change: (bundle: Record<string, unknown>) => void) => async (workstation: Workstation) => {
  const bundle = (await exportedQueue(workstation)) as unknown as Record<string, unknown>;
  change(bundle);
  return JSON.stringify(bundle);
};

export const queueCases: BadInputCase<Workstation>[] = [
  queueFile('queue-not-json', 'a file that is not JSON', async () => 'qabyl queue\u0000\u0001', 'queueProblem.notJson'),
  queueFile('queue-not-a-queue', 'JSON that is not a queue file (a settings file)', async () => JSON.stringify({ retentionDays: 30 }), 'queueProblem.invalid'),
  queueFile('queue-wrong-version', 'a queue file of a newer format version', spoiled((bundle) => void (bundle.format = 'qabyl-queue/2')), 'queueProblem.wrongFormat'),
  queueFile('queue-missing-fields', 'a queue file whose requests lost their signed XML', spoiled((bundle) => {
    for (const item of bundle.items as { request: Record<string, unknown> }[]) delete item.request.signedXml;
  }), 'queueProblem.invalid'),
  queueFile('queue-digest-mismatch', 'a bundle whose file does not match its digest', spoiled((bundle) => {
    const files = bundle.files as Record<string, string>;
    for (const sha256 of Object.keys(files)) files[sha256] = Buffer.from('altered on the USB stick').toString('base64');
  }), 'queueProblem.digestMismatch'),
  queueFile('queue-empty-document', 'a bundle carrying a document of zero bytes', spoiled((bundle) => {
    const files = bundle.files as Record<string, string>;
    for (const sha256 of Object.keys(files)) files[sha256] = '';
  }), 'errors.documents.empty'),
];
