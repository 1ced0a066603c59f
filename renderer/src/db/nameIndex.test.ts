import { Dexie } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { QabylDatabase, RequestRow } from './database';
import { createFieldCipher } from './fieldCrypto';
import { OLDER_LAYOUTS, rekeySearchKeysIfLayoutChanged, SEARCH_KEYS_VERSION } from './nameIndex';
import { classifyQuery, searchRequestIds } from './requestSearch';
import { sealRow } from './sealedFields';
import { requestIndexColumns, type SearchKeyLayout } from './searchKeys';
import { draftRequest, openTestDb, testFieldKeys } from './testDb.testkit';

let db: QabylDatabase | undefined;
let raw: Dexie | undefined;
afterEach(() => {
  db?.close();
  raw?.close();
});

const requestId = '00000000-0000-4000-8000-000000000001';
const idOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A store as schema version 5 wrote it: rows sealed, keyed under an older layout (fold 1 by default: case and ё only). */
async function storeKeyedUnder(name: string, rows: RequestRow[], layout: SearchKeyLayout = OLDER_LAYOUTS[1]) {
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
  await raw.table('requests').bulkAdd(rows.map((row) => ({ ...sealRow('requests', row, cipher), ...requestIndexColumns(row, cipher, layout) })));
  raw.close();
}

describe('rekeySearchKeysIfLayoutChanged', () => {
  it('re-keys rows written under the old fold, so either spelling finds a stored name, and changes nothing else', async () => {
    const name = `qabyl-fold1-${Date.now()}`;
    const plain = draftRequest(requestId, { applicant: { surname: 'Жұмабаев', givenName: 'Қайрат', patronymic: '' } });
    await storeKeyedUnder(name, [plain]);

    db = openTestDb(name);
    expect(await searchRequestIds(db, classifyQuery('Жумабаев'))).toEqual([]);
    expect(await rekeySearchKeysIfLayoutChanged(db)).toBe(1);
    expect(await db.requests.get(requestId)).toEqual(plain);
    for (const text of ['Жұмабаев', 'ЖУМАБАЕВ', 'жумабаев кайрат', 'Жұмабаев Қ', plain.applicantIin, plain.applicantIin.slice(0, 6)]) {
      expect(await searchRequestIds(db, classifyQuery(text)), text).toEqual([requestId]);
    }
    // Recorded: the next start has nothing to do.
    expect(await rekeySearchKeysIfLayoutChanged(db)).toBe(0);
  });

  it('re-keys a store larger than one batch, and a fresh store only records the fold', async () => {
    db = openTestDb();
    expect(await rekeySearchKeysIfLayoutChanged(db)).toBe(0);
    expect((await db.meta.get('nameFold'))?.value).toBe(SEARCH_KEYS_VERSION);
    db.close();

    const name = `qabyl-fold1-many-${Date.now()}`;
    const rows = Array.from({ length: 1_203 }, (_, i) => draftRequest(idOf(i), { applicant: { surname: 'Әбілқасымова', givenName: '', patronymic: '' } }));
    await storeKeyedUnder(name, rows);
    db = openTestDb(name);
    expect(await rekeySearchKeysIfLayoutChanged(db)).toBe(rows.length);
    expect((await searchRequestIds(db, classifyQuery('Абилкасымова'))).length).toBe(rows.length);
    expect((await searchRequestIds(db, classifyQuery('Әбілқасымова'))).length).toBe(rows.length);
  });

  it('re-keys rows of the previous layout (every name prefix from 2 letters, every IIN prefix) to the fewer keys of this one, found as before', async () => {
    const name = `qabyl-layout2-${Date.now()}`;
    const plain = draftRequest(requestId, { applicantIin: '900101300012', applicant: { surname: 'Бекмұханбетова', givenName: 'Айгерім', patronymic: 'Нұрсұлтанқызы' } });
    await storeKeyedUnder(name, [plain], OLDER_LAYOUTS[2]);
    const storedKeys = async () => ((await raw!.table('requests').get(requestId)) as { searchKeys: string[] }).searchKeys;
    raw!.open();
    expect(await storedKeys()).toHaveLength(15 + 8);
    raw!.close();

    db = openTestDb(name);
    expect(await rekeySearchKeysIfLayoutChanged(db)).toBe(1);
    expect(await db.requests.get(requestId)).toEqual(plain);
    raw!.open();
    // Name prefixes of 3 to 12 letters, IIN prefixes of 4, 5, 6, 8 and 10 digits.
    expect(await storedKeys()).toHaveLength(10 + 5);
    for (const text of ['бек', 'Бекмұханбетова', 'бекмуханбетова айг', '9001', '90010', '900101', '9001013', '90010130001', '900101300012']) {
      expect(await searchRequestIds(db, classifyQuery(text)), text).toEqual([requestId]);
    }
    for (const text of ['бекмуханбетова айгул', '90010130002', '9001014']) expect(await searchRequestIds(db, classifyQuery(text)), text).toEqual([]);
  });
});
