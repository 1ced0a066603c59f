import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../../../shared/catalog/catalog';
import { APPLICANT_INDIVIDUAL, formFor, paperMarkId } from '../../../../shared/forms/catalogForms';
import { relevantValues } from '../../../../shared/forms/evaluateForm';
import { YES, type FormDefinition } from '../../../../shared/forms/formSchema';
import { checklistCompleteness } from '../../../../shared/request/checklistCompleteness';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { i18nOptions } from '../../i18n/i18n';
import { ReviewSummary } from './ReviewSummary';

await i18next.use(initReactI18next).init({ ...i18nOptions, lng: 'ru' });

// A service with licence subtypes and a fee, so every kind of answer is there to be read back.
const service = bundledCatalog.services.find((candidate) => candidate.subtypes.length > 0 && candidate.payment && candidate.kinds.some((kind) => kind.id === 'issue'))!;
const kind = service.kinds.find((candidate) => candidate.id === 'issue')!;
const form = formFor(service, kind.id) as FormDefinition;
const subtype = service.subtypes[0]!;
const firstItem = kind.checklist[0]!;
const values = {
  applicantType: APPLICANT_INDIVIDUAL,
  iin: '850101300127',
  surname: 'Жұмабаев',
  givenName: 'Қайрат',
  patronymic: '',
  address: 'Астана, Мәңгілік Ел даңғылы, 8',
  phone: '+7 701 234 56 78',
  birthDate: '1985-01-01',
  hasRepresentative: YES,
  representativeIin: '900202400131',
  representativeFullName: 'Ахметов Болат',
  powerOfAttorneyNumber: 'ДОВ-17',
  powerOfAttorneyDate: '2026-11-30',
  subtype: subtype.id,
  paymentMethod: 'gateway',
  paymentReference: '1234567890',
  [paperMarkId(firstItem.id)]: YES,
  // Typed while the applicant was a legal entity: not relevant now, so neither signed nor shown.
  organisationName: 'ТОО Ескі',
};

function review(language: 'kk' | 'ru' | 'en') {
  void i18next.changeLanguage(language);
  return renderToStaticMarkup(
    <ReviewSummary
      service={service}
      kind={kind}
      form={form}
      values={values}
      completeness={checklistCompleteness(service, kind, values, [])}
      looseFiles={['extra-letter.pdf']}
      registry={{ verified: false } as never}
      payment={{ state: 'found' } as never}
      signer={{ fullName: 'Оператор Тест', iin: '800101300125', office: 'ЦОН Астана' }}
    />,
  );
}

describe('ReviewSummary', () => {
  it('reads back every answer the signature covers: each relevant field, the subtype by its name, address and phone', () => {
    const html = review('ru');
    const signed = Object.keys(relevantValues(form, values)).filter((id) => !id.startsWith('paper.'));
    expect(signed).toEqual(expect.arrayContaining(['subtype', 'address', 'phone', 'representativeIin', 'paymentReference']));
    for (const id of signed) expect(html, id).toContain(`data-field="${id}"`);
    expect(html).toContain(subtype.name.ru);
    expect(html).toContain('Астана, Мәңгілік Ел даңғылы, 8');
    expect(html).toContain('+7 701 234 56 78');
    expect(html).toContain('ДОВ-17');
    expect(html).not.toContain('ТОО Ескі');
  });

  it('names the documents, loose files and who signs for which office, in each language', () => {
    for (const language of ['kk', 'ru', 'en'] as const) {
      const html = review(language);
      expect(html).toContain(firstItem.name[language]);
      expect(html).toContain('extra-letter.pdf');
      expect(html).toContain('ЦОН Астана');
      expect(html).toContain(subtype.name[language]);
    }
  });
});
