import { describe, expect, it } from 'vitest';
import { matchesRegistry, registryFill, type ApplicantRecord } from './applicantFromRegistry';

const person: ApplicantRecord = { kind: 'individual', record: { iin: '850515300014', surname: 'Әбенова', givenName: 'Гүлнұр', patronymic: 'Серікқызы', birthDate: '1985-05-15', address: 'Алматы қ.' } };
const company: ApplicantRecord = { kind: 'legalEntity', record: { bin: '990340000123', name: '«Ақжол» ЖШС', registeredAt: '1999-03-01', active: true, address: 'Астана қ.' } };

describe('applicant from the registry', () => {
  it('fills the names and birth date, and an address only where none was typed', () => {
    expect(registryFill(person, { iin: '850515300014' })).toEqual({ surname: 'Әбенова', givenName: 'Гүлнұр', patronymic: 'Серікқызы', birthDate: '1985-05-15', address: 'Алматы қ.' });
    expect(registryFill(person, { address: 'typed' })).not.toHaveProperty('address');
    expect(registryFill(company, {})).toEqual({ organisationName: '«Ақжол» ЖШС', legalAddress: 'Астана қ.' });
  });

  it('stays verified through case and spacing, not through a changed name or another IIN', () => {
    expect(matchesRegistry(person, { iin: '850515300014', surname: 'ӘБЕНОВА ', givenName: 'гүлнұр' })).toBe(true);
    expect(matchesRegistry(person, { iin: '850515300014', surname: 'Абенова', givenName: 'Гүлнұр' })).toBe(false);
    expect(matchesRegistry(person, { iin: '850515300022', surname: 'Әбенова', givenName: 'Гүлнұр' })).toBe(false);
    expect(matchesRegistry(company, { bin: '990340000123', organisationName: 'Ақжол ЖШС' })).toBe(true);
    expect(matchesRegistry({ ...company, record: { ...company.record, active: false } }, { bin: '990340000123', organisationName: '«Ақжол» ЖШС' })).toBe(false);
  });
});
