import { describe, expect, it } from 'vitest';
import { newOutboxEntry } from '../../../shared/sync/outbox';
import { attachment, draftRequest, openTestDb } from '../db/testDb.testkit';
import { SCAN_BATCH_KEY_PREFIX } from '../features/scanning/useScanBatch';
import { databaseIdOf, openScanBatches, referencedDocuments } from './startupSweep';

/** Node has no localStorage; this is the Storage interface over a Map, nothing more. */
function memoryStorage(entries: Record<string, string>): Storage {
  const map = new Map(Object.entries(entries));
  return {
    get length() {
      return map.size;
    },
    key: (index) => [...map.keys()][index] ?? null,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
    clear: () => map.clear(),
  };
}

describe('start-up sweep, the renderer’s side', () => {
  it('references attached documents, queued attachments and results that came back', async () => {
    const db = openTestDb();
    await db.documents.add({ id: 'd1', requestId: 'r1', sha256: 'b'.repeat(64), fileName: 'scan.pdf', mimeType: 'application/pdf', size: 10, addedAt: '2025-03-14T05:00:00.000Z' });
    const entry = newOutboxEntry({ id: 'r2', requestId: 'r2', now: 1, payload: { signedXml: '<x/>', attachments: [attachment] } });
    await db.outbox.add({ ...entry, result: { kind: 'license', decidedAt: '2025-03-20', documentSha256: 'c'.repeat(64), fileName: 'license.pdf', signedBy: 'provider' } });
    expect((await referencedDocuments(db)).sort()).toEqual(['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)]);
  });

  it('keeps the batches of drafts and forgets those of requests signed or gone meanwhile', async () => {
    const db = openTestDb();
    await db.requests.bulkAdd([draftRequest('r-draft'), draftRequest('r-queued', { status: 'queued' })]);
    const storage = memoryStorage({
      [`${SCAN_BATCH_KEY_PREFIX}r-draft.passport`]: 'batch-kept',
      [`${SCAN_BATCH_KEY_PREFIX}r-queued.passport`]: 'batch-of-signed',
      [`${SCAN_BATCH_KEY_PREFIX}r-gone.passport`]: 'batch-of-nothing',
      'qabyl.openRequest': 'r-draft',
    });
    expect(await openScanBatches(db, storage)).toEqual(['batch-kept']);
    expect(storage.length).toBe(2);
    expect(storage.getItem('qabyl.openRequest')).toBe('r-draft');
  });

  it('names its database once and for good', async () => {
    const db = openTestDb();
    const id = await databaseIdOf(db);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await databaseIdOf(db)).toBe(id);
    expect(await databaseIdOf(openTestDb())).not.toBe(id);
  });
});
