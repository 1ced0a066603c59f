/**
 * A declarative form in the spirit of XLSForm: each field has a type, a label, and optional `required`,
 * `relevant` and `constraint` logic. The logic is data (a small condition tree), never code, so a form can
 * travel inside catalog updates and be checked before it is used.
 */
import { z } from 'zod';
import { localizedSchema } from '../catalog/catalogSchema';

export const fieldTypes = ['text', 'iin', 'bin', 'date', 'phone', 'select', 'boolean', 'integer'] as const;
export type FieldType = (typeof fieldTypes)[number];

/** Booleans are stored as text, like every other answer. */
export const YES = 'yes';
export const NO = 'no';

export type Condition =
  | { field: string; equals: string }
  | { field: string; notEmpty: true }
  /** The two fields hold the same text (trimmed), e.g. a representative who is the applicant. */
  | { field: string; sameAs: string }
  /** The date field agrees with the birth date an IIN encodes (holds while either is missing or the IIN is invalid). */
  | { field: string; birthDateOfIin: string }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ field: z.string().min(1), equals: z.string() }),
    z.strictObject({ field: z.string().min(1), notEmpty: z.literal(true) }),
    z.strictObject({ field: z.string().min(1), sameAs: z.string().min(1) }),
    z.strictObject({ field: z.string().min(1), birthDateOfIin: z.string().min(1) }),
    z.strictObject({ all: z.array(conditionSchema) }),
    z.strictObject({ any: z.array(conditionSchema) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

export const choiceSchema = z.object({ value: z.string().min(1), label: localizedSchema });
export type Choice = z.infer<typeof choiceSchema>;

// Dots group ids (`paper.<item>`); the ids also become DOM ids and react-hook-form names, so nothing else.
const fieldIdPattern = /^[A-Za-z][\w-]*(\.[\w-]+)*$/;

export const formFieldSchema = z.object({
  id: z.string().regex(fieldIdPattern),
  type: z.enum(fieldTypes),
  label: localizedSchema,
  hint: localizedSchema.optional(),
  required: z.union([z.boolean(), conditionSchema]),
  /** Absent = always shown. A field that is not relevant is hidden, not validated, and left out of the output. */
  relevant: conditionSchema.optional(),
  /** Checked only when the field has a value; `test` must hold. */
  constraint: z.object({ test: conditionSchema, message: localizedSchema }).optional(),
  choices: z.array(choiceSchema).optional(),
});
export type FormField = z.infer<typeof formFieldSchema>;

export const formSectionSchema = z.object({
  id: z.string().min(1),
  title: localizedSchema,
  fields: z.array(formFieldSchema).min(1),
});
export type FormSection = z.infer<typeof formSectionSchema>;

export interface FormDefinition {
  id: string;
  sections: FormSection[];
}

/** Answers as text by field id (booleans 'yes'/'no'), as requests store them. */
export type FormValues = Record<string, string>;

export const formFields = (form: FormDefinition): FormField[] => form.sections.flatMap((section) => section.fields);

/** The DOM id of a field's input; also its react-hook-form name, which must not contain dots (they mean nesting there). */
export const fieldDomId = (fieldId: string): string => `form-${fieldId.replaceAll('.', '-')}`;

/** Own keys only, so a field id like `constructor` never reads Object.prototype. */
export const storedValue = (values: FormValues, key: string): string | undefined => (Object.hasOwn(values, key) ? values[key] : undefined);

const remap = (form: FormDefinition, values: FormValues, from: (id: string) => string, to: (id: string) => string): FormValues =>
  Object.fromEntries(formFields(form).map((field) => [to(field.id), storedValue(values, from(field.id)) ?? '']));

/** Every field's answer keyed by DOM id ('' when unanswered), and back: the form's shape in react-hook-form. */
export const valuesByDomId = (form: FormDefinition, values: FormValues): FormValues => remap(form, values, (id) => id, fieldDomId);
export const valuesByFieldId = (form: FormDefinition, byDomId: FormValues): FormValues => remap(form, byDomId, fieldDomId, (id) => id);

export function conditionFields(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionFields);
  if ('any' in condition) return condition.any.flatMap(conditionFields);
  if ('not' in condition) return conditionFields(condition.not);
  if ('sameAs' in condition) return [condition.field, condition.sameAs];
  return 'birthDateOfIin' in condition ? [condition.field, condition.birthDateOfIin] : [condition.field];
}

/**
 * The structural rules. `relevant` and `required` may only look at earlier fields: that rules out cycles and
 * lets relevance cascade in one pass (a field hidden because of a hidden field is hidden too).
 */
export const formSchema: z.ZodType<FormDefinition> = z
  .object({ id: z.string().min(1), sections: z.array(formSectionSchema).min(1) })
  .superRefine((form, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
    const sectionIds = new Set<string>();
    for (const section of form.sections) {
      if (sectionIds.has(section.id)) issue(`duplicate section ${section.id}`);
      sectionIds.add(section.id);
    }
    const fields = formFields(form);
    const allIds = new Set(fields.map((field) => field.id));
    const domIds = new Set(fields.map((field) => fieldDomId(field.id)));
    if (domIds.size !== fields.length) issue('field ids must be unique, also with dots read as dashes');
    const earlier = new Set<string>();
    for (const field of fields) {
      const isChoice = field.type === 'select';
      if (isChoice !== Boolean(field.choices?.length)) issue(`${field.id}: choices go with select fields, and only with them`);
      const values = field.choices?.map((choice) => choice.value) ?? [];
      if (new Set(values).size !== values.length) issue(`${field.id}: duplicate choice values`);
      const ordered = [field.relevant, typeof field.required === 'boolean' ? undefined : field.required];
      for (const reference of ordered.flatMap((condition) => (condition ? conditionFields(condition) : []))) {
        if (!earlier.has(reference)) issue(`${field.id}: relevant/required may only refer to earlier fields, not ${reference}`);
      }
      for (const reference of field.constraint ? conditionFields(field.constraint.test) : []) {
        if (!allIds.has(reference)) issue(`${field.id}: constraint refers to unknown field ${reference}`);
      }
      earlier.add(field.id);
    }
  });
