/**
 * Synthetic state registries for training and tests, deterministic so a trainer can plan a case in advance
 * (the rules are in the README's sandbox section):
 *  - ЖТ МДБ (individuals): every valid IIN is a person, except serial digits 8–11 = 0000 (absent). Names are
 *    picked by the IIN's hash, sex and birth date come from the IIN itself.
 *  - ЗТ МДБ (legal entities): every valid BIN is an entity, except digits 7–10 = 0000 (absent);
 *    digits 7–10 = 9999 is struck off (inactive).
 *  - ЕНИС powers of attorney: any 8-digit number not starting with 0, plus the fixed records below; last digit 9 =
 *    revoked, 8 = expired.
 *  - ЭҮТШ payments: any 10-digit reference not starting with 0, plus the fixed records below; last digit 7 = refunded.
 */
import { createHash } from 'node:crypto';
import type { IndividualRecord, LegalEntityRecord, PaymentRecord, PowerOfAttorney } from '../../shared/gateway/gatewayProtocol';
import { binProblem, decodeIin, withCheckDigit } from '../../shared/identity/iin';

const MALE_NAMES = ['Нұрлан', 'Ерлан', 'Асқар', 'Данияр', 'Бауыржан', 'Серік', 'Марат', 'Әлихан', 'Қайрат', 'Ержан'];
const FEMALE_NAMES = ['Айгүл', 'Гүлнар', 'Әсем', 'Жанар', 'Мәдина', 'Динара', 'Сәуле', 'Айжан', 'Ақмарал', 'Жұлдыз'];
/** Masculine forms; the feminine adds «а» (Әлиев → Әлиева). */
const SURNAMES = ['Әлиев', 'Серікбаев', 'Жұмабаев', 'Қасымов', 'Нұрланов', 'Оспанов', 'Төлеуов', 'Ахметов', 'Бекмұхамбетов', 'Сейітов'];
const CITIES = ['Астана қ.', 'Алматы қ.', 'Шымкент қ.', 'Қарағанды қ.', 'Ақтөбе қ.', 'Павлодар қ.'];
const STREETS = ['Абай даңғылы', 'Достық көшесі', 'Сәтпаев көшесі', 'Тәуелсіздік даңғылы', 'Қабанбай батыр даңғылы', 'Төле би көшесі'];
const COMPANY_WORDS = [['Алтын', 'Көк', 'Жарық', 'Ұлы', 'Сары', 'Жаңа'], ['Арқа', 'Жол', 'Құрылыс', 'Мұнай', 'Тау', 'Өрнек']] as const;

export const ABSENT_SERIAL = '0000';
export const INACTIVE_SERIAL = '9999';

/** Picks deterministically from a list by the bytes of sha256(`salt:key`). */
function picker(salt: string, key: string) {
  const digest = createHash('sha256').update(`${salt}:${key}`).digest();
  let index = 0;
  return {
    pick<T>(items: readonly T[]): T {
      return items[digest[index++ % digest.length]! % items.length]!;
    },
    number(max: number): number {
      return digest.readUInt32BE((index++ * 4) % 28) % max;
    },
  };
}

const address = (p: ReturnType<typeof picker>) => `${p.pick(CITIES)}, ${p.pick(STREETS)}, ${p.number(150) + 1}`;

/** A valid IIN of an adult, derived from `key`, for the people synthetic records name. */
export function syntheticIin(key: string): string {
  const p = picker('iin', key);
  const birth = `${String(p.number(30) + 60)}${String(p.number(12) + 1).padStart(2, '0')}${String(p.number(28) + 1).padStart(2, '0')}`;
  for (let serial = p.number(8000) + 1000; ; serial++) {
    const iin = withCheckDigit(`${birth}${p.pick(['3', '4'])}${serial}`);
    if (iin) return iin;
  }
}

export function individualByIin(iin: string): IndividualRecord | undefined {
  const facts = decodeIin(iin);
  if (!facts || iin.slice(7, 11) === ABSENT_SERIAL) return undefined;
  const p = picker('person', iin);
  const female = facts.sex === 'female';
  const father = p.pick(MALE_NAMES);
  return {
    iin,
    surname: p.pick(SURNAMES) + (female ? 'а' : ''),
    givenName: p.pick(female ? FEMALE_NAMES : MALE_NAMES),
    patronymic: father + (female ? 'қызы' : 'ұлы'),
    birthDate: facts.birthDate,
    address: address(p),
  };
}

export function legalEntityByBin(bin: string): LegalEntityRecord | undefined {
  if (binProblem(bin) !== null || bin.slice(6, 10) === ABSENT_SERIAL) return undefined;
  const p = picker('entity', bin);
  const yy = Number(bin.slice(0, 2));
  return {
    bin,
    name: `«${p.pick(COMPANY_WORDS[0])} ${p.pick(COMPANY_WORDS[1])}» ЖШС`,
    registeredAt: `${yy < 50 ? 2000 + yy : 1900 + yy}-${bin.slice(2, 4)}-01`,
    headIin: syntheticIin(`head:${bin}`),
    address: address(p),
    active: bin.slice(6, 10) !== INACTIVE_SERIAL,
  };
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Fixed records a trainer can name without computing anything. */
const FIXED_POWERS_OF_ATTORNEY: readonly PowerOfAttorney[] = [
  { number: 'TRN-POA-1', principal: '850515300016', agentIin: syntheticIin('agent:TRN-POA-1'), notary: 'Нотариус Сейітова Ә.', issuedAt: '2026-01-15', validUntil: '2029-01-15', revoked: false },
  { number: 'TRN-POA-2', principal: '850515300016', agentIin: syntheticIin('agent:TRN-POA-2'), notary: 'Нотариус Сейітова Ә.', issuedAt: '2025-03-01', validUntil: '2028-03-01', revoked: true },
];

export function powerOfAttorneyByNumber(number: string): PowerOfAttorney | undefined {
  const fixed = FIXED_POWERS_OF_ATTORNEY.find((record) => record.number === number);
  if (fixed) return fixed;
  if (!/^[1-9]\d{7}$/.test(number)) return undefined;
  const p = picker('poa', number);
  const issued = Date.UTC(2025, 0, 1) + (Number(number) % 365) * DAY_MS;
  const expired = number.endsWith('8');
  return {
    number,
    principal: syntheticIin(`principal:${number}`),
    agentIin: syntheticIin(`agent:${number}`),
    notary: `Нотариус ${p.pick(SURNAMES)} ${p.pick(MALE_NAMES).charAt(0)}.`,
    issuedAt: isoDay(issued),
    // Expired ones ran out in 2025, so the verdict does not depend on when the sandbox is asked.
    validUntil: isoDay(issued + (expired ? 30 : 3 * 365) * DAY_MS),
    revoked: number.endsWith('9'),
  };
}

/** Valid on `day` (YYYY-MM-DD): not revoked and not past its end. */
export const powerOfAttorneyInForce = (record: PowerOfAttorney, day: string) => !record.revoked && record.validUntil >= day;

const LICENSE_FEE = 'Лицензиялық алым';

const FIXED_PAYMENTS: readonly PaymentRecord[] = [
  { reference: 'TRN-PAY-1', payer: '850515300016', amountTiyn: 1_966_000, purpose: LICENSE_FEE, paidAt: '2026-11-20T09:15:00.000Z', status: 'paid' },
  { reference: 'TRN-PAY-2', payer: '850515300016', amountTiyn: 1_966_000, purpose: LICENSE_FEE, paidAt: '2026-10-02T11:40:00.000Z', status: 'refunded' },
];

export function paymentByReference(reference: string): PaymentRecord | undefined {
  const fixed = FIXED_PAYMENTS.find((record) => record.reference === reference);
  if (fixed) return fixed;
  if (!/^[1-9]\d{9}$/.test(reference)) return undefined;
  const n = Number(reference);
  return {
    reference,
    payer: syntheticIin(`payer:${reference}`),
    // Multiples of a 3 932 ₸ monthly calculation index, in tiyn.
    amountTiyn: ((n % 20) + 1) * 393_200,
    purpose: LICENSE_FEE,
    paidAt: new Date(Date.UTC(2026, 0, 1) + (n % 300) * DAY_MS).toISOString(),
    status: reference.endsWith('7') ? 'refunded' : 'paid',
  };
}

