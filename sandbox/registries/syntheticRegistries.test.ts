import { describe, expect, it } from 'vitest';
import { individualRecordSchema, legalEntityRecordSchema, paymentRecordSchema, powerOfAttorneySchema } from '../../shared/gateway/gatewayProtocol';
import { isValidIin } from '../../shared/identity/iin';
import { individualByIin, legalEntityByBin, paymentByReference, powerOfAttorneyByNumber, powerOfAttorneyInForce } from './syntheticRegistries';

describe('synthetic registries', () => {
  it('finds a person for a valid IIN, with the birth date and sex the IIN encodes, the same every time', () => {
    const person = individualRecordSchema.parse(individualByIin('850515400022'));
    expect(person.birthDate).toBe('1985-05-15');
    // Century digit 4: a woman, so feminine surname and patronymic.
    expect(person.surname).toMatch(/а$/);
    expect(person.patronymic).toMatch(/қызы$/);
    expect(individualByIin('850515400022')).toEqual(person);
    expect(individualByIin('850515300016')?.patronymic).toMatch(/ұлы$/);
  });

  it('holds no person for serial 0000 or an invalid IIN', () => {
    expect(individualByIin('850515300006')).toBeUndefined();
    expect(individualByIin('850515300013')).toBeUndefined();
  });

  it('finds legal entities by BIN: 0000 absent, 9999 inactive, others active', () => {
    expect(legalEntityByBin('150440000003')).toBeUndefined();
    expect(legalEntityByBin('150440999901')?.active).toBe(false);
    const entity = legalEntityRecordSchema.parse(legalEntityByBin('150440123405'));
    expect(entity).toMatchObject({ active: true, registeredAt: '2015-04-01' });
    expect(isValidIin(entity.headIin!)).toBe(true);
  });

  it('finds powers of attorney by pattern and fixed number: 9 revoked, 8 expired', () => {
    const valid = powerOfAttorneySchema.parse(powerOfAttorneyByNumber('12345671'));
    expect(powerOfAttorneyInForce(valid, '2026-11-22')).toBe(true);
    expect(powerOfAttorneyByNumber('12345679')?.revoked).toBe(true);
    expect(powerOfAttorneyInForce(powerOfAttorneyByNumber('12345678')!, '2026-11-22')).toBe(false);
    expect(powerOfAttorneyByNumber('TRN-POA-1')?.principal).toBe('850515300016');
    expect(powerOfAttorneyByNumber('02345671')).toBeUndefined();
    expect(powerOfAttorneyByNumber('1234')).toBeUndefined();
  });

  it('finds payments by pattern and fixed reference: 7 refunded', () => {
    expect(paymentRecordSchema.parse(paymentByReference('1234567890')).status).toBe('paid');
    expect(paymentByReference('1234567897')?.status).toBe('refunded');
    expect(paymentByReference('TRN-PAY-2')?.status).toBe('refunded');
    expect(paymentByReference('0234567890')).toBeUndefined();
  });
});
