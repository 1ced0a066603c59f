import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createScanBatches } from '../scanning/scanBatches';
import { openSealedFile, sealFile } from '../vault/sealedFile';
import { createDocumentStore } from './documentStore';
import { createStartupSweep } from './startupSweep';

const HOUR_AGO = new Date(Date.now() - 3_600_000);
const bytes = (text: string) => new TextEncoder().encode(text);

/** A workstation's stores with files from "the previous run" (dated an hour back) and a sweep for this run. */
async function setUp() {
  const root = await mkdtemp(join(tmpdir(), 'qabyl-sweep-'));
  const key = randomBytes(32);
  const sealer = { seal: (plain: Uint8Array, label: string) => sealFile(key, plain, label), open: (sealed: Uint8Array, label: string) => openSealedFile(key, sealed, label) };
  const documents = createDocumentStore(join(root, 'documents'), sealer);
  const scanBatches = createScanBatches({ folder: join(root, 'scans'), documents, sealer });
  const age = (path: string) => utimes(path, HOUR_AGO, HOUR_AGO);
  const pathOf = (sha256: string) => join(root, 'documents', sha256.slice(0, 2), sha256);
  // The sweep runs in the next run: its batches hold nothing of the last run in memory.
  const sweep = (startedAt: Date) =>
    createStartupSweep({ documents, scanBatches: createScanBatches({ folder: join(root, 'scans'), documents, sealer }), ownerFile: join(root, 'documents-owner.json'), startedAt, restoreMarker: join(root, 'restore-in-progress') });
  return { root, documents, scanBatches, age, pathOf, sweep };
}

describe('start-up sweep', () => {
  it('removes old unreferenced documents, torn temp files and abandoned batches, keeps the rest and names what is missing', async () => {
    const { root, documents, scanBatches, age, pathOf, sweep } = await setUp();
    const attached = await documents.put(bytes('attached scan'));
    const orphan = await documents.put(bytes('finished, never attached'));
    const torn = `${pathOf(orphan.sha256)}.a1b2c3.tmp`;
    await writeFile(torn, 'half');
    const kept = await scanBatches.open('text');
    const abandoned = await scanBatches.open('text');
    for (const path of [pathOf(attached.sha256), pathOf(orphan.sha256), torn, join(root, 'scans', kept.batchId), join(root, 'scans', abandoned.batchId)]) await age(path);
    const startedAt = new Date(Date.now() - 1_000);
    // This run's own work: newer than the start, so in flight and never touched.
    const fresh = await documents.put(bytes('being scanned now'));
    const absent = 'f'.repeat(64);

    const outcome = await sweep(startedAt)({ databaseId: randomUUID(), referenced: [attached.sha256, absent], openBatches: [kept.batchId] });

    expect(outcome).toEqual({ swept: true, removedDocuments: 2, removedBatches: 1, missing: [absent] });
    expect(Buffer.from(await documents.get(attached.sha256)).toString()).toBe('attached scan');
    expect(Buffer.from(await documents.get(fresh.sha256)).toString()).toBe('being scanned now');
    await expect(documents.get(orphan.sha256)).rejects.toMatchObject({ code: 'documents.notFound' });
    expect(await readdir(join(root, 'documents', orphan.sha256.slice(0, 2)))).not.toContain(torn.split('/').pop());
    expect(await readdir(join(root, 'scans'))).toEqual([kept.batchId]);
  });

  it('removes nothing while a restore is unfinished: its documents come before the rows that name them', async () => {
    const { root, documents, age, pathOf, sweep } = await setUp();
    const restored = await documents.put(bytes('restored, rows not read yet'));
    await age(pathOf(restored.sha256));
    await writeFile(join(root, 'restore-in-progress'), new Date().toISOString());
    const startedAt = new Date(Date.now() - 1_000);
    expect(await sweep(startedAt)({ databaseId: randomUUID(), referenced: [], openBatches: [] })).toMatchObject({ swept: false, removedDocuments: 0 });
    expect(Buffer.from(await documents.get(restored.sha256)).toString()).toBe('restored, rows not read yet');
  });

  it('a file stored again in this run counts as this run’s, though its bytes were there before', async () => {
    const { documents, age, pathOf, sweep } = await setUp();
    const again = await documents.put(bytes('the same receipt'));
    await age(pathOf(again.sha256));
    const startedAt = new Date(Date.now() - 1_000);
    await documents.put(bytes('the same receipt'));
    expect((await sweep(startedAt)({ databaseId: randomUUID(), referenced: [], openBatches: [] })).removedDocuments).toBe(0);
  });

  it('sweeps only for the database it first swept for: an empty browser profile removes nothing', async () => {
    const { documents, age, pathOf, sweep } = await setUp();
    const stored = await documents.put(bytes('a citizen’s passport scan'));
    await age(pathOf(stored.sha256));
    const run = sweep(new Date());
    const owner = randomUUID();
    expect((await run({ databaseId: owner, referenced: [stored.sha256], openBatches: [] })).swept).toBe(true);

    const stranger = await run({ databaseId: randomUUID(), referenced: [], openBatches: [] });
    expect(stranger).toEqual({ swept: false, removedDocuments: 0, removedBatches: 0, missing: [] });
    expect(Buffer.from(await documents.get(stored.sha256)).toString()).toBe('a citizen’s passport scan');
    expect((await run({ databaseId: owner, referenced: [], openBatches: [] })).removedDocuments).toBe(1);
  });
});
