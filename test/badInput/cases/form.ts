/**
 * Form fields (the form engine the request screen runs): each bad answer gets its field's problem in the words the
 * request screen uses (problemMessage over problemTexts). Text that only looks dangerous is kept as typed: stored
 * verbatim in the real Dexie store and carried as text, never markup, in the signed request XML.
 */
import { DOMParser } from '@xmldom/xmldom';
import { bundledCatalog } from '../../../shared/catalog/catalog';
import { APPLICANT_INDIVIDUAL, formFor } from '../../../shared/forms/catalogForms';
import { validateForm } from '../../../shared/forms/evaluateForm';
import { formFields, type FormValues } from '../../../shared/forms/formSchema';
import { problemMessage, problemTexts } from '../../../shared/forms/formTexts';
import { withCheckDigit } from '../../../shared/identity/iin';
import { languages, type Language } from '../../../shared/i18n/messages';
import { buildRequestXml } from '../../../shared/request/requestDocument';
import { openTestDb } from '../../../renderer/src/db/testDb.testkit';
import { createDraft, saveDraftForm } from '../../../renderer/src/features/requests/requestDrafts';
import { kept, KEPT, type BadInputCase, type Outcome } from '../corpus';
import { requestFor, type Workstation } from '../workstation';

const service = bundledCatalog.services[0]!;
const form = formFor(service, service.kinds[0]!.id)!;
const fieldOf = (id: string) => formFields(form).find((field) => field.id === id)!;

const GOOD_IIN = withCheckDigit('90010130001')!;
/** A resident legal entity's BIN, registered March 2012. */
const A_BIN = withCheckDigit('12034000123')!;
/** Born on the 1st of January 2099: a valid IIN shape, a birth date that has not happened. */
const UNBORN_IIN = withCheckDigit('99010150001')!;

const goodAnswers: FormValues = {
  applicantType: APPLICANT_INDIVIDUAL,
  iin: GOOD_IIN,
  surname: 'Ахметова',
  givenName: 'Сәуле',
  address: 'Алматы, Абай даңғылы 10, 5-пәтер',
  phone: '+7 701 234 56 78',
  birthDate: '1990-01-01',
  hasRepresentative: 'yes',
  representativeIin: withCheckDigit('85051530001')!,
};

/** What the request screen shows under the field for these answers (nothing: KEPT). */
function fieldOutcome(fieldId: string, values: FormValues): Outcome {
  const field = fieldOf(fieldId);
  const problem = validateForm(form, values)[fieldId];
  if (!problem) return kept();
  return {
    key: `form.${problem}`,
    texts: Object.fromEntries(languages.map((language) => [language, problemMessage(field, problem, language, (code) => problemTexts[code][language])])) as Record<Language, string>,
  };
}

async function formStillWorks(): Promise<void> {
  const problems = validateForm(form, goodAnswers);
  const touched = Object.keys(goodAnswers).filter((id) => problems[id]);
  if (touched.length > 0) throw new Error(`good answers refused: ${touched.map((id) => `${id}: ${problems[id]}`).join(', ')}`);
}

function answer(id: string, description: string, fieldId: string, value: string, expected: string): BadInputCase<Workstation> {
  return { id, area: 'form', description, expected, run: async () => fieldOutcome(fieldId, { ...goodAnswers, [fieldId]: value }), stillWorks: formStillWorks };
}

/** Accepted, kept byte for byte in Dexie, and inside the request XML as the text it is. */
function keptAsText(id: string, description: string, fieldId: string, value: string): BadInputCase<Workstation> {
  return {
    id,
    area: 'form',
    description,
    expected: KEPT,
    stillWorks: formStillWorks,
    async run(workstation) {
      const outcome = fieldOutcome(fieldId, { ...goodAnswers, [fieldId]: value });
      if (outcome.key !== KEPT) return outcome;
      const db = openTestDb();
      const draft = await createDraft(db, { operatorId: 'op-1', officeCode: 'TRN', catalogVersion: bundledCatalog.version, serviceId: service.id, kindId: service.kinds[0]!.id, now: new Date() });
      await saveDraftForm(db, draft.id, { ...goodAnswers, [fieldId]: value });
      const stored = (await db.requests.get(draft.id))?.form[fieldId];
      db.close();
      const xml = buildRequestXml({ ...requestFor(workstation), form: { [fieldId]: value } });
      const parsed = new DOMParser().parseFromString(xml, 'text/xml');
      const texts = Array.from(parsed.getElementsByTagName('*')).filter((element) => element.childNodes.length === 1 && element.firstChild?.nodeType === 3).map((element) => element.textContent);
      const asElements = parsed.getElementsByTagName('img').length + parsed.getElementsByTagName('script').length;
      if (stored !== value) return { key: 'form.altered-in-store', texts: { kk: '', ru: '', en: '' } };
      if (!texts.includes(value) || asElements > 0) return { key: 'form.interpreted-in-xml', texts: { kk: '', ru: '', en: '' } };
      return kept();
    },
  };
}

export const formCases: BadInputCase<Workstation>[] = [
  answer('form-iin-checksum', 'IIN whose check digit is wrong', 'iin', GOOD_IIN.slice(0, 11) + String((Number(GOOD_IIN[11]) + 1) % 10), 'form.iin.badChecksum'),
  answer('form-iin-11-digits', 'IIN of 11 digits', 'iin', GOOD_IIN.slice(0, 11), 'form.iin.notTwelveDigits'),
  answer('form-iin-letters', 'IIN with letters (O for 0)', 'iin', GOOD_IIN.replace(/0/g, 'O'), 'form.iin.notTwelveDigits'),
  answer('form-iin-is-bin', 'a company BIN typed where the applicant’s IIN is asked', 'iin', A_BIN, 'form.iin.isBin'),
  answer('form-iin-impossible-date', 'IIN encoding the 30th of February', 'iin', withCheckDigit('90023030001') ?? withCheckDigit('90023030002')!, 'form.iin.badDate'),
  answer('form-iin-future', 'IIN of someone born in 2099', 'iin', UNBORN_IIN, 'form.iin.badDate'),
  answer('form-iin-century', 'IIN with century digit 9', 'iin', withCheckDigit('90010190001') ?? withCheckDigit('90010190002')!, 'form.iin.badCentury'),
  answer('form-representative-iin', 'representative’s IIN of 13 digits', 'representativeIin', `${GOOD_IIN}7`, 'form.iin.notTwelveDigits'),
  answer('form-birth-date-impossible', 'birth date 1990-02-30', 'birthDate', '1990-02-30', 'form.date'),
  answer('form-birth-date-not-iin', 'birth date that differs from the one in the IIN', 'birthDate', '1991-05-17', 'form.constraint'),
  answer('form-name-spaces', 'surname of spaces only', 'surname', '     ', 'form.required'),
  answer('form-name-10000', 'a 10 000-character surname', 'surname', 'А'.repeat(10_000), 'form.tooLong'),
  answer('form-name-control', 'control characters (NUL, ESC) in the given name', 'givenName', 'Сәу\u0000ле\u001b[31m', 'form.characters'),
  answer('form-name-rtl-override', 'right-to-left override making a name display reversed', 'surname', 'Ахмет\u202eавоте', 'form.characters'),
  answer('form-address-newline', 'address pasted with a line break and a tab', 'address', 'Алматы,\n\tАбай 10', 'form.characters'),
  answer('form-phone-short', 'phone number of five digits', 'phone', '12345', 'form.phone'),
  answer('form-phone-letters', 'phone number with letters', 'phone', '+7 70I 234 56 78', 'form.phone'),
  answer('form-phone-email', 'an e-mail address typed in the phone field', 'phone', 'saule@mail.kz', 'form.phone'),
  keptAsText('form-text-html', 'HTML with a script handler as a surname', 'surname', '<img src=x onerror=alert(1)>'),
  keptAsText('form-text-sql', 'SQL injection as an address', 'address', "Robert'); DROP TABLE requests;--"),
  keptAsText('form-text-emoji', 'emoji and a Kazakh name with ә, ғ, қ, ң, ө, ұ, ү, һ, і', 'givenName', 'Әйгерім Ғалымқызы 🌷'),
];
