import { afterEach, describe, expect, it } from 'vitest';
import { APPLICANT_LEGAL_ENTITY } from '../../../shared/forms/catalogForms';
import { applicantColumns } from '../features/requests/requestDrafts';
import type { QabylDatabase, RequestRow } from './database';
import { classifyQuery, countAcceptedOnDay, isTooShort, loadRequests, readNewestFirst, searchRequestIds, type RequestFilters } from './requestSearch';
import { foldName } from './searchKeys';
import { draftRequest, openTestDb } from './testDb.testkit';

let db: QabylDatabase;
afterEach(() => db?.close());

/** A request taken at `createdAt`. */
function request(n: number, overrides: Partial<RequestRow> & { createdAt: string }): RequestRow {
  return draftRequest(`00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, { localNumber: `ALM-07-20260314-${String(n).padStart(4, '0')}`, ...overrides });
}

const person = (surname: string, givenName = 'Асхат') => ({ surname, givenName, patronymic: '' });

const rows = [
  request(1, { createdAt: '2026-03-13T18:59:59.000Z', applicantIin: '900101300012', applicant: person('Сейітов'), status: 'completed', registrationNumber: 'KZ-EL-2026-000001' }),
  request(2, { createdAt: '2026-03-13T19:00:00.000Z', applicantIin: '900101300012', applicant: person('Сейітов'), status: 'queued', serviceId: 'other' }),
  request(3, { createdAt: '2026-03-14T05:00:00.000Z', applicantIin: '900102400023', applicant: person('Әлиева', 'Әсел'), status: 'queued', registrationNumber: 'KZ-EL-2026-000002' }),
  request(4, { createdAt: '2026-03-14T06:00:00.000Z', applicantIin: '850505300034', applicant: person('Фёдоров', 'Иван'), status: 'draft' }),
  request(5, { createdAt: '2026-03-14T07:00:00.000Z', applicantIin: '900101300012', applicant: person('Сейітов'), status: 'not_accepted' }),
  request(6, { createdAt: '2026-03-15T07:00:00.000Z', applicantIin: '040840001234', applicant: person('ІЛИЯС ЖАНСҮГІРОВ АТЫНДАҒЫ ЖШС', ''), status: 'submitted', registrationNumber: 'KZ-EL-2026-000010' }),
];

/** Local numbers of the matches, in the order the list shows them. */
async function search(text: string, filters: RequestFilters = {}): Promise<string[]> {
  const found = await loadRequests(db, await searchRequestIds(db, classifyQuery(text), filters));
  return found.map((row) => row.localNumber.slice(-2));
}

async function seeded(): Promise<QabylDatabase> {
  db = openTestDb();
  await db.requests.bulkAdd(rows);
  return db;
}

describe('classifyQuery', () => {
  it('tells IIN, name, local number and registration number apart', () => {
    expect(classifyQuery('  ')).toEqual({ kind: 'all' });
    expect(classifyQuery('900101300012')).toEqual({ kind: 'iin', digits: '900101300012', exact: true });
    expect(classifyQuery('900101 3000')).toEqual({ kind: 'iin', digits: '9001013000', exact: false });
    expect(classifyQuery('Сейіт')).toEqual({ kind: 'name', prefix: 'сейит' });
    expect(classifyQuery('Петрова-Водкина')).toEqual({ kind: 'name', prefix: 'петрова-водкина' });
    expect(classifyQuery('kz-el-2026')).toEqual({ kind: 'registrationNumber', prefix: 'KZ-EL-2026' });
    expect(classifyQuery('alm-07-2026')).toEqual({ kind: 'localNumber', prefix: 'ALM-07-2026' });
  });
});

describe('foldName', () => {
  it('folds Kazakh and Russian case, ё as е, spacing and decomposed letters', () => {
    expect(foldName('ФЁДОРОВ  Пётр')).toBe('федоров петр');
    expect(foldName('И\u0306ОЛДАСБЕ\u0308К')).toBe('йолдасбек');
  });

  it('spells each Kazakh letter as a Russian keyboard types it, and a Latin i as и', () => {
    expect(foldName('ӘЛІ ҰЛЫ Ғабит Қоңыр Өмір Үміт Һ')).toBe('али улы габит коныр омир умит х');
    expect(foldName('Жұмабаев')).toBe(foldName('Жумабаев'));
    expect(foldName('Сейітов')).toBe(foldName('Сейiтов'));
    expect(foldName('Сейітов')).toBe(foldName('СЕЙИТОВ'));
    // Letter for letter: every prefix of a name folds to a prefix of its key.
    expect(foldName('Әбілқасым').length).toBe('Әбілқасым'.length);
  });

  // The draft writer no longer stores a folded name (it would be plaintext at rest); the store derives blind keys from `applicant`.
  it('takes the organisation name as the surname of a legal entity, which the name search then finds', async () => {
    expect(applicantColumns({ applicantType: APPLICANT_LEGAL_ENTITY, organisationName: 'ЖШС «Дәрі»', bin: '040840001234' })).toEqual({
      applicantIin: '040840001234',
      applicant: { surname: 'ЖШС «Дәрі»', givenName: '', patronymic: '' },
    });
    db = openTestDb();
    await db.requests.add(request(1, { createdAt: '2026-03-14T05:00:00.000Z', ...applicantColumns({ applicantType: APPLICANT_LEGAL_ENTITY, organisationName: 'ЖШС «Дәрі»', bin: '040840001234' }) }));
    expect(await search('жшс «дә')).toEqual(['01']);
  });
});

describe('searchRequestIds', () => {
  it('lists everything newest first when there is no query', async () => {
    await seeded();
    expect(await search('')).toEqual(['06', '05', '04', '03', '02', '01']);
  });

  it('finds an IIN exactly at 12 digits and by prefix below, newest first', async () => {
    await seeded();
    expect(await search('900101300012')).toEqual(['05', '02', '01']);
    expect(await search('90010')).toEqual(['05', '03', '02', '01']);
    expect(await search('9001013000')).toEqual(['05', '02', '01']);
    expect(await search('90010130001')).toEqual(['05', '02', '01']);
    expect(await search('900101300013')).toEqual([]);
  });

  it('finds a name by its prefix in any case of Kazakh and Russian letters', async () => {
    await seeded();
    expect(await search('СЕЙІТ')).toEqual(['05', '02', '01']);
    expect(await search('сейiт')).toEqual(['05', '02', '01']); // a Latin i for і
    expect(await search('СЕЙИТОВ')).toEqual(['05', '02', '01']); // и, as a Russian keyboard types і
    expect(await search('Алиева Асел')).toEqual(['03']);
    expect(await search('илияс жансугиров')).toEqual(['06']);
    expect(await search('әли')).toEqual(['03']);
    expect(await search('ӘЛИЕВА ӘС')).toEqual(['03']);
    expect(await search('федор')).toEqual(['04']);
    expect(await search('Фёд')).toEqual(['04']);
    expect(await search('ілияс')).toEqual(['06']);
    expect(await search('Асхат')).toEqual([]); // a given name alone is not a surname prefix
  });

  it('finds local and registration numbers by prefix', async () => {
    await seeded();
    expect(await search('alm-07-20260314-0003')).toEqual(['03']);
    expect(await search('ALM-07-20260314-000')).toEqual(['06', '05', '04', '03', '02', '01']);
    expect(await search('KZ-EL-2026-00000')).toEqual(['03', '01']);
    expect(await search('kz-el-2026-000010')).toEqual(['06']);
  });

  it('filters by status, service and Almaty days, alone and with a key', async () => {
    await seeded();
    expect(await search('', { status: 'queued' })).toEqual(['03', '02']);
    expect(await search('', { serviceId: 'other' })).toEqual(['02']);
    // 2026-03-14 in Almaty (UTC+5) begins at 2026-03-13T19:00Z.
    expect(await search('', { fromDay: '2026-03-14', toDay: '2026-03-14' })).toEqual(['05', '04', '03', '02']);
    expect(await search('', { toDay: '2026-03-13' })).toEqual(['01']);
    expect(await search('', { fromDay: '2026-03-15' })).toEqual(['06']);
    expect(await search('900101300012', { fromDay: '2026-03-14' })).toEqual(['05', '02']);
    expect(await search('9001', { fromDay: '2026-03-14', toDay: '2026-03-14', status: 'queued' })).toEqual(['03', '02']);
    expect(await search('сейітов', { status: 'queued', serviceId: 'other' })).toEqual(['02']);
    expect(await search('KZ-EL', { fromDay: '2026-03-14', status: 'submitted' })).toEqual(['06']);
  });

  it('puts a request written after the order was read first', async () => {
    await seeded();
    const newest = await readNewestFirst(db);
    await db.requests.add(request(7, { createdAt: '2026-03-16T07:00:00.000Z', applicant: person('Сейітова') }));
    const found = await loadRequests(db, await searchRequestIds(db, classifyQuery('сейіт'), {}, newest));
    expect(found.map((row) => row.localNumber.slice(-2))).toEqual(['07', '05', '02', '01']);
  });

  it('filters a broad match set through the filters’ own indexes, with the same answer', async () => {
    db = openTestDb();
    const many = Array.from({ length: 2_500 }, (_, i) =>
      request(100 + i, { createdAt: new Date(Date.UTC(2026, 2, 1) + i * 60_000).toISOString(), applicantIin: `9001${String(i).padStart(8, '0')}`, status: i % 3 === 0 ? 'queued' : 'completed' }),
    );
    await db.requests.bulkAdd(many);
    const newestFirst = (keep: (row: RequestRow) => boolean) => many.filter(keep).map((row) => row.id).reverse();
    expect(await searchRequestIds(db, classifyQuery('9001'), { status: 'queued' })).toEqual(newestFirst((row) => row.status === 'queued'));
    // 2026-03-02 in Almaty begins at 2026-03-01T19:00Z.
    expect(await searchRequestIds(db, classifyQuery(''), { status: 'queued', fromDay: '2026-03-02' })).toEqual(
      newestFirst((row) => row.status === 'queued' && row.createdAt >= '2026-03-01T19:00:00.000Z'),
    );
  });
});

describe('countAcceptedOnDay', () => {
  it('counts the Almaty day’s requests that were accepted, not drafts or refusals', async () => {
    await seeded();
    expect(await countAcceptedOnDay(db, '2026-03-14')).toBe(2);
    expect(await countAcceptedOnDay(db, '2026-03-13')).toBe(1);
  });
});

describe('blind prefixes', () => {
  it('needs three letters or four digits, and checks a name or IIN between or past the keyed prefixes on the opened rows', async () => {
    db = openTestDb();
    await db.requests.bulkAdd([
      request(1, { createdAt: '2026-03-14T05:00:00.000Z', applicant: { surname: 'Бекмұханбетова', givenName: 'Айгерім', patronymic: 'Нұрсұлтанқызы' } }),
      request(2, { createdAt: '2026-03-14T06:00:00.000Z', applicant: { surname: 'Бекмұханбетова', givenName: 'Айгүл', patronymic: '' } }),
    ]);
    expect(await search('б')).toEqual([]);
    expect(await search('900')).toEqual([]);
    expect(['б', '900', 'бе', 'бек', '9001', '', 'KZ', 'ALM-0'].map((text) => isTooShort(classifyQuery(text)))).toEqual([true, true, true, false, false, false, false, false]);
    expect(await search('бе')).toEqual([]);
    expect(await search('9001')).toEqual(['02', '01']);
    expect(await search('бекмұханбет')).toEqual(['02', '01']); // 11 letters: the index alone
    expect(await search('бекмұханбетова а')).toEqual(['02', '01']);
    expect(await search('бекмұханбетова айгер')).toEqual(['01']);
    expect(await search('бекмұханбетова айгүл')).toEqual(['02']);
    expect(await search('бекмұханбетова айгүлз')).toEqual([]);
    // The long-name check folds the opened rows the same way as the query.
    expect(await search('бекмуханбетова айгул')).toEqual(['02']);
    // Past the indexed prefix the filters are checked on the same opened rows.
    expect(await search('бекмұханбетова айг', { fromDay: '2026-03-14', toDay: '2026-03-14' })).toEqual(['02', '01']);
    await db.requests.update('00000000-0000-4000-8000-000000000001', { status: 'queued' });
    expect(await search('бекмұханбетова айг', { status: 'queued' })).toEqual(['01']);
    // IIN prefixes are keyed at 4, 5, 6, 8 and 10 digits; the digits between are checked on the rows the shorter key finds.
    await db.requests.update('00000000-0000-4000-8000-000000000002', { applicantIin: '900112400023' });
    expect(await search('90011')).toEqual(['02']);
    expect(await search('9001013')).toEqual(['01']);
    expect(await search('90010130001')).toEqual(['01']);
    expect(await search('90010130002')).toEqual([]);
    expect(await search('90011', { status: 'queued' })).toEqual([]);
  });
});
