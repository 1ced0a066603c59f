/**
 * Renders any declarative form (shared/forms) with react-hook-form. All logic (relevance, validation, names)
 * lives in shared/forms where it is unit-tested; this file only draws it. `values` seeds the form: give the
 * component a new `key` to load other answers.
 */
import { useEffect, useEffectEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { useController, useForm, useWatch, type Control, type Resolver } from 'react-hook-form';
import { isRequired, relevantFields, relevantValues, validateForm, type FieldProblem } from '../../../../shared/forms/evaluateForm';
import { fieldDomId, NO, valuesByDomId, valuesByFieldId, YES, type FieldType, type FormDefinition, type FormField, type FormValues } from '../../../../shared/forms/formSchema';
import { formTexts, problemMessage } from '../../../../shared/forms/formTexts';
import type { Language } from '../../../../shared/i18n/messages';

export interface CatalogFormProps {
  form: FormDefinition;
  language: Language;
  values: FormValues;
  /** Every change, with answers to hidden fields kept so they return if the field does; use relevantValues for the request. */
  onChange(values: FormValues): void;
  showErrors: boolean;
  problemText(code: FieldProblem): string;
  /** Answers to put in from outside (a registry record) without remounting, so focus and what was typed stay. */
  fill?: FormValues;
  /** Extra words under a field, e.g. what the registry said about the IIN just typed. */
  notes?: Partial<Record<string, ReactNode>>;
}

// Integers and ID numbers stay text inputs: type="number" drops leading zeros and changes on the mouse wheel.
const inputProps: Record<Exclude<FieldType, 'select' | 'boolean'>, InputHTMLAttributes<HTMLInputElement>> = {
  text: { type: 'text' },
  iin: { type: 'text', inputMode: 'numeric', maxLength: 12 },
  bin: { type: 'text', inputMode: 'numeric', maxLength: 12 },
  integer: { type: 'text', inputMode: 'numeric' },
  phone: { type: 'tel', inputMode: 'tel' },
  date: { type: 'date' },
};

export function CatalogForm(props: CatalogFormProps) {
  // A different form is a different react-hook-form instance, so no stale answers or errors carry over.
  return <FormBody key={props.form.id} {...props} />;
}

function FormBody({ form, language, values, onChange, showErrors, problemText, fill, notes }: CatalogFormProps) {
  // The resolver is validateForm itself; errors carry the problem code as their type.
  const resolver: Resolver<FormValues> = (byDomId) => {
    const problems = Object.entries(validateForm(form, valuesByFieldId(form, byDomId)));
    if (problems.length === 0) return { values: byDomId, errors: {} };
    return { values: {}, errors: Object.fromEntries(problems.map(([id, problem]) => [fieldDomId(id), { type: problem, message: problem }])) };
  };
  const { control, getValues, setValue, trigger, clearErrors, formState } = useForm<FormValues>({ defaultValues: valuesByDomId(form, values), resolver, mode: 'onTouched' });
  const current = valuesByFieldId(form, useWatch({ control }) as FormValues);
  const shown = new Set(relevantFields(form, current).map((field) => field.id));
  // Requirement conditions see what validateForm sees: the relevant answers only.
  const kept = relevantValues(form, current);

  useEffect(() => {
    if (showErrors) void trigger();
    else clearErrors();
  }, [showErrors, trigger, clearErrors]);

  const changed = () => {
    onChange({ ...values, ...valuesByFieldId(form, getValues()) });
    if (showErrors) void trigger();
  };

  // A fill is applied once, when it arrives; the answers and showErrors it reads are those of that moment.
  const applyFill = useEffectEvent((answers: FormValues) => {
    for (const [fieldId, value] of Object.entries(answers)) setValue(fieldDomId(fieldId), value, { shouldValidate: showErrors });
    changed();
  });
  useEffect(() => {
    if (fill) applyFill(fill);
  }, [fill]);
  const problemOf = (field: FormField): string => {
    // The resolver above only ever puts a FieldProblem in `type`.
    const domId = fieldDomId(field.id);
    const code = formState.errors[domId]?.type as FieldProblem | undefined;
    // A field speaks up once the operator has left it (a mistyped IIN shows on Tab), or when signing is attempted.
    const visible = showErrors || Boolean(formState.touchedFields[domId]);
    return visible && code ? problemMessage(field, code, language, problemText) : '';
  };

  return (
    <>
      {form.sections.map((section) => {
        const fields = section.fields.filter((field) => shown.has(field.id));
        if (fields.length === 0) return null;
        return (
          <fieldset key={section.id}>
            <legend>{section.title[language]}</legend>
            {fields.map((field) => (
              <FieldInput key={field.id} field={field} control={control} language={language} required={isRequired(field, kept)} error={problemOf(field)} onChanged={changed} note={notes?.[field.id]} />
            ))}
          </fieldset>
        );
      })}
    </>
  );
}

interface FieldInputProps {
  field: FormField;
  control: Control<FormValues>;
  language: Language;
  required: boolean;
  error: string;
  onChanged(): void;
  note?: ReactNode;
}

function FieldInput({ field, control, language, required, error, onChanged, note }: FieldInputProps) {
  const id = fieldDomId(field.id);
  const { field: input } = useController({ name: id, control });
  const set = (next: string) => {
    input.onChange(next);
    onChanged();
  };
  const described = [field.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = {
    id,
    name: id,
    ref: input.ref,
    onBlur: input.onBlur,
    'aria-invalid': Boolean(error),
    'aria-required': required,
    'aria-describedby': described || undefined,
  };
  const label = (
    <>
      {field.label[language]}
      {required && <span aria-hidden="true"> *</span>}
    </>
  );

  return (
    <div className="field">
      {field.type === 'boolean' ? (
        <label className="checkbox" htmlFor={id}>
          <input {...common} type="checkbox" checked={input.value === YES} onChange={(event) => set(event.target.checked ? YES : NO)} />
          {label}
        </label>
      ) : (
        <label htmlFor={id}>{label}</label>
      )}
      {field.type === 'select' && (
        <select {...common} value={input.value} onChange={(event) => set(event.target.value)}>
          <option value="">{formTexts.choose[language]}</option>
          {field.choices?.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label[language]}
            </option>
          ))}
        </select>
      )}
      {field.type !== 'select' && field.type !== 'boolean' && (
        <input {...common} {...inputProps[field.type]} value={input.value} onChange={(event) => set(event.target.value)} autoComplete="off" />
      )}
      {field.hint && (
        <div className="muted" id={`${id}-hint`}>
          {field.hint[language]}
        </div>
      )}
      {note}
      {error && (
        <div className="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
