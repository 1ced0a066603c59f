import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../../../shared/forms/formSchema';
import { CatalogForm } from './CatalogForm';

const label = (en: string) => ({ kk: `${en} kk`, ru: `${en} ru`, en });
const form: FormDefinition = {
  id: 'test',
  sections: [
    {
      id: 'applicant',
      title: label('Applicant'),
      fields: [
        { id: 'applicantType', type: 'select', label: label('Type'), required: true, choices: [{ value: 'individual', label: label('Individual') }, { value: 'legalEntity', label: label('Legal entity') }] },
        { id: 'iin', type: 'iin', label: label('IIN'), required: true, relevant: { field: 'applicantType', equals: 'individual' } },
        { id: 'bin', type: 'bin', label: label('BIN'), required: true, relevant: { field: 'applicantType', equals: 'legalEntity' } },
      ],
    },
    { id: 'documents', title: label('Documents'), fields: [{ id: 'paper.receipt', type: 'boolean', label: label('Receipt'), required: false, hint: label('On paper') }] },
  ],
};

// No DOM library is installed, so this checks the static markup: sections, labels tied to inputs, relevance.
describe('CatalogForm markup', () => {
  const html = renderToStaticMarkup(
    <CatalogForm form={form} language="ru" values={{ applicantType: 'individual', 'paper.receipt': 'yes' }} onChange={() => undefined} showErrors={false} problemText={String} />,
  );

  it('draws sections as fieldsets with localized legends', () => {
    expect(html).toContain('<fieldset><legend>Applicant ru</legend>');
    expect(html).toContain('<legend>Documents ru</legend>');
  });

  it('labels every input by id, with dots turned into dashes', () => {
    expect(html).toContain('<label for="form-applicantType">');
    expect(html).toMatch(/<select id="form-applicantType"/);
    expect(html).toContain('for="form-iin"');
    expect(html).toMatch(/<input id="form-paper-receipt"[^>]*type="checkbox"[^>]*checked=""/);
    expect(html).toContain('aria-describedby="form-paper-receipt-hint"');
  });

  it('leaves out fields that are not relevant and shows no errors until asked', () => {
    expect(html).not.toContain('form-bin');
    expect(html).not.toContain('role="alert"');
  });

  it('puts a note (e.g. what the registry said) under its own field only', () => {
    const noted = renderToStaticMarkup(
      <CatalogForm form={form} language="ru" values={{ applicantType: 'individual' }} onChange={() => undefined} showErrors={false} problemText={String} notes={{ iin: <p data-note="iin">checked</p> }} />,
    );
    expect(noted).toMatch(/id="form-iin"[^>]*\/>(<div[^>]*>[^<]*<\/div>)?<p data-note="iin">checked<\/p>/);
    expect(noted.match(/data-note/g)).toHaveLength(1);
  });
});
