import { describe, expect, it } from 'vitest';
import { requestKindIds, type Localized, type RequestKind, type Service } from '../catalog/catalogSchema';
import { formFor } from './catalogForms';
import { relevantFields, relevantValues, validateForm } from './evaluateForm';
import { formFields, formSchema, type FormDefinition } from './formSchema';
import { problemMessage, problemTexts } from './formTexts';

const source = { seed: 'seed-004', paragraph: 'test' } as const;
const named = (en: string): Localized => ({ kk: `${en} kk`, ru: `${en} ru`, en });

function kind(id: RequestKind['id'], extra: Partial<RequestKind> = {}): RequestKind {
  return { id, name: named(id), grounds: [], resultCap: null, steps: [], checklist: [], source, ...extra };
}

function service(kinds: RequestKind[], subtypes: Service['subtypes'] = []): Service {
  return {
    id: 'seed004.test-service',
    availability: 'available',
    name: named('Test service'),
    provider: null,
    legalBasis: { act: named('Act'), number: '1', date: '2020-01-01', source },
    channels: [],
    recipients: null,
    form: null,
    subtypes,
    kinds,
    results: [],
    refusals: [],
    payment: null,
    source,
  };
}

const checklistItem = (id: string) => ({ id, kind: 'other' as const, name: named(`Document ${id}`), required: true, source });
const reissue = kind('reissue', { grounds: [{ id: 'renamed', name: named('Renamed'), source }, { id: 'moved', name: named('Moved'), source }] });
const issue = kind('issue', { checklist: [checklistItem('application'), checklistItem('receipt')] });
const testService = service([issue, reissue, kind('duplicate'), kind('annex'), kind('permit')]);

function form(kindId: string, subject: Service = testService): FormDefinition {
  const result = formFor(subject, kindId);
  if (!result) throw new Error(`no form for ${kindId}`);
  return result;
}
const ids = (definition: FormDefinition) => formFields(definition).map((field) => field.id);
const fieldOf = (definition: FormDefinition, id: string) => formFields(definition).find((field) => field.id === id);

const individual = {
  applicantType: 'individual',
  iin: '900101300017',
  surname: 'Әбенова',
  givenName: 'Айгүл',
  address: 'Астана, Мәңгілік Ел 8',
  phone: '+7 701 234 56 78',
  hasRepresentative: 'no',
};

describe('formFor', () => {
  it('builds a structurally valid form for every kind', () => {
    for (const id of requestKindIds) expect(() => formSchema.parse(form(id))).not.toThrow();
  });

  it('returns null for a kind the service does not have', () => {
    expect(formFor(service([issue]), 'reissue')).toBeNull();
  });

  it('hides legal-entity fields for an individual and does not validate them', () => {
    const issueForm = form('issue');
    const shown = relevantFields(issueForm, individual).map((field) => field.id);
    expect(shown).toEqual(expect.arrayContaining(['iin', 'surname', 'givenName', 'patronymic', 'address', 'phone']));
    for (const hidden of ['bin', 'organisationName', 'headFullName', 'legalAddress']) expect(shown).not.toContain(hidden);
    expect(validateForm(issueForm, { ...individual, bin: 'garbage' })).toEqual({});
  });

  it('hides individual fields for a legal entity and requires its own', () => {
    const problems = validateForm(form('issue'), { applicantType: 'legalEntity', iin: 'garbage', bin: '080490001234' });
    expect(problems).toEqual({ bin: 'bin.badBinType', organisationName: 'required', headFullName: 'required', legalAddress: 'required' });
  });

  it('requires the individual applicant fields except the patronymic', () => {
    expect(validateForm(form('issue'), { applicantType: 'individual' })).toEqual({
      iin: 'required',
      surname: 'required',
      givenName: 'required',
      address: 'required',
      phone: 'required',
    });
    expect(validateForm(form('issue'), {})).toEqual({ applicantType: 'required' });
  });

  it('reports IIN problems from the identity rules', () => {
    expect(validateForm(form('issue'), { ...individual, iin: '900101300018' })).toEqual({ iin: 'iin.badChecksum' });
    expect(validateForm(form('issue'), { ...individual, iin: '9001013' })).toEqual({ iin: 'iin.notTwelveDigits' });
  });

  it('cross-checks a typed birth date against the one the IIN encodes', () => {
    // 900101300017: born 1 January 1990.
    expect(validateForm(form('issue'), { ...individual, birthDate: '1990-01-01' })).toEqual({});
    expect(validateForm(form('issue'), { ...individual, birthDate: '1990-01-10' })).toEqual({ birthDate: 'constraint' });
    // An IIN that is itself wrong is reported once, on the IIN, not again on the date.
    expect(validateForm(form('issue'), { ...individual, iin: '900101300018', birthDate: '1990-01-10' })).toEqual({ iin: 'iin.badChecksum' });
    expect(problemMessage(fieldOf(form('issue'), 'birthDate')!, 'constraint', 'ru', () => '')).toContain('не совпадает с датой в ИИН');
  });

  it('asks for representative details only when there is a representative', () => {
    const issueForm = form('issue');
    expect(validateForm(issueForm, { ...individual, hasRepresentative: 'yes' })).toEqual({
      representativeIin: 'required',
      representativeFullName: 'required',
      powerOfAttorneyNumber: 'required',
      powerOfAttorneyDate: 'required',
    });
    const represented = { ...individual, hasRepresentative: 'yes', representativeIin: individual.iin, representativeFullName: 'Сейітов Ерлан', powerOfAttorneyNumber: '123', powerOfAttorneyDate: '2026-02-30' };
    const problems = validateForm(issueForm, represented);
    expect(problems).toEqual({ representativeIin: 'constraint', powerOfAttorneyDate: 'date' });
    const representativeIin = fieldOf(issueForm, 'representativeIin')!;
    expect(problemMessage(representativeIin, 'constraint', 'ru', String)).toBe('ИИН представителя не должен совпадать с ИИН заявителя');
    expect(problemMessage(representativeIin, 'iin.badChecksum', 'en', (code) => problemTexts[code].en)).toBe('The IIN check digit does not match — check the number');
    expect(validateForm(issueForm, { ...represented, representativeIin: '850715400016', powerOfAttorneyDate: '2026-02-27' })).toEqual({});
  });

  it('offers re-issue grounds only for kinds that have grounds', () => {
    const ground = fieldOf(form('reissue'), 'reissueGround');
    expect(ground?.type).toBe('select');
    expect(ground?.choices?.map((choice) => choice.value)).toEqual(['renamed', 'moved']);
    for (const id of ['issue', 'duplicate', 'annex', 'permit']) expect(ids(form(id))).not.toContain('reissueGround');
    expect(validateForm(form('reissue'), { ...individual, licenseNumber: 'KZ01', reissueGround: 'bankrupt' })).toEqual({ reissueGround: 'choice' });
  });

  it('asks for the license number only for re-issue, duplicate and annex', () => {
    const withNumber = requestKindIds.filter((id) => ids(form(id)).includes('licenseNumber'));
    expect(withNumber).toEqual(['reissue', 'duplicate', 'annex']);
    expect(fieldOf(form('duplicate'), 'licenseNumber')?.hint?.en).toBe('Number of the license to be duplicated');
  });

  it('offers subtypes only when the service has them', () => {
    expect(ids(form('issue'))).not.toContain('subtype');
    const withSubtypes = service([issue], [{ id: 'export', name: named('Export'), source }]);
    expect(fieldOf(form('issue', withSubtypes), 'subtype')?.choices).toEqual([{ value: 'export', label: named('Export') }]);
  });

  it('leaves out sections that would be empty', () => {
    expect(form('issue').sections.map((section) => section.id)).toEqual(['applicant', 'representative', 'documents']);
    expect(form('reissue').sections.map((section) => section.id)).toEqual(['applicant', 'representative', 'license']);
  });

  it('marks each checklist item presented on paper, labelled with the item name', () => {
    const documents = form('issue').sections.find((section) => section.id === 'documents');
    expect(documents?.fields.map(({ id, type, label, required }) => ({ id, type, label, required }))).toEqual([
      { id: 'paper.application', type: 'boolean', label: named('Document application'), required: false },
      { id: 'paper.receipt', type: 'boolean', label: named('Document receipt'), required: false },
    ]);
    expect(validateForm(form('issue'), { ...individual, 'paper.application': 'yes', 'paper.receipt': 'perhaps' })).toEqual({ 'paper.receipt': 'choice' });
  });

  it('drops irrelevant answers from the output', () => {
    const entered = { ...individual, bin: '080440001234', organisationName: 'ЖШС', representativeIin: '850715400016', 'paper.application': 'yes', stray: 'x' };
    expect(relevantValues(form('issue'), entered)).toEqual({ ...individual, 'paper.application': 'yes' });
  });
});
