import { Dexie } from 'dexie';
import fc from 'fast-check';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { newOutboxEntry } from '../../../shared/sync/outbox';
import type { QabylDatabase } from './database';
import { queueSignedRequest } from './requestQueue';
import { classifyQuery, loadRequests, searchRequestIds } from './requestSearch';
import { SEALED_COLUMN } from './sealedFields';
import { foldName } from './searchKeys';
import { attachment, draftRequest, openTestDb, signer } from './testDb.testkit';

const IIN = '900101300012';
const SURNAME = 'Сейітов';
/** Every personal value written below; none may be found in the raw store. */
const PERSONAL = [IIN, SURNAME, 'сейітов', 'Асхат', 'Маратұлы', 'Абай даңғылы', 'ОПЕРАТОР ТЕСТ', signer.iin, 'Жанар Оспанова', 'Сейітов паспорт.pdf', '<SignedRequest'];

let db: QabylDatabase | undefined;
const opened: Dexie[] = [];
afterEach(() => {
  db?.close();
  for (const raw of opened.splice(0)) raw.close();
});

const requestId = '00000000-0000-4000-8000-000000000001';

/** The same database opened without the middleware: what a copy of the IndexedDB files would show. */
async function rawTables(name: string): Promise<Record<string, unknown[]>> {
  const raw = new Dexie(name, { indexedDB, IDBKeyRange });
  opened.push(raw);
  await raw.open();
  const tables: Record<string, unknown[]> = {};
  for (const table of raw.tables) tables[table.name] = await table.toArray();
  return tables;
}

/** JSON of the rows with every byte array read as text, so plaintext inside a blob would show too. */
const asText = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v));

async function seedEverything(target: QabylDatabase): Promise<void> {
  await target.operators.add({ id: 'op-1', login: 'zhanar', fullName: 'Жанар Оспанова', iin: signer.iin, role: 'operator', createdAt: '2026-03-14T05:00:00.000Z' });
  await target.applicants.add({ id: 'a-1', iin: IIN, surname: SURNAME, givenName: 'Асхат', patronymic: 'Маратұлы', verified: true, updatedAt: '2026-03-14T05:00:00.000Z' });
  await target.requests.add(draftRequest(requestId));
  await target.documents.add({ id: 'd-1', requestId, sha256: attachment.sha256, fileName: 'Сейітов паспорт.pdf', mimeType: 'application/pdf', size: 10, addedAt: '2026-03-14T05:00:00.000Z' });
  await target.events.add({ requestId, at: '2026-03-14T05:00:00.000Z', type: 'document.attached', data: { fileName: 'Сейітов паспорт.pdf' } });
  await queueSignedRequest(target, { requestId, signedXml: `<SignedRequest iin="${IIN}">${SURNAME}</SignedRequest>`, signer, attachments: [attachment], operatorId: 'op-1', now: Date.now() });
}

describe('sealed personal fields', () => {
  it('leaves no IIN, name, address, signer, file name or signed XML in the raw store, and reads back plain rows', async () => {
    db = openTestDb();
    await seedEverything(db);
    const raw = await rawTables(db.name);
    const text = asText(raw);
    for (const value of PERSONAL) expect(text, value).not.toContain(value);
    // What stays plain is what the queue, the filters and the indexes need.
    expect(raw.requests![0]).toMatchObject({ id: requestId, status: 'queued', serviceId: 'pharmacy-license', createdAt: '2025-03-14T05:00:00.000Z' });
    expect(raw.documents![0]).toMatchObject({ sha256: attachment.sha256, requestId });
    expect(raw.outbox![0]).toMatchObject({ id: requestId, state: 'queued' });

    const request = await db.requests.get(requestId);
    expect(request).toMatchObject({ applicantIin: IIN, applicant: { surname: SURNAME }, form: { address: 'Алматы, Абай даңғылы 10' }, signer, status: 'queued' });
    expect(request).not.toHaveProperty(SEALED_COLUMN);
    expect(request).not.toHaveProperty('searchKeys');
    expect((await db.outbox.get(requestId))?.payload.signedXml).toContain(SURNAME);
    expect((await db.documents.toArray())[0]?.fileName).toBe('Сейітов паспорт.pdf');
    expect((await db.events.where('type').equals('document.attached').first())?.data).toEqual({ fileName: 'Сейітов паспорт.pdf' });
    expect(await db.applicants.get('a-1')).toMatchObject({ iin: IIN, surname: SURNAME });
    expect(await db.operators.get('op-1')).toMatchObject({ login: 'zhanar', fullName: 'Жанар Оспанова', iin: signer.iin });
    // Through cursors (filter, each) as through get.
    expect(await db.requests.filter((row) => row.applicant.surname === SURNAME).count()).toBe(1);
  });

  it('whatever the name and IIN, reads back what was written, finds it by IIN and surname, and stores neither', async () => {
    const cyrillicWord = fc.string({ unit: fc.constantFrom(...'абвгдеёжзийклмнопрстуфхцчшщыэюяәғқңөұүһіАӘБҒҚҢӨҰҮІЁ'), minLength: 4, maxLength: 24 });
    const applicant = fc.record({ surname: cyrillicWord, givenName: fc.oneof(cyrillicWord, fc.constant('')), patronymic: fc.oneof(cyrillicWord, fc.constant('')) });
    const iin = fc.stringMatching(/^\d{12}$/);
    await fc.assert(
      fc.asyncProperty(applicant, iin, async (name, applicantIin) => {
        db?.close();
        db = openTestDb();
        const row = draftRequest(requestId, { applicant: name, applicantIin, form: { surname: name.surname, iin: applicantIin } });
        await db.requests.add(row);
        expect(await db.requests.get(requestId)).toEqual(row);
        expect(await searchRequestIds(db, classifyQuery(applicantIin))).toEqual([requestId]);
        expect(await searchRequestIds(db, classifyQuery(applicantIin.slice(0, 7)))).toEqual([requestId]);
        expect(await searchRequestIds(db, classifyQuery(name.surname))).toEqual([requestId]);
        const text = asText(await rawTables(db.name));
        for (const value of [applicantIin, name.surname, foldName(name.surname)]) expect(text).not.toContain(value);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps the applicant IIN unique through its blind index', async () => {
    db = openTestDb();
    await db.applicants.add({ id: 'a-1', iin: IIN, surname: SURNAME, givenName: '', patronymic: '', verified: false, updatedAt: '' });
    await expect(db.applicants.add({ id: 'a-2', iin: IIN, surname: 'Басқа', givenName: '', patronymic: '', verified: false, updatedAt: '' })).rejects.toThrow();
  });

  it('writes updates sealed, and the search finds the new name and not the old', async () => {
    db = openTestDb();
    await db.requests.add(draftRequest(requestId));
    await db.requests.update(requestId, { applicant: { surname: 'Әлиева', givenName: 'Әсел', patronymic: '' }, applicantIin: '900102400023' });
    const found = async (text: string) => (await loadRequests(db!, await searchRequestIds(db!, classifyQuery(text)))).map((row) => row.id);
    expect(await found('әли')).toEqual([requestId]);
    expect(await found('сейіт')).toEqual([]);
    expect(await found('900102400023')).toEqual([requestId]);
    expect(asText(await rawTables(db.name))).not.toContain('Әлиева');
  });

  it('refuses a row whose seal was changed or moved onto another row', async () => {
    db = openTestDb();
    const otherId = '00000000-0000-4000-8000-000000000002';
    await db.requests.bulkAdd([draftRequest(requestId), draftRequest(otherId, { applicant: { surname: 'Басқа', givenName: '', patronymic: '' } })]);
    db.close();
    const raw = new Dexie(db.name, { indexedDB, IDBKeyRange });
    opened.push(raw);
    await raw.open();
    const rows = raw.table('requests');
    const sealedOf = async (id: string) => ((await rows.get(id)) as Record<string, Uint8Array>)[SEALED_COLUMN]!;
    // The other applicant's blob put onto this request: it carries the other id, so it does not open here.
    await rows.update(requestId, { [SEALED_COLUMN]: await sealedOf(otherId) });
    const flipped = (await sealedOf(otherId)).slice();
    flipped[30]! ^= 1;
    await rows.update(otherId, { [SEALED_COLUMN]: flipped });
    raw.close();

    db = openTestDb(db.name);
    await expect(db.requests.get(requestId)).rejects.toThrow();
    await expect(db.requests.get(otherId)).rejects.toThrow();
  });

  it('opens nothing with another workstation’s keys', async () => {
    db = openTestDb();
    await db.requests.add(draftRequest(requestId));
    db.close();
    db = openTestDb(db.name, { fieldKey: crypto.getRandomValues(new Uint8Array(32)), indexKey: crypto.getRandomValues(new Uint8Array(32)) });
    await expect(db.requests.get(requestId)).rejects.toThrow();
    expect(await searchRequestIds(db, classifyQuery(IIN))).toEqual([]);
  });

  it('seals version 4 rows in the upgrade and drops the plaintext indexes, keeping every row searchable', async () => {
    const name = `qabyl-v4-${Date.now()}`;
    const v4 = new Dexie(name, { indexedDB, IDBKeyRange });
    v4.version(1).stores({ operators: 'id, &login, iin', applicants: 'id, &iin', requests: 'id, localNumber, status, applicantIin, serviceId, createdAt, registrationNumber', documents: 'id, requestId, sha256', outbox: 'id, state, nextAttemptAt, enqueuedAt, requestId', events: '++seq, requestId, at, type', meta: 'key' });
    v4.version(2).stores({});
    v4.version(3).stores({ requests: 'id, localNumber, status, applicantIin, serviceId, createdAt, registrationNumber, nameKey, [applicantIin+createdAt]' });
    v4.version(4).stores({ surveys: 'requestId, day, serviceId' });
    opened.push(v4);
    const signedXml = `<SignedRequest>${SURNAME}</SignedRequest>`;
    const plainRequest = { ...draftRequest(requestId, { status: 'queued', signedXml, signer }), nameKey: 'сейітов асхат маратұлы' };
    await v4.table('requests').add(plainRequest);
    await v4.table('operators').add({ id: 'op-1', login: 'zhanar', fullName: 'Жанар Оспанова', iin: signer.iin, role: 'operator', createdAt: '' });
    await v4.table('applicants').add({ id: 'a-1', iin: IIN, surname: SURNAME, givenName: 'Асхат', patronymic: 'Маратұлы', verified: true, updatedAt: '' });
    await v4.table('documents').add({ id: 'd-1', requestId, sha256: attachment.sha256, fileName: 'Сейітов паспорт.pdf', mimeType: 'application/pdf', size: 10, addedAt: '' });
    await v4.table('outbox').add(newOutboxEntry({ id: requestId, requestId, now: 1, payload: { signedXml, attachments: [{ ...attachment, fileName: 'Сейітов паспорт.pdf' }] } }));
    await v4.table('events').add({ requestId, at: '', type: 'document.attached', data: { fileName: 'Сейітов паспорт.pdf' } });
    v4.close();

    db = openTestDb(name);
    const { nameKey: _dropped, ...expected } = plainRequest;
    expect(await db.requests.get(requestId)).toEqual(expected);
    expect(await searchRequestIds(db, classifyQuery('СЕЙІТ'))).toEqual([requestId]);
    expect(await searchRequestIds(db, classifyQuery(IIN))).toEqual([requestId]);
    expect(await searchRequestIds(db, classifyQuery('900101'))).toEqual([requestId]);
    expect((await db.outbox.get(requestId))?.payload.attachments[0]?.fileName).toBe('Сейітов паспорт.pdf');

    const raw = await rawTables(name);
    for (const value of PERSONAL) expect(asText(raw), value).not.toContain(value);
    expect(raw.requests![0]).not.toHaveProperty('nameKey');
    const rawDb = opened.at(-1)!;
    expect(rawDb.table('requests').schema.indexes.map((index) => index.name).sort()).toEqual(['[iinKey+createdAt]', 'createdAt', 'handedOverAt', 'localNumber', 'registrationNumber', 'scansPurged.at', 'searchKeys', 'serviceId', 'status']);
    expect(rawDb.table('applicants').schema.indexes.map((index) => index.name)).toEqual(['iinKey']);
    expect(rawDb.table('operators').schema.indexes.map((index) => index.name)).toEqual(['login']);
  });
});
