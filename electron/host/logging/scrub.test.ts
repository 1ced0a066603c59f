import { describe, expect, it } from 'vitest';
import { scrubFields, scrubText } from './scrub';

const IIN = '900101300123';
const BIN = '040340005678';

describe('scrubText', () => {
  it.each([
    [`applicant ${IIN} rejected`, 'applicant [number] rejected'],
    [`BIN${BIN}: unknown`, 'BIN[number]: unknown'],
    ['phone 87011234567', 'phone [number]'],
    ['Иванов Иван Иванович не найден', '[name] не найден'],
    ['ҚАСЫМОВ ЕРЛАН ҚАЙРАТҰЛЫ: key expired', '[name]: key expired'],
    ['subject CN=ИВАНОВ ИВАН,SURNAME=ИВАНОВ,SERIALNUMBER=IIN900101300123,G=ИВАНОВИЧ', 'subject CN=[redacted],SURNAME=[redacted],SERIALNUMBER=[redacted],G=[redacted]'],
    ['surname: Smith, code 7', 'surname: [redacted], code 7'],
    ['Фамилия=Петров; retry', 'Фамилия=[redacted]; retry'],
    ['ИИН: 900101300123', 'ИИН: [redacted]'],
    ['mail a.b@example.kz failed', 'mail [email] failed'],
  ])('%s', (input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it('keeps what diagnostics need: codes, short numbers, dates, UUIDs, ordinary sentences', () => {
    for (const text of [
      'HTTP 503 after 3 attempts in 1250 ms',
      'submission 550e8400-e29b-41d4-a716-446655440000 sent',
      'at 2026-11-22T10:00:00.000Z',
      'Сервер недоступен',
      'KZ-EL-2026-000001 registered',
      'catalog 2026.11.1',
    ]) {
      expect(scrubText(text)).toBe(text);
    }
  });

  it('truncates long text', () => {
    expect(scrubText('x'.repeat(50), 10)).toBe(`${'x'.repeat(10)}…`);
  });
});

describe('scrubFields', () => {
  it('keeps only whitelisted fields and scrubs their values', () => {
    expect(
      scrubFields({
        code: `gateway.rejected ${IIN}`,
        count: 3,
        durationMs: 120,
        submissionId: '550E8400-E29B-41D4-A716-446655440000',
        surname: 'Ivanov',
        iin: IIN,
        applicant: { name: 'Иван' },
      }),
    ).toEqual({ fields: { code: 'gateway.rejected [number]', count: 3, durationMs: 120, submissionId: '550e8400-e29b-41d4-a716-446655440000' }, dropped: 3 });
  });

  it('refuses a submissionId that is not a UUID, and an IIN passed as a number', () => {
    expect(scrubFields({ submissionId: IIN, count: Number(IIN) }).fields).toEqual({ submissionId: '[redacted]', count: '[number]' });
  });
});
