/**
 * Realistic local requests for the request list's end-to-end test and benchmark: Kazakh and Russian names, IINs and
 * BINs with valid check digits, a request every few minutes of working hours with its daily local number, and
 * registration numbers for what reached the gateway; written straight into the app's IndexedDB.
 */
import type { Page } from '@playwright/test';
import { bundledCatalog } from '../../shared/catalog/catalog';
import { almatyDate } from '../../shared/calendar/workingDays';
import { withCheckDigit } from '../../shared/identity/iin';
import { seededRandom } from '../../sandbox/seededRandom';
import type { RequestRow, RequestStatus } from '../../renderer/src/db/database';
import { createFieldCipher, fieldKeysFromBase64, type FieldCipher } from '../../renderer/src/db/fieldCrypto';
import { SEALED_COLUMN, sealRow } from '../../renderer/src/db/sealedFields';

const SURNAMES = [
  ['Сейітов', 'Сейітова'], ['Әлиев', 'Әлиева'], ['Нұрланов', 'Нұрланова'], ['Жұмабаев', 'Жұмабаева'], ['Ахметов', 'Ахметова'],
  ['Қасымов', 'Қасымова'], ['Омаров', 'Омарова'], ['Ибраев', 'Ибраева'], ['Бекмұханбетов', 'Бекмұханбетова'], ['Серікбаев', 'Серікбаева'],
  ['Оспанов', 'Оспанова'], ['Төлеуов', 'Төлеуова'], ['Ғабитов', 'Ғабитова'], ['Үсенов', 'Үсенова'], ['Іскаков', 'Іскакова'],
  ['Иванов', 'Иванова'], ['Петров', 'Петрова'], ['Фёдоров', 'Фёдорова'], ['Ким', 'Ким'], ['Смирнов', 'Смирнова'],
  ['Шевченко', 'Шевченко'], ['Ерғалиев', 'Ерғалиева'], ['Мұқанов', 'Мұқанова'], ['Байжанов', 'Байжанова'], ['Жақсылықов', 'Жақсылықова'],
] as const;
const GIVEN = [
  ['Асхат', 'Айгерім'], ['Ерлан', 'Әсел'], ['Нұрсұлтан', 'Гүлнар'], ['Дәурен', 'Жанар'], ['Бауыржан', 'Динара'],
  ['Иван', 'Ольга'], ['Сергей', 'Наталья'], ['Алексей', 'Ирина'], ['Тимур', 'Аружан'], ['Ғалым', 'Мөлдір'],
] as const;
const ORGANISATIONS = ['ЖШС «Дәрі-Дәрмек»', 'ТОО «Фармация Плюс»', 'ЖШС «Алтын Сапа»', 'ТОО «Медсервис»', 'ЖШС «Қазақ Дәрі»', 'ИП «Ёлкин»'];
/** Most requests end with a licence; some are refused at the window or still on their way. */
const STATUSES: [RequestStatus, number][] = [['completed', 0.6], ['submitted', 0.14], ['rejected', 0.05], ['queued', 0.03], ['needs_attention', 0.01], ['draft', 0.05], ['not_accepted', 0.12]];
const WITH_REGISTRATION = new Set<RequestStatus>(['completed', 'submitted', 'rejected']);
const MINUTE = 60_000;

export interface SeedOptions {
  count: number;
  officeCode: string;
  /** The newest request is taken this long before `now`. */
  now: number;
  seed?: number;
}

/** `count` requests, oldest first, the newest a few minutes before `now`. */
export function syntheticRequests({ count, officeCode, now, seed = 1 }: SeedOptions): RequestRow[] {
  const random = seededRandom(seed);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const hex = (length: number) => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
  const serviceIds = bundledCatalog.services.map((service) => service.id);
  // Going back from now in steps of 1–9 minutes; the whole run is then reversed into taking order.
  const moments: number[] = [];
  for (let at = now - 5 * MINUTE; moments.length < count; at -= (1 + Math.floor(random() * 9)) * MINUTE) moments.push(at);
  moments.reverse();
  const daySeq = new Map<string, number>();
  let registration = 0;
  return moments.map((at) => {
    const createdAt = new Date(at).toISOString();
    const day = almatyDate(at).replaceAll('-', '');
    const seq = (daySeq.get(day) ?? 0) + 1;
    daySeq.set(day, seq);
    const status = statusOf(random());
    const legalEntity = random() < 0.1;
    const applicant = legalEntity ? { surname: pick(ORGANISATIONS), givenName: '', patronymic: '' } : person(random, pick);
    const row: RequestRow = {
      id: `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
      localNumber: `${officeCode}-${day}-${String(seq).padStart(4, '0')}`,
      catalogVersion: bundledCatalog.version,
      serviceId: pick(serviceIds),
      requestKind: 'issue',
      operatorId: 'seeded',
      applicantIin: legalEntity ? binOf(random) : iinOf(random),
      applicant,
      form: { address: 'Алматы қ., Абай даңғылы, 10', phone: '+7 701 123 45 67' },
      status,
      createdAt,
      updatedAt: createdAt,
    };
    if (WITH_REGISTRATION.has(status)) row.registrationNumber = `KZ-EL-${createdAt.slice(0, 4)}-${String(++registration).padStart(6, '0')}`;
    return row;
  });
}

function statusOf(draw: number): RequestStatus {
  for (const [status, share] of STATUSES) {
    if (draw < share) return status;
    draw -= share;
  }
  return 'completed';
}

function person(random: () => number, pick: <T>(items: readonly T[]) => T) {
  const female = random() < 0.5 ? 1 : 0;
  const father = pick(GIVEN)[0];
  return { surname: pick(SURNAMES)[female], givenName: pick(GIVEN)[female], patronymic: female ? `${father}қызы` : `${father}ұлы` };
}

/** Born 1950–2005: YYMMDD, the century-and-sex digit, a serial, the check digit. */
function iinOf(random: () => number): string {
  for (;;) {
    const year = 1950 + Math.floor(random() * 56);
    const birth = `${String(year % 100).padStart(2, '0')}${String(1 + Math.floor(random() * 12)).padStart(2, '0')}${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    const iin = withCheckDigit(`${birth}${year < 2000 ? 3 + Math.floor(random() * 2) : 5 + Math.floor(random() * 2)}${String(Math.floor(random() * 10_000)).padStart(4, '0')}`);
    if (iin) return iin;
  }
}

/** Registered 2000–2025: YYMM, 4 (resident legal entity), 0 (head office), a serial, the check digit. */
function binOf(random: () => number): string {
  for (;;) {
    const bin = withCheckDigit(`${String(Math.floor(random() * 26)).padStart(2, '0')}${String(1 + Math.floor(random() * 12)).padStart(2, '0')}40${String(Math.floor(random() * 100_000)).padStart(5, '0')}`);
    if (bin) return bin;
  }
}

/** The workstation's own field cipher, from the keys its host hands the page (`vault.keys`), to seal rows and compute index keys as the app does. */
export async function workstationCipher(page: Page): Promise<FieldCipher> {
  const reply = await page.evaluate(async () => {
    const response = await fetch('/api/vault.keys', {
      method: 'POST',
      headers: { authorization: `Bearer ${sessionStorage.getItem('qabyl.bridgeToken') ?? ''}`, 'content-type': 'application/json' },
      body: '{}',
    });
    return (await response.json()) as { ok: boolean; value?: { fieldKeyBase64: string; indexKeyBase64: string } };
  });
  if (!reply.ok || !reply.value) throw new Error('vault.keys was refused');
  return createFieldCipher(fieldKeysFromBase64(reply.value));
}

/** Adds the rows to the app's own requests table (the page has opened it). */
export const seedRequests = (page: Page, rows: RequestRow[]) => seedTable(page, 'requests', rows);

/**
 * Adds rows to a table of the app's own database, a chunk per transaction as Dexie's bulkAdd does, sealed here as
 * the app's store seals them (`asStored` changes what is stored, e.g. to write rows as an older version did); the
 * seal crosses into the page as base64.
 */
export async function seedTable(page: Page, table: string, rows: object[], chunk = 5_000, asStored?: (stored: Record<string, unknown>, row: object, cipher: FieldCipher) => Record<string, unknown>): Promise<void> {
  const cipher = await workstationCipher(page);
  for (let start = 0; start < rows.length; start += chunk) {
    const sealed = rows.slice(start, start + chunk).map((row) => {
      const stored = asStored ? asStored(sealRow(table, row, cipher), row, cipher) : sealRow(table, row, cipher);
      const seal = stored[SEALED_COLUMN];
      return (seal instanceof Uint8Array ? { ...stored, [SEALED_COLUMN]: Buffer.from(seal).toString('base64') } : stored) as Record<string, unknown>;
    });
    await page.evaluate(
      ({ batch, column, table }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('qabyl');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(table, 'readwrite');
            const store = tx.objectStore(table);
            for (const row of batch) {
              const seal = row[column];
              store.add(typeof seal === 'string' ? { ...row, [column]: Uint8Array.from(atob(seal), (char) => char.charCodeAt(0)) } : row);
            }
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      { batch: sealed, column: SEALED_COLUMN, table },
    );
  }
}
