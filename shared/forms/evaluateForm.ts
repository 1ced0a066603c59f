/**
 * Runs a form's logic over its answers: which fields are relevant, what is wrong with each answer, and what
 * goes into the request.
 */
import { binProblem, decodeIin, iinProblem } from '../identity/iin';
import { formFields, NO, YES, type Condition, type FormDefinition, type FormField, type FormValues, storedValue } from './formSchema';

type IdShapeProblem = 'notTwelveDigits' | 'badDate' | 'badChecksum';
export type FieldProblem =
  | 'required'
  | 'constraint'
  | 'date'
  | 'integer'
  | 'phone'
  | 'choice'
  | 'tooLong'
  | 'characters'
  | `iin.${IdShapeProblem | 'badCentury' | 'isBin'}`
  | `bin.${IdShapeProblem | 'badBinType'}`;
export type FormProblems = Record<string, FieldProblem>;

const answer = (values: FormValues, fieldId: string) => (storedValue(values, fieldId) ?? '').trim();

export function conditionHolds(condition: Condition, values: FormValues): boolean {
  if ('all' in condition) return condition.all.every((part) => conditionHolds(part, values));
  if ('any' in condition) return condition.any.some((part) => conditionHolds(part, values));
  if ('not' in condition) return !conditionHolds(condition.not, values);
  const value = answer(values, condition.field);
  if ('equals' in condition) return value === condition.equals;
  if ('sameAs' in condition) return value === answer(values, condition.sameAs);
  if ('birthDateOfIin' in condition) {
    const encoded = decodeIin(answer(values, condition.birthDateOfIin))?.birthDate;
    return value === '' || encoded === undefined || value === encoded;
  }
  return value !== '';
}

export const isRelevant = (field: FormField, values: FormValues): boolean => !field.relevant || conditionHolds(field.relevant, values);

export const isRequired = (field: FormField, values: FormValues): boolean =>
  typeof field.required === 'boolean' ? field.required : conditionHolds(field.required, values);

/**
 * The relevant fields in form order. Each field is judged on the answers of earlier relevant fields only
 * (formSchema allows no other references), so a field that depends on a hidden field is hidden too.
 */
export function relevantFields(form: FormDefinition, values: FormValues): FormField[] {
  const seen: FormValues = {};
  return formFields(form).filter((field) => {
    if (!isRelevant(field, seen)) return false;
    seen[field.id] = storedValue(values, field.id) ?? '';
    return true;
  });
}

const pick = (fields: FormField[], values: FormValues): FormValues =>
  Object.fromEntries(
    fields.flatMap((field) => {
      const value = storedValue(values, field.id);
      return value === undefined ? [] : [[field.id, value]];
    }),
  );

/** The form's output: answers to relevant fields only; irrelevant and unknown keys are dropped. */
export const relevantValues = (form: FormDefinition, values: FormValues): FormValues => pick(relevantFields(form, values), values);

function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Kazakhstan numbers as +7 or 8 and ten digits; other countries in international form. Spaces, dashes and brackets are ignored. */
const isPhone = (value: string) => /^(?:(?:\+7|8)\d{10}|\+[1-689]\d{7,14})$/.test(value.replace(/[\s()-]/g, ''));

/** Far longer than any name or address on an identity document: a pasted page does not go into a legal record. */
export const MAX_TEXT_LENGTH = 500;
/** Control characters, and the direction marks and overrides that make text display other than it is stored. */
const HIDDEN_CHARACTERS = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** A birth date after today (the IIN rule itself accepts any calendar date of the century). */
const bornInFuture = (iin: string): boolean => (decodeIin(iin)?.birthDate ?? '') > new Date().toISOString().slice(0, 10);

function typeProblem(field: FormField, value: string): FieldProblem | null {
  switch (field.type) {
    case 'text':
      if (value.length > MAX_TEXT_LENGTH) return 'tooLong';
      return HIDDEN_CHARACTERS.test(value) ? 'characters' : null;
    case 'iin': {
      const problem = iinProblem(value);
      // Operators mix up the applicant's IIN and the company's BIN; saying which it is helps more than "bad date".
      if (problem && binProblem(value) === null) return 'iin.isBin';
      if (!problem && bornInFuture(value)) return 'iin.badDate';
      // A non-empty value never gives 'empty', and iinProblem never reports a BIN type.
      return problem ? (`iin.${problem}` as FieldProblem) : null;
    }
    case 'bin': {
      const problem = binProblem(value);
      return problem ? (`bin.${problem}` as FieldProblem) : null;
    }
    case 'date':
      return isIsoDate(value) ? null : 'date';
    case 'phone':
      return isPhone(value) ? null : 'phone';
    case 'integer':
      return /^-?\d+$/.test(value) ? null : 'integer';
    case 'select':
      return field.choices?.some((choice) => choice.value === value) ? null : 'choice';
    case 'boolean':
      return value === YES || value === NO ? null : 'choice';
  }
}

function fieldProblem(field: FormField, values: FormValues): FieldProblem | null {
  const value = answer(values, field.id);
  // As in XLSForm, an empty answer is only ever "required"; type and constraint checks apply to what was entered.
  if (value === '') return isRequired(field, values) ? 'required' : null;
  const problem = typeProblem(field, value);
  if (problem) return problem;
  return field.constraint && !conditionHolds(field.constraint.test, values) ? 'constraint' : null;
}

/** Problems by field id; an empty object means the form is complete. Irrelevant fields are never checked. */
export function validateForm(form: FormDefinition, values: FormValues): FormProblems {
  const fields = relevantFields(form, values);
  const kept = pick(fields, values);
  const problems: FormProblems = {};
  for (const field of fields) {
    const problem = fieldProblem(field, kept);
    if (problem) problems[field.id] = problem;
  }
  return problems;
}
