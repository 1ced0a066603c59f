import { Dexie } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { QabylDatabase, RequestRow } from './database';
import { createFieldCipher } from './fieldCrypto';
import { foldOne, NAME_FOLD, rekeyNamesIfFoldChanged } from './nameIndex';
import { classifyQuery, searchRequestIds } from './requestSearch';
import { sealRow } from './sealedFields';
import { requestIndexColumns } from './searchKeys';
import { draftRequest, openTestDb, testFieldKeys } from './testDb.testkit';

let db: QabylDatabase | undefined;
let raw: Dexie | undefined;
afterEach(() => {
  db?.close();
  raw?.close();
});

const requestId = '00000000-0000-4000-8000-000000000001';
const idOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A store as version 5 wrote it: rows sealed, the name's prefixes keyed under fold 1 (case and ё only). */
async function storeKeyedUnderFoldOne(name: string, rows: RequestRow[]) {
  raw = new Dexie(name, { indexedDB, IDBKeyRange });
  raw.version(5).stores({
    operators: 'id, &login',
    applicants: 'id, &iinKey',
    requests: 'id, localNumber, status, serviceId, createdAt, registrationNumber, *searchKeys, [iinKey+createdAt], handedOverAt, scansPurged.at',
    documents: 'id, requestId, sha256',
    outbox: 'id, state, nextAttemptAt, enqueuedAt, requestId',
    events: '++seq, requestId, at, type',
    surveys: 'requestId, day, serviceId',
    meta: 'key',
  });
  const cipher = createFieldCipher(testFieldKeys);
  await raw.table('requests').bulkAdd(rows.map((row) => ({ ...sealRow('requests', row, cipher), ...requestIndexColumns(row, cipher, foldOne) })));
  raw.close();
}

describe('rekeyNamesIfFoldChanged', () => {
  it('re-keys rows written under the old fold, so either spelling finds a stored name, and changes nothing else', async () => {
    const name = `qabyl-fold1-${Date.now()}`;
    const plain = draftRequest(requestId, { applicant: { surname: 'Жұмабаев', givenName: 'Қайрат', patronymic: '' } });
    await storeKeyedUnderFoldOne(name, [plain]);

    db = openTestDb(name);
    expect(await searchRequestIds(db, classifyQuery('Жумабаев'))).toEqual([]);
    expect(await rekeyNamesIfFoldChanged(db)).toBe(1);
    expect(await db.requests.get(requestId)).toEqual(plain);
    for (const text of ['Жұмабаев', 'ЖУМАБАЕВ', 'жумабаев кайрат', 'Жұмабаев Қ', plain.applicantIin, plain.applicantIin.slice(0, 6)]) {
      expect(await searchRequestIds(db, classifyQuery(text)), text).toEqual([requestId]);
    }
    // Recorded: the next start has nothing to do.
    expect(await rekeyNamesIfFoldChanged(db)).toBe(0);
  });

  it('re-keys a store larger than one batch, and a fresh store only records the fold', async () => {
    db = openTestDb();
    expect(await rekeyNamesIfFoldChanged(db)).toBe(0);
    expect((await db.meta.get('nameFold'))?.value).toBe(NAME_FOLD);
    db.close();

    const name = `qabyl-fold1-many-${Date.now()}`;
    const rows = Array.from({ length: 1_203 }, (_, i) => draftRequest(idOf(i), { applicant: { surname: 'Әбілқасымова', givenName: '', patronymic: '' } }));
    await storeKeyedUnderFoldOne(name, rows);
    db = openTestDb(name);
    expect(await rekeyNamesIfFoldChanged(db)).toBe(rows.length);
    expect((await searchRequestIds(db, classifyQuery('Абилкасымова'))).length).toBe(rows.length);
    expect((await searchRequestIds(db, classifyQuery('Әбілқасымова'))).length).toBe(rows.length);
  });
});
