import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { exportStoredRows, importStoredRows, mayRestoreInto } from './backupRows';
import type { FieldKeys } from './fieldCrypto';
import { draftRequest, openTestDb } from './testDb.testkit';

const dependencies = { indexedDB, IDBKeyRange };
const keys = (): FieldKeys => ({ fieldKey: crypto.getRandomValues(new Uint8Array(32)), indexKey: crypto.getRandomValues(new Uint8Array(32)) });

describe('backup rows', () => {
  it('moves every row as stored (still sealed) and opens them with the travelling key on the new workstation', async () => {
    const keysA = keys();
    const a = openTestDb('backup-a', keysA);
    const requests = Array.from({ length: 1200 }, (_, index) => draftRequest(`00000000-0000-4000-8000-${String(index).padStart(12, '0')}`));
    await a.requests.bulkAdd(requests);
    await a.events.add({ requestId: requests[0]!.id, at: '2025-03-14T05:00:00.000Z', type: 'request.created', data: { fileName: 'Сейітов паспорт.pdf' } });
    await a.meta.put({ key: 'databaseId', value: 'db-of-a' });

    const pages: { table: string; rowsJson: string }[] = [];
    const progress: number[] = [];
    const sent = await exportStoredRows({ name: 'backup-a', dependencies }, async (table, rowsJson) => void pages.push({ table, rowsJson }), (rows) => progress.push(rows));
    expect(sent).toBe(1202);
    expect(progress.at(-1)).toBe(1202);
    expect(pages.filter((page) => page.table === 'requests').length).toBeGreaterThan(0);
    // Personal fields never leave in the clear.
    expect(pages.some((page) => page.rowsJson.includes('Сейітов'))).toBe(false);

    const b = openTestDb('backup-b', keys());
    await b.open();
    expect(await mayRestoreInto({ name: 'backup-a', dependencies })).toBe(false);
    expect(await mayRestoreInto({ name: 'backup-b', dependencies })).toBe(true);
    await b.meta.put({ key: 'databaseId', value: 'db-of-b' });
    b.close();

    const tables = [...new Set(pages.map((page) => page.table))];
    const pageOf = async (table: string, page: number) => {
      const ofTable = pages.filter((candidate) => candidate.table === table);
      return { rowsJson: ofTable[page]!.rowsJson, done: page === ofTable.length - 1 };
    };
    expect(await importStoredRows({ name: 'backup-b', dependencies }, tables, pageOf)).toBe(1202);

    // After the reload the app opens the database with the restored data key's field keys.
    const restored = openTestDb('backup-b', keysA);
    expect(await restored.requests.count()).toBe(1200);
    expect(await restored.requests.get(requests[7]!.id)).toMatchObject({ applicant: requests[7]!.applicant, applicantIin: requests[7]!.applicantIin });
    expect((await restored.events.toArray())[0]?.data).toEqual({ fileName: 'Сейітов паспорт.pdf' });
    expect((await restored.meta.get('databaseId'))?.value).toBe('db-of-a');
    expect(await mayRestoreInto({ name: 'backup-b', dependencies })).toBe(false);
    restored.close();
    a.close();
  });
});
