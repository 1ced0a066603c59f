import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionHolds, relevantFields, relevantValues, validateForm } from './evaluateForm';
import { fieldDomId, formFields, formSchema, valuesByDomId, valuesByFieldId, type FieldType, type FormDefinition, type FormField } from './formSchema';
import { problemTexts } from './formTexts';

const label = { kk: 'белгі', ru: 'метка', en: 'label' };
const field = (id: string, type: FieldType, extra: Partial<FormField> = {}): FormField => ({ id, type, label, required: false, ...extra });
const single = (...fields: FormField[]): FormDefinition => ({ id: 'test', sections: [{ id: 'main', title: label, fields }] });

describe('conditions', () => {
  const values = { a: 'x', b: ' x ', c: '' };
  it('evaluate equals, notEmpty, sameAs and their combinations', () => {
    expect(conditionHolds({ field: 'a', equals: 'x' }, values)).toBe(true);
    expect(conditionHolds({ field: 'c', notEmpty: true }, values)).toBe(false);
    expect(conditionHolds({ field: 'missing', notEmpty: true }, values)).toBe(false);
    expect(conditionHolds({ field: 'a', sameAs: 'b' }, values)).toBe(true);
    expect(conditionHolds({ all: [{ field: 'a', equals: 'x' }, { not: { field: 'c', notEmpty: true } }] }, values)).toBe(true);
    expect(conditionHolds({ any: [{ field: 'a', equals: 'y' }, { field: 'c', equals: 'z' }] }, values)).toBe(false);
    expect(conditionHolds({ all: [] }, values)).toBe(true);
  });
});

describe('validateForm', () => {
  it('checks each type only when a value is entered', () => {
    const form = single(
      field('iin', 'iin'),
      field('bin', 'bin'),
      field('date', 'date'),
      field('phone', 'phone'),
      field('count', 'integer'),
      field('flag', 'boolean'),
      field('pick', 'select', { choices: [{ value: 'a', label }] }),
      field('note', 'text'),
    );
    expect(validateForm(form, {})).toEqual({});
    expect(
      validateForm(form, { iin: '900101300018', bin: '080490001234', date: '2026-13-01', phone: '12345', count: '1.5', flag: 'true', pick: 'b', note: 'anything' }),
    ).toEqual({ iin: 'iin.badChecksum', bin: 'bin.badBinType', date: 'date', phone: 'phone', count: 'integer', flag: 'choice', pick: 'choice' });
    expect(
      validateForm(form, { iin: ' 900101300017 ', bin: '080440001234', date: '2024-02-29', phone: '8 (701) 234-56-78', count: '-3', flag: 'no', pick: 'a' }),
    ).toEqual({});
  });

  it('accepts Kazakhstan and international phone numbers, not short ones', () => {
    const form = single(field('phone', 'phone'));
    for (const phone of ['+77012345678', '87012345678', '+49 30 1234567']) expect(validateForm(form, { phone })).toEqual({});
    for (const phone of ['+7701234567', '7012345678', '+0123456789']) expect(validateForm(form, { phone })).toEqual({ phone: 'phone' });
  });

  it('treats whitespace as empty and applies a conditional requirement', () => {
    const form = single(field('kind', 'text'), field('detail', 'text', { required: { field: 'kind', equals: 'other' } }));
    expect(validateForm(form, { kind: 'other', detail: '  ' })).toEqual({ detail: 'required' });
    expect(validateForm(form, { kind: 'usual' })).toEqual({});
  });

  it('checks a constraint against the other answers', () => {
    const form = single(field('from', 'integer'), field('to', 'integer', { constraint: { test: { not: { field: 'to', sameAs: 'from' } }, message: label } }));
    expect(validateForm(form, { from: '1', to: '1' })).toEqual({ to: 'constraint' });
    expect(validateForm(form, { from: '1', to: '2' })).toEqual({});
  });

  it('cascades relevance: a field that depends on a hidden field is hidden', () => {
    const form = single(
      field('a', 'boolean'),
      field('b', 'text', { relevant: { field: 'a', equals: 'yes' } }),
      field('c', 'text', { required: true, relevant: { field: 'b', notEmpty: true } }),
    );
    const values = { a: 'no', b: 'left over', c: '' };
    expect(relevantFields(form, values).map((entry) => entry.id)).toEqual(['a']);
    expect(validateForm(form, values)).toEqual({});
    expect(relevantValues(form, values)).toEqual({ a: 'no' });
    expect(validateForm(form, { ...values, a: 'yes' })).toEqual({ c: 'required' });
  });

  it('reads only own keys of the values', () => {
    const form = single(field('constructor', 'text', { required: true }));
    expect(validateForm(form, {})).toEqual({ constructor: 'required' });
    expect(relevantValues(form, {})).toEqual({});
  });

  const form = single(
    field('type', 'select', { required: true, choices: [{ value: 'p', label }, { value: 'q', label }] }),
    field('iin', 'iin', { required: true, relevant: { field: 'type', equals: 'p' } }),
    field('bin', 'bin', { relevant: { not: { field: 'type', equals: 'p' } } }),
    field('when', 'date', { required: { field: 'iin', notEmpty: true } }),
    field('phone', 'phone'),
    field('n', 'integer', { constraint: { test: { any: [{ field: 'n', equals: '1' }, { field: 'n', sameAs: 'when' }] }, message: label } }),
    field('ok', 'boolean'),
  );
  const ids = formFields(form).map((entry) => entry.id);
  const values = fc.dictionary(fc.oneof(fc.constantFrom(...ids, '__proto__', 'constructor'), fc.string()), fc.oneof(fc.string(), fc.constantFrom('p', 'q', 'yes', '900101300017')));

  it('never throws, and reports only known codes for relevant fields', () => {
    fc.assert(
      fc.property(values, (entered) => {
        const problems = validateForm(form, entered);
        const relevant = relevantFields(form, entered).map((entry) => entry.id);
        for (const [id, problem] of Object.entries(problems)) {
          expect(relevant).toContain(id);
          expect(problemTexts).toHaveProperty([problem]);
        }
        expect(Object.keys(relevantValues(form, entered)).every((id) => relevant.includes(id) && Object.hasOwn(entered, id))).toBe(true);
      }),
    );
  });
});

describe('formSchema', () => {
  const rejects = (definition: FormDefinition) => expect(formSchema.safeParse(definition).success).toBe(false);

  it('accepts a well-formed form', () => {
    expect(formSchema.safeParse(single(field('a', 'boolean'), field('b', 'text', { relevant: { field: 'a', equals: 'yes' } }))).success).toBe(true);
  });

  it('rejects forward or unknown references, which could cycle', () => {
    rejects(single(field('b', 'text', { relevant: { field: 'a', equals: 'yes' } }), field('a', 'boolean')));
    rejects(single(field('a', 'text', { required: { field: 'a', notEmpty: true } })));
    rejects(single(field('a', 'text', { constraint: { test: { field: 'nowhere', notEmpty: true }, message: label } })));
  });

  it('rejects choices out of place and ids that collide as DOM ids', () => {
    rejects(single(field('a', 'select')));
    rejects(single(field('a', 'text', { choices: [{ value: 'x', label }] })));
    rejects(single(field('a', 'select', { choices: [{ value: 'x', label }, { value: 'x', label }] })));
    rejects(single(field('p.x', 'boolean'), field('p-x', 'boolean')));
    rejects(single(field('a b', 'text')));
  });

  it('maps answers to dot-free DOM ids and back, one entry per field', () => {
    const form = single(field('paper.receipt', 'boolean'), field('note', 'text'));
    expect(fieldDomId('paper.receipt')).toBe('form-paper-receipt');
    const byDomId = valuesByDomId(form, { 'paper.receipt': 'yes', stray: 'x' });
    expect(byDomId).toEqual({ 'form-paper-receipt': 'yes', 'form-note': '' });
    expect(valuesByFieldId(form, byDomId)).toEqual({ 'paper.receipt': 'yes', note: '' });
  });

  it('rejects conditions that are code or unknown operators', () => {
    const bad = { field: 'a', matches: '.*' } as unknown as FormField['relevant'];
    rejects(single(field('a', 'text'), field('b', 'text', { relevant: bad })));
  });
});
