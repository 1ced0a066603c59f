import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatRegistrationNumber, RegistrationNumbers } from './registrationNumbers';
import { FIXED_NOW, makeDataDir, removeDataDirs } from './sandboxTestKit';

afterEach(removeDataDirs);

describe('registration numbers', () => {
  it('takes the year from Kazakhstan time (UTC+5), not UTC', () => {
    expect(formatRegistrationNumber(42, new Date('2026-12-31T18:59:59Z'))).toBe('KZ-EL-2026-000042');
    expect(formatRegistrationNumber(43, new Date('2026-12-31T19:00:00Z'))).toBe('KZ-EL-2027-000043');
  });

  it('hands concurrent callers distinct numbers and persists the highest', async () => {
    const dataDir = await makeDataDir();
    const numbers = await RegistrationNumbers.open(dataDir);
    const issued = await Promise.all(Array.from({ length: 20 }, () => numbers.next(FIXED_NOW)));

    expect(new Set(issued).size).toBe(20);
    expect(issued).toContain('KZ-EL-2026-000020');
    expect(JSON.parse(await readFile(join(dataDir, 'registration-sequence.json'), 'utf8'))).toEqual({ last: 20 });
    expect(await (await RegistrationNumbers.open(dataDir)).next(FIXED_NOW)).toBe('KZ-EL-2026-000021');
  });
});
