import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importQueue, exportQueue } from './queueTransfer';
import { queueSignedRequest } from './requestQueue';
import { draftRequest, openTestDb, signer } from './testDb.testkit';

const office = { code: 'ALM-01', name: 'Алматы, №1' };
const now = new Date('2026-11-20T09:00:00Z');

/** A content-addressed store like the host's, in memory. */
function memoryDocuments() {
  const files = new Map<string, string>();
  return {
    files,
    put(text: string) {
      const sha256 = createHash('sha256').update(text).digest('hex');
      files.set(sha256, Buffer.from(text).toString('base64'));
      return sha256;
    },
    readDocument: async (sha256: string) => files.get(sha256) ?? '',
    storeDocument: async (contentBase64: string) => {
      const sha256 = createHash('sha256').update(Buffer.from(contentBase64, 'base64')).digest('hex');
      files.set(sha256, contentBase64);
      return { sha256 };
    },
  };
}

async function workstationWithQueue(ids: string[]) {
  const db = openTestDb();
  const documents = memoryDocuments();
  for (const id of ids) {
    await db.requests.add(draftRequest(id));
    const sha256 = documents.put(`scan of ${id}`);
    await db.documents.add({ id: `doc-${id}`, requestId: id, sha256, fileName: 'scan.pdf', mimeType: 'application/pdf', size: 10, addedAt: now.toISOString() });
    await queueSignedRequest(db, { requestId: id, signedXml: `<request id="${id}"/>`, signer, attachments: [{ sha256, fileName: 'scan.pdf', mimeType: 'application/pdf' }], operatorId: 'op-1', now: now.getTime() });
  }
  return { db, documents };
}

const ids = ['0191d2b4-5c1e-7a2b-9c3d-4e5f60718201', '0191d2b4-5c1e-7a2b-9c3d-4e5f60718202'];

describe('queue transfer', () => {
  it('moves unsent requests with their documents to a new workstation, queued again', async () => {
    const old = await workstationWithQueue(ids);
    const bundle = await exportQueue(old.db, { office, now, readDocument: old.documents.readDocument });
    expect(bundle.items).toHaveLength(2);

    const fresh = openTestDb();
    const documents = memoryDocuments();
    const result = await importQueue(fresh, JSON.parse(JSON.stringify(bundle)), { now, storeDocument: documents.storeDocument });
    expect(result).toEqual({ imported: 2, alreadyHere: 0 });
    expect((await fresh.outbox.toArray()).map((entry) => [entry.id, entry.state])).toEqual(ids.map((id) => [id, 'queued']));
    expect((await fresh.requests.get(ids[0]!))?.signedXml).toBe(`<request id="${ids[0]}"/>`);
    expect(documents.files.size).toBe(2);
    expect(await fresh.events.where('type').equals('queue.imported').count()).toBe(2);
  });

  it('never imports a request twice and never overwrites one already here', async () => {
    const old = await workstationWithQueue(ids);
    const bundle = await exportQueue(old.db, { office, now, readDocument: old.documents.readDocument });
    const fresh = openTestDb();
    const documents = memoryDocuments();
    await importQueue(fresh, bundle, { now, storeDocument: documents.storeDocument });
    expect(await importQueue(fresh, bundle, { now, storeDocument: documents.storeDocument })).toEqual({ imported: 0, alreadyHere: 2 });
    expect(await fresh.outbox.count()).toBe(2);
  });

  it('refuses a bundle whose file does not match its digest, importing nothing', async () => {
    const old = await workstationWithQueue(ids);
    const bundle = await exportQueue(old.db, { office, now, readDocument: old.documents.readDocument });
    const [first] = Object.keys(bundle.files);
    bundle.files[first!] = Buffer.from('altered').toString('base64');
    const fresh = openTestDb();
    await expect(importQueue(fresh, bundle, { now, storeDocument: memoryDocuments().storeDocument })).rejects.toMatchObject({ code: 'digestMismatch' });
    expect(await fresh.requests.count()).toBe(0);
  });

  it('leaves delivered requests out of the export', async () => {
    const old = await workstationWithQueue(ids);
    await old.db.outbox.update(ids[0]!, { state: 'submitted' });
    const bundle = await exportQueue(old.db, { office, now, readDocument: old.documents.readDocument });
    expect(bundle.items.map((item) => item.request.id)).toEqual([ids[1]]);
  });
});
